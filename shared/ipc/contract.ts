// The IPC contract: ONE object lists every invoke channel with its input schema, who may call it, whether
// it needs the manager PIN, and its response type. The gate, the Electron binding, the browser bridge,
// the preload and the renderer's typed bridge all derive from it; there is no second list.
import type { z } from 'zod';
import type { CustomerDisplayState, LinkStatus, Receipt, Sale } from '../domain';
import type { PublicSettings } from '../settings';
import type { Result } from '../result';
import type { DayReport, ReconciliationResult, ReportExport, ZReportSummary } from '../reports';
import type { PrintNotice, ReceiptDocument } from '../receipts';
import type { StoreDayReport } from '../reports-store';
import type { PosLinkStatus, PosPairingCode } from '../pos-link/control';
import {
  checkoutFallbackInput,
  checkoutFramingInput,
  receiptPreviewInput,
  receiptRefundInput,
  storeExportInput,
  connectionTestInput,
  empty,
  exportFileInput,
  rebuildInput,
  reportDayInput,
  reportExportInput,
  saleIdInput,
  saleListInput,
  saleRefundInput,
  saleResolveInput,
  saleStartInput,
  settingsUpdateInput,
  posLinkConfigureInput,
  posLinkPairInput,
  posLinkRevokeInput,
} from './schemas';
import { managerPinSchema } from '../manager-pin';

/** Who is calling: the cashier window, or the customer display (read-only; a tablet in browser mode). */
export const ROLES = ['cashier', 'display'] as const;
export type Role = (typeof ROLES)[number];

/**
 * The manager PIN a channel needs: 'required' always; 'if-set' only once a PIN exists (a fresh live
 * install opens Settings without one, and its first save must set one).
 */
export type PinPolicy = 'required' | 'if-set';

/** What "Test connection" found, as a code the window words itself (CHECK_CODES), with its figures. */
export const CHECK_CODES = [
  'opn_no_secret', 'opn_secret_refused', 'opn_http', 'opn_not_opn', 'opn_public_mode', 'opn_public_refused', 'opn_capability_http',
  'opn_no_kakaopay', 'opn_ok_both', 'opn_ok_secret', 'opn_unreachable',
  'fwd_no_url', 'fwd_no_token', 'fwd_bad_url', 'fwd_health_http', 'fwd_unreachable', 'fwd_connected', 'fwd_token_ok', 'fwd_token_refused', 'fwd_refused_http', 'fwd_ws_failed',
] as const;
export type CheckCode = (typeof CHECK_CODES)[number];
/** Why a network call failed: a few named causes, else the system's error code (ECONNRESET…). */
export type NetReason = 'timeout' | 'refused' | 'unknown_host' | 'network' | (string & {});

export interface CheckResult {
  readonly ok: boolean;
  /** English, for the log and tests; the window words `code` and its figures. */
  readonly message: string;
  readonly code?: CheckCode;
  readonly httpStatus?: number;
  readonly host?: string;
  readonly net?: NetReason;
  /** The secret key's mode. */
  readonly mode?: 'test' | 'live';
  readonly terminal?: string;
}
export interface ConnectionCheck {
  readonly opn: CheckResult;
  readonly forwarder: CheckResult;
}

/** `reports:rebuild`: what came back from Opn (rows already in the log are never written twice). */
export interface RebuildSummary {
  readonly from: string;
  readonly to: string;
  readonly charges: number;
  readonly salesAdded: number;
  readonly salesUpdated: number;
  readonly refundsAdded: number;
}

export interface DataSafetyStatus {
  readonly offsite: {
    readonly dir: string | null;
    readonly state: 'off' | 'ok' | 'failed' | 'never';
    readonly lastGood: { readonly file: string; readonly at: string } | null;
    readonly lastError: { readonly code: string; readonly detail: string; readonly at: string } | null;
  };
  /** A damaged log set aside at start and restored: which backup, and how many sales came back from Opn. */
  readonly restore: { readonly backup: string | null; readonly damagedKeptAt: string; readonly salesAdded: number | null } | null;
  /** 'disk_full' / 'store_unwritable' while the log cannot be written, else null. */
  readonly storeHealth: 'disk_full' | 'store_unwritable' | null;
}

/** `reports:saveAs`: where the copy went, or null when the manager cancelled the dialog. */
export interface ExportSaved {
  readonly savedTo: string | null;
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

/** A receipt or slip put in the print queue: it prints in the background (notices tell the outcome). */
export interface PrintQueued {
  readonly jobId: string;
  /** False when Settings choose no printer: nothing was queued. */
  readonly queued: boolean;
}

/** The receipt as on paper, for the screen: the document (lines) and the same HTML the OS printer gets. */
export interface ReceiptPreview {
  readonly document: ReceiptDocument;
  readonly html: string;
}

/** What `manager:unlock` answers: the PIN was right. The renderer keeps it only while a screen is open. */
export interface ManagerUnlock {
  readonly unlocked: true;
}

// A typed marker for the response type: no value exists at run time.
const returns = <T>(): T => undefined as T;

/**
 * `role`: the least trusted page that may call it ('display' channels are open to the cashier too).
 * `pin`: the request carries a `pin` field (added to the input by `requestSchema`, never written in a
 * schema); the gate checks it against the manager PIN (one persistent limiter) and hands the handler
 * the input without it.
 */
export const CHANNELS = {
  'app:info': { input: empty, role: 'display', response: returns<AppInfo>() },
  'display:get': { input: empty, role: 'display', response: returns<CustomerDisplayState>() },
  // Browser mode: whether the current sale's checkout page lets this display frame it (its headers, read by
  // the main process: a refused frame cannot be seen from the page). 'unknown': try the frame.
  'display:checkoutFraming': { input: checkoutFramingInput, role: 'display', response: returns<{ readonly framing: 'allowed' | 'refused' | 'unknown' }>() },
  // The display fell back from the hosted checkout to our QR of the link: logged once per sale and reason.
  'display:checkoutFallback': { input: checkoutFallbackInput, role: 'display', response: returns<{ readonly logged: boolean }>() },
  'manager:unlock': { input: empty, role: 'cashier', pin: 'required', response: returns<ManagerUnlock>() },
  'settings:get': { input: empty, role: 'cashier', response: returns<PublicSettings>() },
  'settings:update': { input: settingsUpdateInput, role: 'cashier', pin: 'if-set', response: returns<PublicSettings>() },
  // Back to the demo from live: the live receipt log stays as it is; the demo's PIN (1234) applies again.
  'settings:useDemo': { input: empty, role: 'cashier', pin: 'required', response: returns<PublicSettings>() },
  'settings:testConnection': { input: connectionTestInput, role: 'cashier', pin: 'if-set', response: returns<ConnectionCheck>() },
  // The terminal's current sale (the one the customer display follows), so a reloaded or reconnected
  // cashier page resumes it from the terminal's state, never from its own memory.
  'sale:current': { input: empty, role: 'cashier', response: returns<Sale | null>() },
  'sale:start': { input: saleStartInput, role: 'cashier', response: returns<Sale>() },
  'sale:cancel': { input: saleIdInput, role: 'cashier', response: returns<Sale>() },
  'sale:get': { input: saleIdInput, role: 'cashier', response: returns<Receipt>() },
  'sale:list': { input: saleListInput, role: 'cashier', response: returns<readonly Sale[]>() },
  'sale:refund': { input: saleRefundInput, role: 'cashier', pin: 'required', response: returns<Receipt>() },
  'sale:void': { input: saleIdInput, role: 'cashier', pin: 'required', response: returns<Receipt>() },
  'sale:capture': { input: saleIdInput, role: 'cashier', response: returns<Receipt>() },
  'sale:reverse': { input: saleIdInput, role: 'cashier', pin: 'required', response: returns<Receipt>() },
  'sale:resolveAttention': { input: saleResolveInput, role: 'cashier', pin: 'required', response: returns<Receipt>() },
  'reports:x': { input: reportDayInput, role: 'cashier', pin: 'required', response: returns<DayReport>() },
  'reports:z': { input: reportDayInput, role: 'cashier', pin: 'required', response: returns<ZReportSummary>() },
  'reports:listZ': { input: empty, role: 'cashier', pin: 'required', response: returns<readonly ZReportSummary[]>() },
  'reports:reconcile': { input: reportDayInput, role: 'cashier', pin: 'required', response: returns<ReconciliationResult>() },
  'reports:export': { input: reportExportInput, role: 'cashier', pin: 'required', response: returns<ReportExport>() },
  // Electron: a save dialog for an export, and the file manager at it (browser mode downloads instead).
  'reports:saveAs': { input: exportFileInput, role: 'cashier', pin: 'required', response: returns<ExportSaved>() },
  'reports:showInFolder': { input: exportFileInput, role: 'cashier', pin: 'required', response: returns<{ readonly shown: true }>() },
  'reports:store': { input: reportDayInput, role: 'cashier', pin: 'required', response: returns<StoreDayReport>() },
  'reports:storeExport': { input: storeExportInput, role: 'cashier', pin: 'required', response: returns<ReportExport>() },
  /** Settings → Rebuild from Opn: this terminal's sales and refunds of those days written back (progress task `rebuild`). */
  'reports:rebuild': { input: rebuildInput, role: 'cashier', pin: 'required', response: returns<RebuildSummary>() },
  /** Settings → Data safety: the off-disk backup's state, a restore made at start, whether the log can be written. */
  'reports:dataSafety': { input: empty, role: 'cashier', pin: 'required', response: returns<DataSafetyStatus>() },
  /** Settings → Data safety → Copy now: writes and verifies an off-disk copy. */
  'reports:backupNow': { input: empty, role: 'cashier', pin: 'required', response: returns<DataSafetyStatus>() },
  'receipt:print': { input: saleIdInput, role: 'cashier', response: returns<PrintQueued>() },
  'receipt:printRefund': { input: receiptRefundInput, role: 'cashier', response: returns<PrintQueued>() },
  'receipt:preview': { input: receiptPreviewInput, role: 'cashier', response: returns<ReceiptPreview>() },
  'receipt:testPage': { input: empty, role: 'cashier', pin: 'if-set', response: returns<{ readonly printed: true }>() },
  // Settings → POS link (#23): the manager's only; no key ever crosses, only ids, names and the one-time code.
  'posLink:status': { input: empty, role: 'cashier', pin: 'required', response: returns<PosLinkStatus>() },
  'posLink:configure': { input: posLinkConfigureInput, role: 'cashier', pin: 'required', response: returns<PosLinkStatus>() },
  'posLink:pair': { input: posLinkPairInput, role: 'cashier', pin: 'required', response: returns<PosPairingCode>() },
  'posLink:revoke': { input: posLinkRevokeInput, role: 'cashier', pin: 'required', response: returns<PosLinkStatus>() },
} as const satisfies Record<string, { input: z.ZodObject; role: Role; pin?: PinPolicy; response: unknown }>;

export type InvokeChannel = keyof typeof CHANNELS;
type Spec<C extends InvokeChannel> = (typeof CHANNELS)[C];
type PinOf<C extends InvokeChannel> = Spec<C> extends { readonly pin: infer P } ? P : undefined;
/** The `pin` field a channel's policy adds to its request. */
type PinField<C extends InvokeChannel> = PinOf<C> extends 'required' ? { pin: string } : PinOf<C> extends 'if-set' ? { pin?: string } : unknown;
/** What the renderer sends (the PIN included where the channel's policy asks for one). */
export type InvokeRequest<C extends InvokeChannel> = Fields<z.input<Spec<C>['input']>> & PinField<C>;
// An empty strict object's input is an index signature of `never`; as a request it is "no fields".
type Fields<I> = string extends keyof I ? unknown : I;
/** What a handler receives: parsed once at the gate, the PIN already checked and removed. */
export type HandlerInput<C extends InvokeChannel> = z.output<Spec<C>['input']>;

/** The PIN policy of a channel, or undefined when it needs none. */
export function pinPolicy(channel: InvokeChannel): PinPolicy | undefined {
  const spec = CHANNELS[channel];
  return 'pin' in spec ? spec.pin : undefined;
}

const requestSchemas = new Map<InvokeChannel, z.ZodObject>();
/** A request's full schema: the channel's business fields plus the `pin` its policy asks for. */
export function requestSchema(channel: InvokeChannel): z.ZodObject {
  let schema = requestSchemas.get(channel);
  if (!schema) {
    const input: z.ZodObject = CHANNELS[channel].input;
    const policy = pinPolicy(channel);
    schema = policy === undefined ? input : input.extend({ pin: policy === 'required' ? managerPinSchema : managerPinSchema.optional() });
    requestSchemas.set(channel, schema);
  }
  return schema;
}
export type InvokeResponse<C extends InvokeChannel> = Spec<C>['response'];

export const INVOKE_CHANNEL_NAMES = Object.keys(CHANNELS) as InvokeChannel[];

export function isInvokeChannel(name: string): name is InvokeChannel {
  return Object.hasOwn(CHANNELS, name);
}

/** Whether a caller of `role` may use `channel`: the cashier may call every channel. */
export function roleMayCall(role: Role, channel: InvokeChannel): boolean {
  return role === 'cashier' || CHANNELS[channel].role === 'display';
}

/** Events pushed from the main process to windows, and the least trusted page that hears each. */
export interface EventMap {
  'sale:updated': Sale;
  'link:changed': LinkStatus;
  'display:changed': CustomerDisplayState;
  'settings:changed': PublicSettings;
  'reports:progress': { readonly task: string; readonly done: number; readonly total: number };
  /** A print job's outcome (printed, queued after a failure, given up). */
  'print:notice': PrintNotice;
  /** Browser mode's OS printer: the cashier page prints this HTML with the browser's print. */
  'print:page': { readonly jobId: string; readonly html: string; readonly pageWidthMm: 58 | 80 };
}
export type EventName = keyof EventMap;

export const EVENTS = {
  'sale:updated': 'cashier',
  'link:changed': 'display',
  'display:changed': 'display',
  'settings:changed': 'cashier',
  'reports:progress': 'cashier',
  'print:notice': 'cashier',
  'print:page': 'cashier',
} as const satisfies Record<EventName, Role>;

export const EVENT_NAMES = Object.keys(EVENTS) as EventName[];

export function roleHears(role: Role, event: EventName): boolean {
  return role === 'cashier' || EVENTS[event] === 'display';
}

/** The bridge the renderer uses (`window.pos` under Electron, the websocket bridge in browser mode). */
export type PosBridge = {
  readonly [C in InvokeChannel]: (request: InvokeRequest<C>) => Promise<Result<InvokeResponse<C>>>;
} & {
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
};

/** What the preload exposes: one generic call and one event subscription; the renderer types it. */
export interface PosTransport {
  invoke(channel: string, request: unknown): Promise<Result<unknown>>;
  on(listener: (event: string, payload: unknown) => void): () => void;
}
