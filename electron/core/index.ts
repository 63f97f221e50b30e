// The payment core: `openPaymentCore` wires the receipt store, the Opn client and the sale service.
// Plain Node: it never imports electron, so it runs and is tested without Electron.
import type { Country, Currency, Receipt, RelayEvent, Sale } from '../../shared/index';
import { COUNTRY_RULES, currencyOf } from '../../shared/index';
import { CoreError } from './errors';
import type { Logger } from './log';
import { silentLogger } from './log';
import type { OpnClient } from './opn/index';
import { createOpnClient } from './opn/index';
import { PinLimiter } from './pin';
import type { ReceiptStore } from './store/index';
import { openReceiptStore } from './store/index';
import type { CoreContext, CoreTuning } from './sales/context';
import { SaleService } from './sales/service';

export { CoreError, DbCorruptError, DbVersionFromFutureError } from './errors';
export type { CoreErrorCode } from './errors';
export { hashPin, verifyPin, PinLimiter } from './pin';
export type { PinCheck } from './pin';
export type { Logger } from './log';
export { createLogger, silentLogger } from './log';
export type { ReceiptStore } from './store/index';
export { openReceiptStore } from './store/index';
export type { OpnClient } from './opn/index';
export { createOpnClient, OpnApiError, OpnNetworkError } from './opn/index';

export interface PaymentCoreOptions {
  dbPath: string;
  opn: { baseUrl: string; secretKey: string; timeoutMs?: number; retries?: number; backoffBaseMs?: number };
  terminal: { terminalId: string; storeId: string; country: Country; returnUri: string; captureMode: 'automatic' | 'manual' };
  /** Verifies the manager PIN (the settings store keeps the scrypt hash); the core rate-limits failures. */
  pinHash: () => string | null;
  /** A limiter shared with the app's other PIN checks (settings, reports), so wrong PINs count once everywhere. */
  pins?: PinLimiter;
  /** The terminal's QR validity (its countdown, then /expire); a function is read at each new sale. */
  qrTtlMs?: number | (() => number);
  pollIntervalMs?: number;
  now?: () => Date;
  logger?: Logger;
  /** Less common knobs (tests shorten them). */
  tuning?: Partial<CoreTuning>;
  /** Daily backup check cadence; 0 turns the timer off. Default 1 hour. */
  backupCheckMs?: number;
}

export interface PaymentCore {
  readonly store: ReceiptStore;
  readonly opn: OpnClient;
  recover(): Promise<void>;
  startSale(input: { amount: number; currency: Currency; cashier?: string }): Promise<Sale>;
  cancelSale(saleId: string): Promise<Sale>;
  getReceipt(saleId: string): Receipt;
  /** Sales of one business day (shared/time: the shop's zone and start of day), newest first. */
  listSales(q: { day?: string; timeZone?: string; dayStartMinutes?: number; query?: string; limit?: number }): Sale[];
  refund(input: { saleId: string; amount: number; pin: string }): Promise<Receipt>;
  voidSale(input: { saleId: string; pin: string }): Promise<Receipt>;
  capture(saleId: string): Promise<Receipt>;
  reverse(input: { saleId: string; pin: string }): Promise<Receipt>;
  resolveAttention(input: { saleId: string; pin: string; action: 'refund' | 'accept' }): Promise<Receipt>;
  handleRelayEvent(event: RelayEvent): Promise<void>;
  relayCursor(): number;
  setRelayHealthy(healthy: boolean): void;
  onSaleChanged(listener: (sale: Sale) => void): () => void;
  /** One pass of the polling fallback and QR expiry (the timer calls it; tests call it directly). */
  tick(): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_QR_TTL_MS = 5 * 60_000;

/** A fixed validity, or a getter so a Settings change applies to the next sale without reopening the core. */
function withQrTtl(tuning: CoreTuning, q: PaymentCoreOptions['qrTtlMs']): CoreTuning {
  if (typeof q === 'number') tuning.qrTtlMs = q;
  if (typeof q === 'function') Object.defineProperty(tuning, 'qrTtlMs', { get: q, enumerable: true });
  return tuning;
}

export function openPaymentCore(options: PaymentCoreOptions): PaymentCore {
  const now = options.now ?? (() => new Date());
  const log = options.logger ?? silentLogger();
  if (!COUNTRY_RULES[options.terminal.country]) throw new CoreError('invalid_input', 'Unknown country.');
  const store = openReceiptStore(options.dbPath, { now });
  const opn = createOpnClient({
    baseUrl: options.opn.baseUrl,
    secretKey: options.opn.secretKey,
    timeoutMs: options.opn.timeoutMs,
    retries: options.opn.retries,
    backoffBaseMs: options.opn.backoffBaseMs,
    logger: log,
  });
  const listeners = new Set<(sale: Sale) => void>();
  const timeoutMs = options.opn.timeoutMs ?? 15_000;
  const ctx: CoreContext = {
    store,
    opn,
    terminal: { ...options.terminal },
    currency: currencyOf(options.terminal.country),
    tuning: withQrTtl({
      qrTtlMs: DEFAULT_QR_TTL_MS,
      pollAfterMs: 30_000,
      settleMs: timeoutMs + 10_000,
      searchSkewMs: 10 * 60_000,
      maxCreateAttempts: 3,
      recoverPasses: 3,
      ...options.tuning,
    }, options.qrTtlMs),
    log,
    pins: options.pins ?? new PinLimiter({ now }),
    pinHash: options.pinHash,
    now,
    iso: () => now().toISOString(),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    emit: (sale) => {
      for (const l of listeners) {
        try {
          l(sale);
        } catch (e) {
          log.error({ err: (e as Error).message }, 'sale listener threw');
        }
      }
    },
  };
  return new SaleService(ctx, listeners, { pollIntervalMs: options.pollIntervalMs ?? 5_000, backupCheckMs: options.backupCheckMs ?? 3_600_000 });
}
