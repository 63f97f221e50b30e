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
import {
  pinIfSetInput,
  receiptPreviewInput,
  receiptRefundInput,
  storeExportInput,
  connectionTestInput,
  empty,
  exportFileInput,
  pinInput,
  rebuildInput,
  reportDayInput,
  reportExportInput,
  saleIdInput,
  saleListInput,
  salePinInput,
  saleRefundInput,
  saleResolveInput,
  saleStartInput,
  settingsUpdateInput,
} from './schemas';

/** Who is calling: the cashier window, or the customer display (read-only; a tablet in browser mode). */
export const ROLES = ['cashier', 'display'] as const;
export type Role = (typeof ROLES)[number];

/**
 * The manager PIN a channel needs: 'required' always; 'if-set' only once a PIN exists (a fresh live
 * install opens Settings without one, and its first save must set one).
 */
export type PinPolicy = 'required' | 'if-set';

export interface CheckResult {
  readonly ok: boolean;
  readonly message: string;
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
 * `pin`: the gate checks the request's `pin` against the manager PIN (one persistent limiter) and
 * hands the handler the input without it.
 */
export const CHANNELS = {
  'app:info': { input: empty, role: 'display', response: returns<AppInfo>() },
  'display:get': { input: empty, role: 'display', response: returns<CustomerDisplayState>() },
  'manager:unlock': { input: pinInput, role: 'cashier', pin: 'required', response: returns<ManagerUnlock>() },
  'settings:get': { input: empty, role: 'cashier', response: returns<PublicSettings>() },
  'settings:update': { input: settingsUpdateInput, role: 'cashier', pin: 'if-set', response: returns<PublicSettings>() },
  // Back to the demo from live: the live receipt log stays as it is; the demo's PIN (1234) applies again.
  'settings:useDemo': { input: pinInput, role: 'cashier', pin: 'required', response: returns<PublicSettings>() },
  'settings:testConnection': { input: connectionTestInput, role: 'cashier', pin: 'if-set', response: returns<ConnectionCheck>() },
  // The terminal's current sale (the one the customer display follows), so a reloaded or reconnected
  // cashier page resumes it from the terminal's state, never from its own memory.
  'sale:current': { input: empty, role: 'cashier', response: returns<Sale | null>() },
  'sale:start': { input: saleStartInput, role: 'cashier', response: returns<Sale>() },
  'sale:cancel': { input: saleIdInput, role: 'cashier', response: returns<Sale>() },
  'sale:get': { input: saleIdInput, role: 'cashier', response: returns<Receipt>() },
  'sale:list': { input: saleListInput, role: 'cashier', response: returns<readonly Sale[]>() },
  'sale:refund': { input: saleRefundInput, role: 'cashier', pin: 'required', response: returns<Receipt>() },
  'sale:void': { input: salePinInput, role: 'cashier', pin: 'required', response: returns<Receipt>() },
  'sale:capture': { input: saleIdInput, role: 'cashier', response: returns<Receipt>() },
  'sale:reverse': { input: salePinInput, role: 'cashier', pin: 'required', response: returns<Receipt>() },
  'sale:resolveAttention': { input: saleResolveInput, role: 'cashier', pin: 'required', response: returns<Receipt>() },
  'reports:x': { input: reportDayInput, role: 'cashier', pin: 'required', response: returns<DayReport>() },
  'reports:z': { input: reportDayInput, role: 'cashier', pin: 'required', response: returns<ZReportSummary>() },
  'reports:listZ': { input: pinInput, role: 'cashier', pin: 'required', response: returns<readonly ZReportSummary[]>() },
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
  'reports:dataSafety': { input: pinInput, role: 'cashier', pin: 'required', response: returns<DataSafetyStatus>() },
  /** Settings → Data safety → Copy now: writes and verifies an off-disk copy. */
  'reports:backupNow': { input: pinInput, role: 'cashier', pin: 'required', response: returns<DataSafetyStatus>() },
  'receipt:print': { input: saleIdInput, role: 'cashier', response: returns<PrintQueued>() },
  'receipt:printRefund': { input: receiptRefundInput, role: 'cashier', response: returns<PrintQueued>() },
  'receipt:preview': { input: receiptPreviewInput, role: 'cashier', response: returns<ReceiptPreview>() },
  'receipt:testPage': { input: pinIfSetInput, role: 'cashier', pin: 'if-set', response: returns<{ readonly printed: true }>() },
} as const satisfies Record<string, { input: z.ZodType; role: Role; pin?: PinPolicy; response: unknown }>;

export type InvokeChannel = keyof typeof CHANNELS;
type Spec<C extends InvokeChannel> = (typeof CHANNELS)[C];
/** What the renderer sends (the PIN included where the channel needs one). */
export type InvokeRequest<C extends InvokeChannel> = z.input<Spec<C>['input']>;
/** What a handler receives: parsed once at the gate, the PIN already checked and removed. */
export type HandlerInput<C extends InvokeChannel> = Omit<z.output<Spec<C>['input']>, 'pin'>;
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
