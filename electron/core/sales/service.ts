// The PaymentCore object: entry points take typed input (parsed at the gate), apply the domain rules and
// delegate to the sale modules.
import type { OpnCharge, Receipt, RelayEvent, Sale } from '../../../shared';
import { COUNTRY_RULES } from '../../../shared';
import type { ListSalesQuery, PaymentCore, RestoreReport, StartSaleInput } from '../payment-core';
import type { RestoreOutcome } from '../store/restore';
import type { OffsiteStatus, OffsiteTarget } from '../store/offsite';
import { OffsiteBackups } from './offsite-backups';
import { rebuildFromOpn } from './rebuild';
import type { RebuildProgress, RebuildRange, RebuildResult } from './rebuild';
import { CoreError, StoreWriteError } from '../errors';
import { checkWritable } from '../store/index';
import type { WriteProblem } from '../store/index';
import type { OpnClient } from '../opn/index';
import type { ReceiptStore } from '../store/index';
import { closeOpenSale } from './cancel';
import { requireSale, toCoreError } from './commit';
import { handleRelayEvent } from './complete';
import { recordOpnRefunds } from './opn-refunds';
import type { CoreContext } from './context';
import { captureSale, receiptOf, refundSale, resolveAttention, reverseSale, voidSale } from './after-payment';
import { checkNewSale } from './rules';
import { reconcileCreating, recoverAll, tick } from './recover';
import { createChargeForSale, insertSale } from './start';
import { businessDayRange } from '../../../shared';

/** A restore made at open, waiting for its rebuild from Opn (from `rebuildFrom` to now). */
export interface PendingRestore extends RestoreOutcome {
  readonly reason: string;
  readonly rebuildFrom: string;
}

export class SaleService implements PaymentCore {
  private restore: RestoreReport | null = null;
  private readonly offsite: OffsiteBackups;
  private recovered = false;
  private recoverPasses = 0;
  private recovering: Promise<void> | null = null;
  private closed = false;
  private relayHealthy = false;
  private ticking: Promise<void> | null = null;
  private readonly starting = new Map<string, Promise<Sale>>();
  /** Sales with a refund/void/capture/reverse call running: the tick must not reconcile them meanwhile. */
  private readonly busy = new Map<string, number>();
  private readonly timers: NodeJS.Timeout[] = [];
  private firstBackup: NodeJS.Immediate | null = null;
  private backingUp: Promise<void> | null = null;
  /** Set while the receipt log cannot be written: no new charge starts, the tick only re-checks. */
  private writeProblem: WriteProblem | null = null;
  /** Sales whose charge may exist at Opn but whose commit the disk refused: recorded first once it works. */
  private readonly unrecorded = new Set<string>();

  constructor(
    private readonly ctx: CoreContext,
    private readonly listeners: Set<(sale: Sale) => void>,
    timing: { pollIntervalMs: number; backupCheckMs: number; offsite: () => OffsiteTarget | null },
    private readonly pendingRestore: PendingRestore | null = null,
  ) {
    this.offsite = new OffsiteBackups(ctx, timing.offsite);
    if (pendingRestore) {
      this.restore = { damagedKeptAt: pendingRestore.damagedKeptAt, backup: pendingRestore.backup, reason: pendingRestore.reason, rebuild: null };
      ctx.log.error({ damagedKeptAt: pendingRestore.damagedKeptAt, backup: pendingRestore.backup }, 'receipt log damaged: set aside and restored from backup; rebuilding from Opn');
    }
    if (timing.pollIntervalMs > 0) this.timers.push(setInterval(() => void this.tick().catch(() => undefined), timing.pollIntervalMs));
    if (timing.backupCheckMs > 0) {
      // One backup at a time, and close() waits for it: a backup never meets a closed receipt log.
      const backup = (): void => {
        if (this.closed || this.backingUp) return;
        this.backingUp = ctx.store
          .backupIfDue()
          .catch((e: unknown) => ctx.log.error({ err: (e as Error).message }, 'backup failed'))
          .then(() => this.offsite.ifDue())
          .finally(() => {
            this.backingUp = null;
          });
      };
      this.timers.push(setInterval(backup, timing.backupCheckMs));
      this.firstBackup = setImmediate(backup);
    }
    for (const t of this.timers) t.unref();
    ctx.store.onWriteFailure((problem) => {
      if (this.writeProblem !== problem) ctx.log.error({ problem }, 'the receipt log cannot be written: no new payment starts until it can');
      this.writeProblem = problem;
    });
  }

  /** Why sales cannot be recorded right now (the cashier's banner), or null. */
  storeHealth(): WriteProblem | null {
    return this.writeProblem;
  }

  /**
   * Free space above the floor and a write that succeeds, else the problem (kept, so the tick re-checks).
   * When writing works again, the sales whose charge went unrecorded are looked up at Opn by sale id and
   * recorded before anything else happens.
   */
  private async ensureWritable(): Promise<void> {
    const problem = checkWritable(this.ctx.store.path, this.ctx.tuning.diskFloorBytes);
    if (problem) {
      this.writeProblem = problem;
      throw new StoreWriteError(problem);
    }
    this.writeProblem = null;
    for (const id of [...this.unrecorded]) {
      const sale = this.ctx.store.sales.get(id);
      if (sale?.status === 'creating') await reconcileCreating(this.ctx, sale);
      this.unrecorded.delete(id);
    }
  }

  get store(): ReceiptStore {
    return this.ctx.store;
  }

  get opn(): OpnClient {
    return this.ctx.opn;
  }

  private assertOpen(): void {
    if (this.closed) throw new CoreError('closed', 'The payment core is closed.');
  }

  /**
   * Concurrent calls share one pass. New sales are allowed once a pass leaves nothing unresolved, or once
   * `recoverPasses` passes have run and what is left only errored (Opn unreachable, 5xx, …): those sales
   * stay creating/pending, visible to the cashier, and the tick keeps polling them. Until then this
   * rejects with the first error and the caller (or the tick) retries. A bounded wait, never a lock-out.
   */
  recover(): Promise<void> {
    this.assertOpen();
    this.recovering ??= this.rebuildAfterRestore()
      .then(() => recoverAll(this.ctx))
      .then((unresolved) => {
        this.recoverPasses += 1;
        const first = unresolved[0];
        if (!first) {
          this.recovered = true;
          return;
        }
        if (this.recoverPasses >= this.ctx.tuning.recoverPasses) {
          this.recovered = true;
          const ids = unresolved.map((u) => `${u.kind}:${u.id}`);
          this.ctx.log.warn({ unresolved: ids, passes: this.recoverPasses }, 'recovery: new sales allowed; these stay open and are polled');
          return;
        }
        throw toCoreError(first.error, 'check', 'checking earlier sales');
      })
      .catch((e: unknown) => {
        throw toCoreError(e, 'check', 'recovering open sales');
      })
      .finally(() => {
        this.recovering = null;
      });
    return this.recovering;
  }

  /** After a restore: what came after the backup, from Opn, before any new sale (once; retried until it works). */
  private async rebuildAfterRestore(): Promise<void> {
    const pending = this.pendingRestore;
    if (!pending || !this.restore || this.restore.rebuild) return;
    const result = await rebuildFromOpn(this.ctx, { from: pending.rebuildFrom, to: new Date(this.ctx.now().getTime() + 60_000).toISOString() });
    this.restore = { ...this.restore, rebuild: result };
  }

  offsiteStatus(): OffsiteStatus {
    return this.offsite.status();
  }

  backupOffsite(): Promise<OffsiteStatus> {
    return this.offsite.write();
  }

  restoreReport(): RestoreReport | null {
    return this.restore;
  }

  rebuild(range: RebuildRange, onProgress?: (p: RebuildProgress) => void): Promise<RebuildResult> {
    this.assertOpen();
    return rebuildFromOpn(this.ctx, range, onProgress).catch((e: unknown) => Promise.reject(toCoreError(e, 'list', 'rebuilding from Opn')));
  }

  async startSale(input: StartSaleInput): Promise<Sale> {
    this.assertOpen();
    const valid = checkNewSale(input, this.ctx.currency);
    if (!this.recovered) throw new CoreError('recovering', 'The terminal is still checking earlier sales with Opn. Try again in a moment.');
    // No charge starts unless its outcome can be written down (the row itself is the first such write).
    await this.ensureWritable();
    const sale = insertSale(this.ctx, valid);
    this.ctx.emit(sale);
    const run = createChargeForSale(this.ctx, sale);
    this.starting.set(sale.id, run);
    try {
      return await run;
    } catch (e) {
      if (e instanceof StoreWriteError) this.unrecorded.add(sale.id);
      throw e;
    } finally {
      this.starting.delete(sale.id);
    }
  }

  async cancelSale(id: string): Promise<Sale> {
    this.assertOpen();
    // A cancel pressed while the charge is still being created waits for it, then expires it.
    await this.starting.get(id)?.catch(() => undefined);
    let sale = requireSale(this.ctx, id);
    if (sale.status === 'creating') sale = await reconcileCreating(this.ctx, sale).catch((e: unknown) => Promise.reject(toCoreError(e, 'cancel', 'cancelling')));
    if (sale.status !== 'pending') throw new CoreError('invalid_state', `A ${sale.status} sale cannot be cancelled.`, { data: { status: sale.status, action: 'cancel' } });
    return closeOpenSale(this.ctx, sale, 'cancelled');
  }

  getReceipt(saleId: string): Receipt {
    return receiptOf(this.ctx, saleId);
  }

  listSales(v: ListSalesQuery): Sale[] {
    // The same business day as the reports (shared/time), so "today's sales" and the X report agree.
    const range = v.day ? businessDayRange(v.day, v.timeZone ?? COUNTRY_RULES[this.ctx.terminal.country].defaultTimeZone, v.dayStartMinutes ?? 0) : {};
    return this.ctx.store.sales.list({ ...range, query: v.query, limit: v.limit });
  }

  async refund(input: { saleId: string; amount: number }): Promise<Receipt> {
    this.assertOpen();
    requireSale(this.ctx, input.saleId);
    return this.whileBusy(input.saleId, () => refundSale(this.ctx, input.saleId, input.amount));
  }

  async voidSale(saleId: string): Promise<Receipt> {
    this.assertOpen();
    requireSale(this.ctx, saleId);
    return this.whileBusy(saleId, () => voidSale(this.ctx, saleId));
  }

  async capture(saleId: string): Promise<Receipt> {
    this.assertOpen();
    return this.whileBusy(saleId, () => captureSale(this.ctx, saleId));
  }

  async reverse(saleId: string): Promise<Receipt> {
    this.assertOpen();
    requireSale(this.ctx, saleId);
    return this.whileBusy(saleId, () => reverseSale(this.ctx, saleId));
  }

  async resolveAttention(input: { saleId: string; action: 'refund' | 'accept' }): Promise<Receipt> {
    this.assertOpen();
    requireSale(this.ctx, input.saleId);
    return this.whileBusy(input.saleId, () => resolveAttention(this.ctx, input.saleId, input.action));
  }

  async handleRelayEvent(event: RelayEvent): Promise<void> {
    this.assertOpen();
    await handleRelayEvent(this.ctx, event);
  }

  async recordOpnRefunds(charges: readonly OpnCharge[]): Promise<number> {
    this.assertOpen();
    let n = 0;
    for (const charge of charges) {
      const sale = this.ctx.store.sales.byChargeId(charge.id);
      if (sale) n += await recordOpnRefunds(this.ctx, sale.id, charge);
    }
    return n;
  }

  relayCursor(): number {
    return this.ctx.store.events.cursor();
  }

  setRelayHealthy(healthy: boolean): void {
    this.relayHealthy = healthy === true;
  }

  onSaleChanged(listener: (sale: Sale) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  tick(): Promise<void> {
    if (this.closed) return Promise.resolve();
    // Start-up reconciliation failed (Opn unreachable): retry it instead of polling.
    if (!this.recovered) return this.recover().catch(() => undefined);
    // One pass at a time: a slow Opn must not pile up overlapping polls.
    const inFlight = new Set([...this.starting.keys(), ...this.busy.keys()]);
    this.ticking ??= (async () => {
      // While the log cannot be written nothing a poll learns could be kept: only look whether it can again.
      if (this.writeProblem && !(await this.ensureWritable().then(() => true, () => false))) return;
      await tick(this.ctx, { relayHealthy: this.relayHealthy, inFlight });
    })().finally(() => {
      this.ticking = null;
    });
    return this.ticking;
  }

  private async whileBusy<T>(saleId: string, fn: () => Promise<T>): Promise<T> {
    this.busy.set(saleId, (this.busy.get(saleId) ?? 0) + 1);
    try {
      return await fn();
    } finally {
      const n = (this.busy.get(saleId) ?? 1) - 1;
      if (n > 0) this.busy.set(saleId, n);
      else this.busy.delete(saleId);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const t of this.timers) clearInterval(t);
    if (this.firstBackup) clearImmediate(this.firstBackup);
    await Promise.allSettled([...this.starting.values(), this.ticking ?? Promise.resolve(), this.backingUp ?? Promise.resolve()]);
    this.listeners.clear();
    this.ctx.store.close();
  }
}
