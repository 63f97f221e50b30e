// The manager's screens of the cashier window (settings, reports, set-up wizard, data safety): part of
// CashierTexts, kept apart so neither file grows past a screenful of screens.
import type { SettingsAttention } from '../settings';
import type { ReceiptTexts } from './receipt-texts';
import type { PosLinkTexts } from './pos-link-texts';

export interface ManagerTexts {
  readonly settings: {
    readonly title: string;
    readonly demoIntro: string;
    readonly liveIntro: string;
    readonly goLive: string;
    readonly changeKeys: string;
    readonly test: string;
    readonly testing: string;
    readonly save: string;
    readonly saving: string;
    readonly saved: string;
    readonly savedLive: string;
    readonly secretSet: string;
    readonly secretNotSet: string;
    readonly shop: string;
    readonly shopName: string;
    readonly shopNameHint: string;
    readonly country: string;
    readonly countryHint: string;
    readonly timeZone: string;
    readonly displayLanguages: string;
    readonly chooseLanguage: string;
    readonly cashierLanguage: string;
    readonly capture: string;
    readonly captureAutomatic: string;
    readonly captureManual: string;
    readonly terminalOpn: string;
    readonly terminalId: string;
    readonly storeId: string;
    readonly opnApiBase: string;
    readonly opnPublicKey: string;
    readonly opnSecretKey: string;
    readonly secretHint: string;
    readonly forwarderSecurity: string;
    readonly forwarderUrl: string;
    readonly forwarderToken: string;
    readonly newPin: string;
    readonly pin: string;
    readonly newPinHint: string;
    readonly pinRequiredHint: string;
    readonly shareDisplay: string;
    /** Changing the PIN asks for it twice. */
    readonly pinAgain: string;
    readonly pinAgainHint: string;
    readonly pinMismatch: string;
    readonly pinChanged: string;
    readonly savedPinChanged: string;
  };
  /** One cashier page at a time (browser mode). */
  readonly session: {
    readonly elsewhere: string;
    readonly elsewhereDetail: string;
    readonly taken: string;
    readonly takenDetail: string;
    readonly takeOver: string;
    /** Browser mode: the page's token is not this install's any more. */
    readonly stale: string;
    readonly staleDetail: string;
  };
  /** Going back from live to the demo (Settings, live mode). */
  readonly demoReturn: {
    readonly button: string;
    readonly confirm: string;
    readonly yes: string;
    readonly no: string;
    readonly done: string;
  };
  /** Receipts, printers and the store report (receipt-texts.ts). */
  readonly receipts: ReceiptTexts;
  /** POS link (#23): a till's sale, its till and reference, Settings → POS link. */
  readonly posLink: PosLinkTexts;
  readonly reports: {
    readonly title: string;
    readonly previousDay: string;
    readonly nextDay: string;
    readonly day: string;
    readonly today: string;
    readonly close: string;
    readonly dayStarts: (zone: string, time: string) => string;
    readonly closedZ: (n: number) => string;
    readonly openX: string;
    readonly working: string;
    readonly refresh: string;
    readonly reconcile: string;
    readonly closeDay: string;
    readonly export: string;
    readonly exportSummary: string;
    readonly exportSales: string;
    readonly exportPdf: string;
    readonly exportDifferences: string;
    readonly taskReconcile: string;
    readonly taskPdf: string;
    readonly taskSalesCsv: string;
    readonly beforeClose: string;
    readonly totals: string;
    readonly lines: {
      readonly successful: string;
      readonly fees: string;
      readonly feeVat: string;
      readonly net: string;
      readonly refunds: string;
      readonly voids: string;
      readonly netCollected: string;
      readonly netSettlement: string;
      readonly failed: string;
      readonly expired: string;
      readonly cancelled: string;
      readonly reversed: string;
      readonly authorized: string;
      readonly attention: string;
      readonly open: string;
    };
    readonly byHour: string;
    readonly hourTitle: (hour: string, count: number, amount: string) => string;
    readonly none: string;
    readonly cashier: string;
    readonly sales: string;
    readonly amount: string;
    readonly noCashiers: string;
    readonly closedDays: (n: number) => string;
    readonly closedAt: (when: string) => string;
    readonly exported: string;
    readonly savedIn: string;
    readonly validUntil: (time: string) => string;
    readonly saveAs: string;
    readonly showInFolder: string;
    readonly savedCopy: (path: string) => string;
    readonly linkExpired: string;
    readonly z: {
      readonly title: (day: string) => string;
      readonly final: string;
      readonly figures: (count: number, gross: string, net: string) => string;
      readonly cannotClose: string;
      readonly couldNotReconcile: (reason: string) => string;
      readonly cancel: string;
      readonly checking: string;
      readonly closing: string;
      readonly confirm: string;
    };
    readonly rec: {
      readonly title: string;
      readonly allMatch: string;
      readonly differences: (n: number) => string;
      readonly summary: (sales: number, charges: number, matched: number | null, others: number) => string;
      readonly kinds: { readonly missing_here: string; readonly missing_at_opn: string; readonly status_differs: string; readonly amount_differs: string };
      readonly difference: string;
      readonly sale: string;
      readonly charge: string;
      readonly here: string;
      readonly opn: string;
    };
  };
  readonly wizard: {
    readonly titleDemo: string;
    readonly titleLive: string;
    readonly steps: readonly [string, string, string, string];
    readonly stepsLabel: string;
    readonly keysIntro: string;
    readonly whichKeys: string;
    readonly testKeys: string;
    readonly liveKeys: string;
    readonly publicKey: string;
    readonly secretKey: string;
    readonly startsWith: (prefix: string) => string;
    readonly secretStored: string;
    readonly apiBase: string;
    readonly apiBaseHint: string;
    readonly notTestKey: (kind: string) => string;
    readonly notLiveKey: (kind: string) => string;
    readonly forwarderIntro: string;
    readonly commandIntro: (terminal: string) => string;
    readonly forwarderUrl: string;
    readonly forwarderUrlHint: string;
    readonly token: string;
    readonly tokenHint: string;
    readonly needWss: string;
    readonly pinIntro: string;
    readonly newPin: string;
    readonly pinAgain: string;
    readonly demoPin: string;
    readonly pinsDiffer: string;
    readonly keys: string;
    readonly keysTest: string;
    readonly keysLive: string;
    readonly opnApi: string;
    readonly forwarder: string;
    readonly tokenOf: (masked: string, terminal: string) => string;
    readonly managerPin: string;
    readonly pinDigits: (n: number) => string;
    readonly testExplain: string;
    readonly cancel: string;
    readonly back: string;
    readonly next: string;
    readonly testAll: string;
    readonly testing: string;
    readonly saveLive: string;
    readonly saving: string;
  };
  /** Saved settings refused by the destination rule (PublicSettings.attention): nothing is sent. */
  readonly settingsAttention: {
    readonly title: string;
    readonly reason: Readonly<Record<SettingsAttention, string>>;
    readonly fix: string;
  };
  /** Opn fidelity (#20): refunds made at Opn, manual capture only where the account supports it. */
  readonly opn: {
    readonly refundAtOpn: string;
    readonly refundAtOpnNotice: string;
    readonly manualCaptureUnproven: string;
    readonly manualCaptureRefused: string;
  };
  /** Settings → Data safety: rebuild from Opn (and the off-disk backup). */
  readonly dataSafety: {
    readonly backupIntro: string;
    readonly backupDir: string;
    readonly backupDirHint: string;
    readonly keepDays: string;
    readonly saveBackup: string;
    readonly copyNow: string;
    readonly copying: string;
    readonly stateOff: string;
    readonly stateNever: string;
    readonly stateOk: (when: string) => string;
    readonly stateFailed: (detail: string) => string;
    readonly restored: (sales: number) => string;
    readonly section: string;
    readonly rebuildIntro: string;
    readonly from: string;
    readonly to: string;
    readonly rebuild: string;
    readonly rebuilding: (done: number, total: number) => string;
    readonly rebuilt: (added: number, updated: number, refunds: number) => string;
  };
}
