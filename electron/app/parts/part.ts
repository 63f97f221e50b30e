// What every part of the runtime is: it opens from the settings of the moment and closes, either to be
// opened again with new settings (`reconfigure`) or for good (`shutdown`). The coordinator
// (../runtime.ts) opens the parts in order and closes them in reverse.
export interface RuntimePart {
  open(): void | Promise<void>;
  close(why: 'reconfigure' | 'shutdown'): void | Promise<void>;
}

/** Why a part cannot serve right now. The gate's error mapping (../errors.ts) words it for the window. */
export type UnavailableReason = 'not_configured' | 'insecure_destination' | 'no_reports' | 'printing_starting';

export class PartUnavailable extends Error {
  override readonly name = 'PartUnavailable';
  constructor(readonly reason: UnavailableReason) {
    super(reason);
  }
}
