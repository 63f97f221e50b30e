// The IPC contract: one typed map of invoke channels (request → response) and one of pushed events.
// The preload, the Electron IPC binding and the browser-mode websocket bridge all derive from it.
import type { CustomerDisplayState, LinkStatus, Receipt, Sale } from '../domain';
import type { PublicSettings } from '../settings';
import type { Result } from '../result';
import type {
  PinRequest,
  ReportDayRequest,
  ReportExportRequest,
  SaleIdRequest,
  SaleListRequest,
  SalePinRequest,
  SaleRefundRequest,
  SaleResolveRequest,
  SaleStartRequest,
  SettingsUpdateRequest,
} from './schemas';
import type { DayReport, ReconciliationResult, ReportExport, ZReportSummary } from '../reports';

export interface ConnectionCheck {
  readonly opn: { readonly ok: boolean; readonly message: string };
  readonly forwarder: { readonly ok: boolean; readonly message: string };
}

export interface AppInfo {
  readonly version: string;
  readonly mode: 'demo' | 'live';
  /** 'electron' or 'browser': how this window is being served. */
  readonly shell: 'electron' | 'browser';
  readonly link: LinkStatus;
  /** True until start-up reconciliation of open sales has finished; no new sale may start before. */
  readonly recovering: boolean;
}

/** Invoke channels: request and response types. Inputs are validated by `invokeSchemas`. */
export interface InvokeMap {
  'app:info': { request: Record<string, never>; response: AppInfo };
  'settings:get': { request: Record<string, never>; response: PublicSettings };
  'settings:update': { request: SettingsUpdateRequest; response: PublicSettings };
  'settings:testConnection': { request: Record<string, never>; response: ConnectionCheck };
  'sale:start': { request: SaleStartRequest; response: Sale };
  'sale:cancel': { request: SaleIdRequest; response: Sale };
  'sale:get': { request: SaleIdRequest; response: Receipt };
  'sale:list': { request: SaleListRequest; response: readonly Sale[] };
  'sale:refund': { request: SaleRefundRequest; response: Receipt };
  'sale:void': { request: SalePinRequest; response: Receipt };
  'sale:capture': { request: SaleIdRequest; response: Receipt };
  'sale:reverse': { request: SalePinRequest; response: Receipt };
  'sale:resolveAttention': { request: SaleResolveRequest; response: Receipt };
  'reports:x': { request: ReportDayRequest; response: DayReport };
  'reports:z': { request: ReportDayRequest; response: ZReportSummary };
  'reports:listZ': { request: PinRequest; response: readonly ZReportSummary[] };
  'reports:reconcile': { request: ReportDayRequest; response: ReconciliationResult };
  'reports:export': { request: ReportExportRequest; response: ReportExport };
  'display:get': { request: Record<string, never>; response: CustomerDisplayState };
}

export type InvokeChannel = keyof InvokeMap;
export type InvokeRequest<C extends InvokeChannel> = InvokeMap[C]['request'];
export type InvokeResponse<C extends InvokeChannel> = InvokeMap[C]['response'];

/** Events pushed from the main process to windows. */
export interface EventMap {
  'sale:updated': Sale;
  'link:changed': LinkStatus;
  'display:changed': CustomerDisplayState;
  'settings:changed': PublicSettings;
  'reports:progress': { readonly task: string; readonly done: number; readonly total: number };
}
export type EventName = keyof EventMap;

/** Runtime list of event names (compiler-checked against EventMap). */
export const EVENT_NAMES = Object.keys({
  'sale:updated': true,
  'link:changed': true,
  'display:changed': true,
  'settings:changed': true,
  'reports:progress': true,
} satisfies Record<EventName, true>) as EventName[];

/** Channels the read-only customer display may call (browser mode on a tablet). */
export const DISPLAY_CHANNELS: readonly InvokeChannel[] = ['display:get', 'app:info'];
export const DISPLAY_EVENTS: readonly EventName[] = ['display:changed', 'link:changed'];

/** The bridge the preload exposes as `window.pos` (and the browser bridge implements). */
export type PosBridge = {
  readonly [C in InvokeChannel]: (
    request: InvokeRequest<C>,
  ) => Promise<Result<InvokeResponse<C>>>;
} & {
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
};
