// What every sale operation needs: the store, the Opn client, the terminal's settings, the clock, and a
// way to tell subscribers about a committed change.
import type { Country, Currency, Sale } from '../../../shared';
import type { Logger } from '../log';
import type { OpnClient } from '../opn/index';
import type { ReceiptStore } from '../store/index';

export interface TerminalConfig {
  terminalId: string;
  storeId: string;
  country: Country;
  returnUri: string;
  captureMode: 'automatic' | 'manual';
}

export interface CoreTuning {
  qrTtlMs: number;
  /** A sale pending longer than this is polled even while the relay is healthy. */
  pollAfterMs: number;
  /** After an ambiguous POST /charges, how long to keep looking for the charge before sending again. */
  settleMs: number;
  /** How far either side of the sale's creation the charge list is searched. */
  searchSkewMs: number;
  /** POST /charges attempts per sale (the same Idempotency-Key each time). */
  maxCreateAttempts: number;
  /**
   * Start-up reconciliation passes after which new sales are allowed even though some open sales could
   * not be checked (Opn unreachable or erroring for them); those stay open and the tick keeps polling them.
   */
  recoverPasses: number;
  /** Free disk space below which no new charge starts (disk_full). */
  diskFloorBytes: number;
}

export interface CoreContext {
  readonly store: ReceiptStore;
  readonly opn: OpnClient;
  readonly terminal: TerminalConfig;
  readonly currency: Currency;
  readonly tuning: CoreTuning;
  readonly log: Logger;
  now(): Date;
  iso(): string;
  sleep(ms: number): Promise<void>;
  emit(sale: Sale): void;
  /** Opn refused an authorize-only (capture=false) charge: the terminal now captures automatically. */
  manualCaptureRefused?: () => void;
  /** Opn accepted an authorize-only (capture=false) charge: the account is shown to support manual capture. */
  manualCaptureAccepted?: () => void;
}
