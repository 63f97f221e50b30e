// What the per-domain handlers share: the app's settings, runtime, display and events.
import type { PosLinkControl, ReportExport } from '../../../shared';
import type { DestinationPolicy } from '../destinations';
import type { DisplayStateMachine } from '../display-state';
import type { Logger } from '../ports';
import type { AppEvents } from '../events';
import type { ExportFiles } from '../ports';
import type { Runtime } from '../runtime';
import type { SettingsStore } from '../settings-store';

export interface HandlerContext {
  readonly version: string;
  readonly shell: 'electron' | 'browser';
  readonly settings: SettingsStore;
  readonly runtime: Runtime;
  readonly display: DisplayStateMachine;
  readonly events: AppEvents;
  readonly destinations: DestinationPolicy;
  /** Browser mode turns an export's file path into a download URL. */
  readonly exportLink: (exp: ReportExport) => ReportExport;
  /** The data folder (exports/ is inside it). */
  readonly dataDir: string;
  /** Electron's save dialog and file manager; absent in browser mode. */
  readonly exportFiles?: ExportFiles;
  /**
   * The POS link server's control (Settings → POS link), read at each call: null while it is not part of
   * this build or not started; the `posLink:*` channels then answer `pos_link_unavailable`.
   */
  readonly posLink?: () => PosLinkControl | null;
  /** For what a handler does after its answer is settled (a slip that could not be queued). */
  readonly logger?: Logger;
}
