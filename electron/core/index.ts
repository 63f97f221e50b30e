// The payment core: `openPaymentCore` wires the receipt store, the Opn client and the sale service.
// Plain Node: it never imports electron, so it runs and is tested without Electron.
import type { Sale } from '../../shared';
import { COUNTRY_RULES, currencyOf } from '../../shared';
import { CoreError } from './errors';
import { silentLogger } from './log';
import { createOpnClient } from './opn/index';
import { DbCorruptError } from './errors';
import { DEFAULT_DISK_FLOOR_BYTES, openReceiptStore } from './store/index';
import type { ReceiptStore } from './store/index';
import { MIGRATIONS } from './store/migrations/index';
import { restoreDamagedLog } from './store/restore';
import type { RestoreOutcome } from './store/restore';
import type { PaymentCore, PaymentCoreOptions } from './payment-core';
import type { CoreContext, CoreTuning } from './sales/context';
import { SaleService } from './sales/service';
import type { PendingRestore } from './sales/service';

export { CoreError, DbCorruptError, DbVersionFromFutureError, StoreWriteError } from './errors';
export type { CoreErrorCode } from './errors';
export type { PaymentCore, PaymentCoreOptions, ListSalesQuery, RestoreReport, StartSaleInput } from './payment-core';
export type { RebuildProgress, RebuildRange, RebuildResult } from './sales/rebuild';
export type { OffsiteStatus, OffsiteTarget } from './store/offsite';
export type { Logger } from './log';
export { createLogger, silentLogger } from './log';
export type { DayData, ReceiptStore, ReportSaleRow, WriteProblem } from './store/index';
export { openReceiptStore } from './store/index';
export type { OpnClient } from './opn/index';
export { createOpnClient, OpnApiError, OpnNetworkError } from './opn/index';

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
  const { store, restored } = openOrRestore(options, now);
  const opn = createOpnClient({
    baseUrl: options.opn.baseUrl,
    secretKey: options.opn.secretKey,
    timeoutMs: options.opn.timeoutMs,
    retries: options.opn.retries,
    backoffBaseMs: options.opn.backoffBaseMs,
    ...(options.opn.guard ? { guard: options.opn.guard } : {}),
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
      diskFloorBytes: DEFAULT_DISK_FLOOR_BYTES,
      ...options.tuning,
    }, options.qrTtlMs),
    log,
    now,
    ...(options.onManualCaptureRefused ? { manualCaptureRefused: options.onManualCaptureRefused } : {}),
    ...(options.onManualCaptureAccepted ? { manualCaptureAccepted: options.onManualCaptureAccepted } : {}),
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
  return new SaleService(
    ctx,
    listeners,
    { pollIntervalMs: options.pollIntervalMs ?? 5_000, backupCheckMs: options.backupCheckMs ?? 3_600_000, offsite: options.offsiteBackup ?? (() => null) },
    restored,
  );
}

/** How far back a rebuild reaches when no backup survived (a new PC, or every copy damaged). */
const REBUILD_WITHOUT_BACKUP_MS = 31 * 24 * 3_600_000;
/** Sales in flight while the backup was written: look a little before it. */
const REBUILD_MARGIN_MS = 60 * 60_000;

/**
 * Opens the receipt log; one that fails its integrity check is set aside and replaced by the newest good
 * backup (unless `restoreOnCorrupt` is false), and the range to rebuild from Opn is returned with it.
 */
function openOrRestore(options: PaymentCoreOptions, now: () => Date): { store: ReceiptStore; restored: PendingRestore | null } {
  try {
    return { store: openReceiptStore(options.dbPath, { now }), restored: null };
  } catch (e) {
    if (!(e instanceof DbCorruptError) || options.restoreOnCorrupt === false) throw e;
    const outcome: RestoreOutcome = restoreDamagedLog(options.dbPath, now(), MIGRATIONS.length, [options.offsiteBackup?.()?.dir].filter((d): d is string => typeof d === 'string' && d !== ''));
    const since = outcome.backupWrittenAt ? new Date(outcome.backupWrittenAt).getTime() - REBUILD_MARGIN_MS : now().getTime() - REBUILD_WITHOUT_BACKUP_MS;
    return { store: openReceiptStore(options.dbPath, { now }), restored: { ...outcome, reason: e.message, rebuildFrom: new Date(since).toISOString() } };
  }
}
