// The manager's reports: this terminal's day and the store's (every channel here needs the PIN, checked at the gate).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { businessDayRange } from '../../../shared';
import type { DataSafetyStatus } from '../../../shared';
import { GateError } from '../errors';
import type { DomainHandlers } from '../gate';
import type { HandlerContext } from './context';

/** A rebuild reaches back at most this many days per request (Opn's list is paged; progress is shown). */
const MAX_REBUILD_DAYS = 93;

export function reportHandlers(ctx: HandlerContext): DomainHandlers<'reports'> {
  const reports = () => ctx.runtime.reports();
  return {
    'reports:x': (input) => reports().x(input.day),
    'reports:z': (input) => {
      const closed = reports().z(input.day);
      // A closed day is copied off the disk at once; a failure shows in Settings, never fails the Z.
      try {
        void ctx.runtime.core().backupOffsite();
      } catch {
        // No core (not configured): nothing to copy.
      }
      return closed;
    },
    'reports:dataSafety': () => dataSafety(ctx),
    'reports:backupNow': async () => {
      await ctx.runtime.core().backupOffsite();
      return dataSafety(ctx);
    },
    'reports:listZ': () => reports().listZ(),
    'reports:reconcile': (input) => reports().reconcile(input.day),
    'reports:export': async (input) => ctx.exportLink(await reports().export(input.day, input.format)),
    'reports:saveAs': async (input) => {
      const { files, file } = exportFile(ctx, input.fileName);
      return { savedTo: await files.saveAs(file, input.fileName) };
    },
    'reports:rebuild': async (input) => {
      const s = ctx.settings.get();
      const first = businessDayRange(input.from, s.timeZone, s.dayStartMinutes);
      const last = businessDayRange(input.to, s.timeZone, s.dayStartMinutes);
      const days = (Date.parse(last.to) - Date.parse(first.from)) / 86_400_000;
      if (!(days > 0) || days > MAX_REBUILD_DAYS + 1) throw new GateError('invalid_input', `Choose a range of 1 to ${MAX_REBUILD_DAYS} days, the first day first.`);
      const result = await ctx.runtime.core().rebuild({ from: first.from, to: last.to }, (p) =>
        ctx.events.emit('reports:progress', { task: 'rebuild', done: p.fetched, total: p.total }),
      );
      return { from: result.from, to: result.to, charges: result.charges, salesAdded: result.salesAdded, salesUpdated: result.salesUpdated, refundsAdded: result.refundsAdded };
    },
    'reports:showInFolder': (input) => {
      const { files, file } = exportFile(ctx, input.fileName);
      files.showInFolder(file);
      return { shown: true as const };
    },
    // The store's day across every terminal, from Opn's list.
    'reports:store': (input) => reports().store(input.day),
    'reports:storeExport': async (input) => ctx.exportLink(await reports().storeExport(input.day, input.format)),
  };
}

function dataSafety(ctx: HandlerContext): DataSafetyStatus {
  const core = ctx.runtime.core();
  const r = core.restoreReport();
  return {
    offsite: core.offsiteStatus(),
    restore: r ? { backup: r.backup, damagedKeptAt: r.damagedKeptAt, salesAdded: r.rebuild?.salesAdded ?? null } : null,
    storeHealth: core.storeHealth(),
  };
}

/** An existing file in the data folder's exports/ (the schema already refused paths and dot-names). */
function exportFile(ctx: HandlerContext, fileName: string) {
  if (!ctx.exportFiles) throw new GateError('unavailable', 'Exports are downloaded by the browser in browser mode.', { reason: 'browser_exports' });
  const dir = path.join(ctx.dataDir, 'exports');
  const file = path.join(dir, fileName);
  if (path.dirname(file) !== dir || !existsSync(file)) throw new GateError('not_found', 'This export is no longer on the terminal: export it again.', { reason: 'export_gone' });
  return { files: ctx.exportFiles, file };
}

