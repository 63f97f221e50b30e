// The payment core's public shape: what the app layer may call. Inputs arrive typed (the gate parsed
// them); the core keeps the domain rules (state machine, refundable amount, money limits).
import type { Country, Currency, OpnCharge, Receipt, RelayEvent, Sale, SaleOrigin } from '../../shared';
import type { Logger } from './log';
import type { OpnClient } from './opn/index';
import type { CoreTuning } from './sales/context';
import type { RebuildProgress, RebuildRange, RebuildResult } from './sales/rebuild';
import type { ReceiptStore, WriteProblem } from './store/index';
import type { OffsiteStatus, OffsiteTarget } from './store/offsite';

/** Sales of one business day (shared/time: the shop's zone and start of day), newest first. */
export interface ListSalesQuery {
  readonly day?: string | undefined;
  readonly timeZone?: string | undefined;
  readonly dayStartMinutes?: number | undefined;
  readonly query?: string | undefined;
  readonly limit?: number | undefined;
}

export interface PaymentCoreOptions {
  dbPath: string;
  opn: { baseUrl: string; secretKey: string; timeoutMs?: number; retries?: number; backoffBaseMs?: number; guard?: (url: string) => void };
  terminal: { terminalId: string; storeId: string; country: Country; returnUri: string; captureMode: 'automatic' | 'manual' };
  /** The terminal's QR validity (its countdown, then /expire); a function is read at each new sale. */
  qrTtlMs?: number | (() => number);
  pollIntervalMs?: number;
  now?: () => Date;
  logger?: Logger;
  /** Less common knobs (tests shorten them). */
  tuning?: Partial<CoreTuning>;
  /** Daily backup check cadence; 0 turns the timer off. Default 1 hour. */
  backupCheckMs?: number;
  /**
   * Opn refused capture=false (manual capture) for this account: the sale went through as automatic and so
   * will every later one; the app records it in the settings and tells the cashier.
   */
  onManualCaptureRefused?: () => void;
  /** Opn accepted capture=false: the app records that this account supports manual capture. */
  onManualCaptureAccepted?: () => void;
  /**
   * A log that fails its integrity check at open is set aside and the newest good backup restored, then
   * rebuilt from Opn (default). False: refuse to open (DbCorruptError), as before.
   */
  restoreOnCorrupt?: boolean;
  /**
   * The off-disk backup folder (USB stick, network share) and how many days of copies to keep, read each
   * time (Settings may change it); null = none. Written daily and by `backupOffsite()` (after each Z);
   * a restore at start searches it after the local backups.
   */
  offsiteBackup?: () => OffsiteTarget | null;
}

/** A new sale: typed by the cashier (no origin), or asked for by a till through the POS link (origin). */
export interface StartSaleInput {
  readonly amount: number;
  readonly currency: Currency;
  readonly cashier?: string | undefined;
  /** The till, its reference, note and cart; checked (shared/pos-link saleOriginSchema) and stored with the sale. */
  readonly origin?: SaleOrigin | null | undefined;
}

/** What a restore at start did: the damaged file kept aside, the backup used, and what came back from Opn. */
export interface RestoreReport {
  readonly damagedKeptAt: string;
  readonly backup: string | null;
  readonly reason: string;
  /** Null until the rebuild from Opn has run (it runs in recover(), before new sales may start). */
  readonly rebuild: RebuildResult | null;
}

export interface PaymentCore {
  readonly store: ReceiptStore;
  readonly opn: OpnClient;
  recover(): Promise<void>;
  startSale(input: StartSaleInput): Promise<Sale>;
  cancelSale(saleId: string): Promise<Sale>;
  getReceipt(saleId: string): Receipt;
  /** Sales of one business day (shared/time: the shop's zone and start of day), newest first. */
  listSales(q: ListSalesQuery): Sale[];
  refund(input: { saleId: string; amount: number }): Promise<Receipt>;
  voidSale(saleId: string): Promise<Receipt>;
  capture(saleId: string): Promise<Receipt>;
  reverse(saleId: string): Promise<Receipt>;
  resolveAttention(input: { saleId: string; action: 'refund' | 'accept' }): Promise<Receipt>;
  handleRelayEvent(event: RelayEvent): Promise<void>;
  /** Records refunds made at Opn that these charges (read by a reconciliation) show; returns how many. */
  recordOpnRefunds(charges: readonly OpnCharge[]): Promise<number>;
  relayCursor(): number;
  setRelayHealthy(healthy: boolean): void;
  onSaleChanged(listener: (sale: Sale) => void): () => void;
  /** Why the receipt log cannot be written right now (`disk_full`, `store_unwritable`), or null. */
  storeHealth(): WriteProblem | null;
  /** Writes a verified copy to the off-disk folder now (after a Z); never throws: the status says. */
  backupOffsite(): Promise<OffsiteStatus>;
  /** The off-disk backup's state and its last good copy, for Settings. */
  offsiteStatus(): OffsiteStatus;
  /** The restore made at start (a damaged log), or null. */
  restoreReport(): RestoreReport | null;
  /**
   * Brings back this terminal's sales and refunds of [from, to) from Opn (a new PC, or after a restore).
   * Idempotent: a sale or refund already in the log is never written twice; new rows are marked rebuilt.
   */
  rebuild(range: RebuildRange, onProgress?: (p: RebuildProgress) => void): Promise<RebuildResult>;
  /** One pass of the polling fallback and QR expiry (the timer calls it; tests call it directly). */
  tick(): Promise<void>;
  close(): Promise<void>;
}
