// Errors thrown by the reports: a stable code and a manager-safe message (the app maps them to
// `{ ok: false, error: { code, message } }`). The message alone must be enough to act on, because
// only code and message cross IPC.
import type { ZBlocker } from '../../shared';

export type ReportErrorCode =
  | 'invalid_format'
  | 'z_refused'
  | 'opn_unavailable'
  | 'print_failed'
  | 'export_failed';

export class ReportError extends Error {
  override readonly name = 'ReportError';
  constructor(
    readonly code: ReportErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Z refused: `blockers` lists each reason; the message names them too (at most a few sale ids). */
export class ZRefusedError extends ReportError {
  constructor(
    readonly day: string,
    readonly blockers: readonly ZBlocker[],
  ) {
    super('z_refused', zRefusalMessage(day, blockers));
  }
}

function zRefusalMessage(day: string, blockers: readonly ZBlocker[]): string {
  const shown = blockers.slice(0, 6).map((b) => b.detail);
  const more = blockers.length > shown.length ? ` (and ${blockers.length - shown.length} more)` : '';
  return `Cannot close ${day}: ${shown.join('; ')}${more}.`;
}
