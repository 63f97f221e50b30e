// The manager's reports: this terminal's day and the store's (every channel here needs the PIN, checked at the gate).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { GateError } from '../errors';
import type { DomainHandlers } from '../gate';
import type { HandlerContext } from './context';

export function reportHandlers(ctx: HandlerContext): DomainHandlers<'reports'> {
  const reports = () => ctx.runtime.reports();
  return {
    'reports:x': (input) => reports().x(input.day),
    'reports:z': (input) => reports().z(input.day),
    'reports:listZ': () => reports().listZ(),
    'reports:reconcile': (input) => reports().reconcile(input.day),
    'reports:export': async (input) => ctx.exportLink(await reports().export(input.day, input.format)),
    'reports:saveAs': async (input) => {
      const { files, file } = exportFile(ctx, input.fileName);
      return { savedTo: await files.saveAs(file, input.fileName) };
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

/** An existing file in the data folder's exports/ (the schema already refused paths and dot-names). */
function exportFile(ctx: HandlerContext, fileName: string) {
  if (!ctx.exportFiles) throw new GateError('unavailable', 'Exports are downloaded by the browser in browser mode.', { reason: 'browser_exports' });
  const dir = path.join(ctx.dataDir, 'exports');
  const file = path.join(dir, fileName);
  if (path.dirname(file) !== dir || !existsSync(file)) throw new GateError('not_found', 'This export is no longer on the terminal: export it again.', { reason: 'export_gone' });
  return { files: ctx.exportFiles, file };
}

