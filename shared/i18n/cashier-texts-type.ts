// The shape every cashier language fills in (cashier-texts-en/-th/-ko.ts; the manager's screens in
// cashier-texts-manager-type.ts). Functions take what a text needs, already formatted where it is money
// (strings) and raw where it is a count (numbers).
import type { SaleStatus } from '../domain';
import type { CashierLanguage } from '../languages';
import type { ManagerTexts } from './cashier-texts-manager-type';

export interface CashierTexts extends ManagerTexts {
  /** Also a display language, so the shared failure texts exist in it. */
  readonly language: CashierLanguage;
  readonly locale: string;
  readonly tabs: { readonly sale: string; readonly today: string; readonly reports: string; readonly settings: string };
  readonly top: {
    readonly connecting: string;
    readonly demo: string;
    readonly country: { readonly SG: string; readonly TH: string };
    readonly offline: string;
    readonly noToken: string;
    readonly noTokenDetail: string;
    /** Live on Opn test keys (distinct from the demo): no real money. */
    readonly testMode: string;
    readonly testModeDetail: string;
  };
  readonly link: {
    readonly offline: string;
    readonly checking: string;
    readonly connected: string;
    readonly reconnecting: string;
    readonly reconnectingPolling: string;
    readonly stale: string;
    readonly offlineLink: string;
    readonly offlinePolling: string;
  };
  readonly amount: {
    readonly label: string;
    readonly range: (min: string, max: string) => string;
    readonly chargeHint: (amount: string) => string;
    readonly empty: string;
    readonly tooLong: (n: number) => string;
    readonly negative: string;
    readonly exponent: string;
    readonly characters: string;
    readonly malformed: string;
    readonly decimals: (n: number) => string;
    readonly minimum: (amount: string) => string;
    readonly maximum: (amount: string) => string;
  };
  readonly keypad: { readonly group: string; readonly point: string; readonly back: string; readonly clear: string };
  readonly sale: {
    readonly charge: string;
    readonly charging: string;
    readonly creating: string;
    readonly askingOpn: string;
    readonly notStarted: string;
    readonly ready: string;
    readonly readyHelp: string;
    readonly keyCharge: string;
    readonly keyCancel: string;
    readonly keyToday: string;
    readonly typeToStart: string;
    readonly newSale: string;
    readonly waiting: string;
    readonly scanHelp: string;
    readonly demoPlay: string;
    readonly demoOpen: string;
    readonly demoPress: string;
    readonly cancel: string;
    readonly cancelling: string;
    readonly paid: string;
    readonly authorized: string;
    readonly authorizedHelp: string;
    readonly capture: (amount: string) => string;
    readonly failed: string;
    readonly expired: string;
    readonly expiredHelp: string;
    readonly cancelled: string;
    readonly reversed: string;
    readonly attention: string;
    readonly attentionDefault: string;
    readonly attentionHelp: string;
    readonly validFor: string;
    readonly started: string;
    readonly chargeId: string;
  };
  readonly pin: {
    readonly label: string;
    readonly back: string;
    readonly confirm: string;
    readonly checking: string;
    readonly keypad: string;
    readonly delete: string;
    readonly managerMustConfirm: string;
    readonly settingsTitle: string;
    readonly settingsDetail: string;
    readonly settingsDemoDetail: string;
    readonly reportsTitle: string;
    readonly reportsDetail: string;
  };
  readonly list: {
    readonly title: string;
    readonly summary: (count: number, collected: string) => string;
    readonly loading: string;
    readonly search: string;
    readonly time: string;
    readonly amount: string;
    readonly status: string;
    readonly charge: string;
    readonly open: string;
    readonly details: string;
    readonly noMatch: string;
    readonly none: string;
  };
  readonly detail: {
    readonly sale: string;
    readonly close: string;
    readonly time: string;
    readonly feeVatNet: string;
    readonly refunded: string;
    readonly failure: string;
    readonly attention: string;
    readonly refundAmount: (currency: string) => string;
    readonly refund: string;
    readonly void: string;
    readonly capture: string;
    readonly reverse: string;
    readonly resolveRefund: string;
    readonly resolveKeep: string;
    readonly cancelPayment: string;
    readonly aboveZero: string;
    readonly atMost: (amount: string) => string;
    readonly refundLine: (amount: string) => string;
    readonly voidLine: (amount: string) => string;
    readonly voidWhy: string;
    readonly refundStatus: { readonly creating: string; readonly succeeded: string; readonly failed: string };
    readonly refundTitle: (amount: string) => string;
    readonly voidTitle: (amount: string) => string;
    readonly voidDetail: string;
    readonly reverseTitle: string;
    readonly resolveRefundTitle: string;
    readonly resolveKeepTitle: string;
    readonly refundedDone: (amount: string) => string;
    readonly refundedAsVoid: (amount: string) => string;
    readonly voidedDone: (amount: string) => string;
    readonly reversedDone: string;
    readonly resolvedRefund: string;
    readonly resolvedKeep: string;
  };
  readonly errors: {
    readonly pinInvalid: string;
    readonly pinInvalidLeft: (left: number) => string;
    readonly pinLocked: (minutes: number) => string;
    readonly pinNotSet: string;
    readonly pinRequired: string;
    readonly newPinRequired: string;
    readonly notConfigured: string;
    readonly recovering: string;
    readonly diskFull: string;
    readonly storeUnwritable: string;
    readonly opnUnavailable: string;
    readonly refundExceeds: string;
    readonly voidWindowClosed: string;
    readonly saleOpen: string;
    readonly notFound: string;
  };
  // ---- H3 (#18 pt 5): every error code in words, from the error's data (never the main process's message).
  readonly codes: {
    readonly unknownChannel: string;
    readonly forbidden: string;
    readonly displayReadOnly: string;
    readonly invalidInput: string;
    /** `label` is the field's name on screen. */
    readonly invalidField: (label: string) => string;
    readonly invalidAmount: string;
    readonly invalidCurrency: (currency: string) => string;
    /** `status` is already worded (t.status). */
    readonly invalidState: (status: string) => string;
    readonly noCharge: string;
    readonly notPaid: string;
    readonly noAttention: string;
    /** `code` is Opn's own error code (a technical name), null when Opn gave none. */
    readonly opnError: (code: string | null) => string;
    readonly opnBusy: (httpStatus: number) => string;
    readonly unavailable: string;
    readonly noDemo: string;
    readonly browserExports: string;
    readonly noReports: string;
    readonly printingStarting: string;
    readonly closed: string;
    readonly liveKeyOrigin: string;
    readonly liveForwarderWss: string;
    readonly settingsInvalid: string;
    readonly dbCorrupt: string;
    readonly dbFromFuture: (file: number | null, app: number | null) => string;
    readonly invalidFormat: string;
    readonly zRefused: (day: string) => string;
    readonly zChanged: (day: string) => string;
    readonly printFailed: string;
    readonly storePdfFailed: string;
    readonly chromiumStart: string;
    readonly exportFailed: (sysCode: string | null) => string;
    readonly exportGone: string;
    readonly saleOpenSettings: string;
    readonly saleOpenDemo: string;
    readonly setPinFirst: string;
    readonly disconnected: string;
    readonly timeout: string;
    readonly internal: (ref: string | null) => string;
  };
  /** Why a day cannot be closed (Z), one line each; `time` is already formatted. */
  readonly blockers: {
    readonly alreadyClosed: (zNumber: number) => string;
    readonly dayNotOver: (time: string) => string;
    readonly openSale: (saleId: string, status: string) => string;
    readonly needsAttention: (saleId: string) => string;
    readonly refundInFlight: (saleId: string) => string;
    readonly relayDown: string;
    readonly relayHolds: (n: number) => string;
  };
  /** Settings: the customer display and the QR's lifetime, and what a refused field expects. */
  readonly checkout: {
    readonly display: string;
    readonly hosted: string;
    readonly qr: string;
    readonly validFor: string;
    readonly minutes: (n: number) => string;
  };
  readonly fields: {
    readonly shopName: string;
    readonly country: string;
    readonly timeZone: string;
    readonly identifier: string;
    readonly opnApiBase: string;
    readonly opnPublicKey: string;
    readonly opnSecretKey: string;
    readonly forwarderUrl: string;
    readonly forwarderToken: string;
    readonly managerPin: string;
    readonly displayLanguages: string;
    readonly captureMode: string;
    readonly cashierLanguage: string;
    readonly required: string;
    readonly invalid: string;
  };
  /** Names of the screens' words that are not a table's own (connection test lines). */
  readonly checks: {
    readonly opn: string;
    readonly forwarder: string;
    readonly kakaopay: string;
    readonly keys: string;
    /** `mode` and `net` arrive worded (modeTest/modeLive, netTimeout…); `host` and `terminal` as they are. */
    readonly modeTest: string;
    readonly modeLive: string;
    readonly netTimeout: string;
    readonly netRefused: string;
    readonly netUnknownHost: string;
    readonly netOther: (code: string | null) => string;
    readonly opnNoSecret: string;
    readonly opnSecretRefused: string;
    readonly opnHttp: (status: number) => string;
    readonly opnNotOpn: string;
    readonly opnPublicMode: (secretMode: string) => string;
    readonly opnPublicRefused: string;
    readonly opnCapabilityHttp: (status: number) => string;
    readonly opnNoKakaopay: string;
    readonly opnOkBoth: (mode: string) => string;
    readonly opnOkSecret: (mode: string) => string;
    readonly opnUnreachable: (host: string, net: string) => string;
    readonly fwdNoUrl: string;
    readonly fwdNoToken: string;
    readonly fwdBadUrl: string;
    readonly fwdHealthHttp: (status: number) => string;
    readonly fwdUnreachable: (host: string, net: string) => string;
    readonly fwdConnected: string;
    readonly fwdTokenOk: string;
    readonly fwdTokenRefused: (terminal: string, status: number) => string;
    readonly fwdRefusedHttp: (status: number) => string;
    readonly fwdWsFailed: (net: string) => string;
    readonly unknown: string;
    /** The tab bar's name for screen readers. */
    readonly screens: string;
  };
  /** Why a sale needs attention (shared/i18n/attention.ts); `status` arrives worded. */
  readonly attention: {
    readonly paidAfterClose: string;
    readonly expireRefused: string;
    readonly secondCharge: string;
    readonly secondRefunded: (chargeId: string) => string;
    readonly opnStatus: (status: string) => string;
    readonly accepted: (before: string) => string;
  };
  /** Reconciliation sides the figures cannot say alone. */
  readonly reconcile: { readonly notAuthorized: string };
  // ---- end H3
  readonly status: Readonly<Record<SaleStatus, string>>;
}
