// The manager's reports (every channel here needs the PIN, checked at the gate).
import type { Handlers } from '../gate';
import type { HandlerContext } from './context';

type ReportChannels = 'reports:x' | 'reports:z' | 'reports:listZ' | 'reports:reconcile' | 'reports:export';

export function reportHandlers(ctx: HandlerContext): Pick<Handlers, ReportChannels> {
  const reports = () => ctx.runtime.reports();
  return {
    'reports:x': (input) => settle(() => reports().x(input.day)),
    'reports:z': (input) => settle(() => reports().z(input.day)),
    'reports:listZ': () => settle(() => reports().listZ()),
    'reports:reconcile': (input) => reports().reconcile(input.day),
    'reports:export': async (input) => ctx.exportLink(await reports().export(input.day, input.format)),
  };
}

/** Runs synchronous work as a promise, so a throw becomes a rejection like everywhere else. */
function settle<T>(fn: () => T): Promise<T> {
  return new Promise((resolve) => resolve(fn()));
}
