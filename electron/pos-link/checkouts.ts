// Checkouts: a till's request for a payment. A checkout IS a sale: its row here only maps the till's
// request (key, idempotency key, body hash, reference) to the sale the core makes, and keeps a copy of the
// status derived from that sale so a till can read it back after the receipt log was replaced (demo).
// Intent is recorded before the core is called; one checkout (or cashier's sale) open at a time.
import { createHash, randomBytes } from 'node:crypto';
import type { Database as Db } from 'better-sqlite3';
import { type Sale, type PosCheckout, type PosCheckoutCreate, type PosCheckoutStatus, POS_FINAL_CHECKOUT_STATUSES } from '../../shared';
import type { PosTerminalFacts } from './core-port';
import { PosApiFailure, fromCoreError } from './errors';
import type { PosEventLog } from './events';
import type { AuthedKey } from './keys';

interface CheckoutRow {
  id: string;
  key_id: string;
  idempotency_key: string;
  body_hash: string;
  reference_id: string;
  amount: number;
  currency: PosCheckout['currency'];
  note: string | null;
  line_items: string;
  deadline_at: string | null;
  sale_id: string | null;
  status: PosCheckoutStatus;
  failure_code: string | null;
  charge_id: string | null;
  refunded_amount: number;
  deadline_cancel: number;
  created_at: string;
  updated_at: string;
}

/** A stable hash of a parsed body: same fields, same hash, whatever order the till wrote them in. */
export function bodyHash(value: unknown): string {
  const canon = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(canon) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => [k, canon(x)])) : v;
  return createHash('sha256').update(JSON.stringify(canon(value))).digest('hex');
}

const newId = (prefix: string): string => `${prefix}_${Date.now().toString(36)}${randomBytes(10).toString('hex')}`;

/** The checkout's status as the sale's state says it (exhaustive over every sale status). */
export function statusOfSale(sale: Sale, deadlineCancel: boolean): { status: PosCheckoutStatus; failureCode: string | null } {
  switch (sale.status) {
    case 'creating':
      return { status: 'pending', failureCode: null };
    case 'pending':
      return { status: 'in_progress', failureCode: null };
    case 'authorized':
    case 'successful':
    case 'partially_refunded':
    case 'refunded':
    case 'voided':
      return { status: 'completed', failureCode: null };
    case 'cancelled':
      return deadlineCancel ? { status: 'expired', failureCode: 'deadline_exceeded' } : { status: 'canceled', failureCode: null };
    case 'reversed':
      return { status: 'canceled', failureCode: 'reversed' };
    case 'expired':
      return { status: 'expired', failureCode: null };
    case 'failed':
      return { status: 'failed', failureCode: sale.failureCode ?? 'payment_failed' };
    case 'needs_attention':
      // Money moved after the checkout was closed: the cashier resolves it; the till must not count it paid.
      return { status: 'failed', failureCode: 'needs_attention' };
    default: {
      const never: never = sale.status;
      return never;
    }
  }
}

const isOpen = (s: PosCheckoutStatus): boolean => !POS_FINAL_CHECKOUT_STATUSES.includes(s);

export class Checkouts {
  /** The checkout whose sale is being started (its 'creating' sale is linked to it when emitted). */
  private starting: { id: string; keyId: string; referenceId: string; run: Promise<void> } | null = null;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** After close() (the app stopping) a late answer of the core is not written: the file is closed. */
  private closed = false;

  constructor(
    private readonly db: Db,
    private readonly facts: PosTerminalFacts,
    private readonly events: PosEventLog,
    private readonly now: () => Date,
  ) {}

  private row(id: string): CheckoutRow | undefined {
    return this.db.prepare('SELECT * FROM checkouts WHERE id = ?').get(id) as CheckoutRow | undefined;
  }

  toApi(r: CheckoutRow, tillName: string): PosCheckout {
    return {
      id: r.id,
      status: r.status,
      amount: r.amount,
      currency: r.currency,
      reference_id: r.reference_id,
      note: r.note,
      line_items: JSON.parse(r.line_items) as PosCheckout['line_items'],
      failure_code: r.failure_code,
      charge_id: r.charge_id,
      sale_id: r.sale_id,
      refunded_amount: r.refunded_amount,
      till: { id: r.key_id, name: tillName },
      deadline_at: r.deadline_at,
      created_at: r.created_at,
      updated_at: r.updated_at,
    };
  }

  private tillName(keyId: string): string {
    const row = this.db.prepare('SELECT name FROM api_keys WHERE id = ?').get(keyId) as { name: string } | undefined;
    return row?.name ?? '';
  }

  private api(r: CheckoutRow): PosCheckout {
    return this.toApi(r, this.tillName(r.key_id));
  }

  /** The checkout of this key, or 404 (another till's checkout does not exist for it). */
  get(id: string, key: AuthedKey): PosCheckout {
    const r = this.row(id);
    if (!r || r.key_id !== key.id) throw new PosApiFailure('not_found', 'No such checkout.');
    return this.api(r);
  }

  rowFor(id: string, key: AuthedKey): CheckoutRow {
    const r = this.row(id);
    if (!r || r.key_id !== key.id) throw new PosApiFailure('not_found', 'No such checkout.', { field: 'checkout_id' });
    return r;
  }

  listByReference(referenceId: string, key: AuthedKey): PosCheckout[] {
    const rows = this.db.prepare('SELECT * FROM checkouts WHERE reference_id = ? AND key_id = ? ORDER BY created_at DESC, id DESC LIMIT 100').all(referenceId, key.id) as CheckoutRow[];
    return rows.map((r) => this.api(r));
  }

  /**
   * The checkout the terminal is busy with: the one starting, or the one whose sale the core has open.
   * The core's open sales are the truth (a row's copied status can lag behind a replaced demo log).
   */
  openCheckout(): CheckoutRow | null {
    if (this.starting) return this.row(this.starting.id) ?? null;
    const open = this.facts.core()?.openSales() ?? [];
    for (const sale of open) {
      const r = this.db.prepare('SELECT * FROM checkouts WHERE sale_id = ?').get(sale.id) as CheckoutRow | undefined;
      if (r) return r;
    }
    return null;
  }

  /** Creates (201), or answers the same request again (200). Everything before the core call is synchronous: no two creates interleave. */
  create(body: PosCheckoutCreate, key: AuthedKey): { checkout: PosCheckout; created: boolean } {
    const hash = bodyHash(body);
    const existing = this.db.prepare('SELECT * FROM checkouts WHERE key_id = ? AND idempotency_key = ?').get(key.id, body.idempotency_key) as CheckoutRow | undefined;
    if (existing) {
      if (existing.body_hash !== hash) throw new PosApiFailure('idempotency_mismatch', 'This idempotency_key was used with another body.', { field: 'idempotency_key' });
      return { checkout: this.api(existing), created: false };
    }
    if (body.currency !== this.facts.currency()) throw new PosApiFailure('invalid_currency', `This terminal charges in ${this.facts.currency()}.`, { field: 'currency' });
    const maxSeconds = Math.floor(this.facts.qrValidityMs() / 1000);
    if (body.deadline_seconds !== undefined && body.deadline_seconds > maxSeconds) throw new PosApiFailure('deadline_too_long', `deadline_seconds may be at most ${maxSeconds} (the terminal's QR validity).`, { field: 'deadline_seconds' });
    const core = this.facts.core();
    if (!core) throw new PosApiFailure('not_configured', 'The terminal is not set up to take payments yet.');
    if (this.facts.recovering()) throw new PosApiFailure('terminal_unavailable', 'The terminal is still checking earlier payments with Opn; try again shortly.');
    const open = this.openCheckout();
    if (open || this.starting || core.openSales().length > 0) {
      throw new PosApiFailure('terminal_busy', 'The terminal is taking another payment.', { checkout: open ? this.api(open) : null });
    }
    const at = this.now();
    const now = at.toISOString();
    const id = newId('chk');
    const deadlineAt = body.deadline_seconds !== undefined ? new Date(at.getTime() + body.deadline_seconds * 1000).toISOString() : null;
    const items = body.line_items ?? [];
    // The intent and its event in one transaction, before the core is called.
    const checkout = this.events.batch(() => {
      this.db
        .prepare(
          `INSERT INTO checkouts (id, key_id, idempotency_key, body_hash, reference_id, amount, currency, note, line_items, deadline_at, status, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)`,
        )
        .run(id, key.id, body.idempotency_key, hash, body.reference_id, body.amount, body.currency, body.note ?? null, JSON.stringify(items), deadlineAt, now, now);
      const made = this.api(this.row(id)!);
      this.events.append('checkout.updated', key.id, made);
      return made;
    });
    const origin = { source: 'pos' as const, tillId: key.id, tillName: key.name, referenceId: body.reference_id, note: body.note ?? null, lineItems: items.map((i) => ({ name: i.name, quantity: i.quantity, unitAmount: i.unit_amount })) };
    const run = core.startSale({ amount: body.amount, currency: body.currency, origin }).then(
      (sale) => this.onSale(sale),
      (error: unknown) => this.startFailed(id, error),
    );
    this.starting = { id, keyId: key.id, referenceId: body.reference_id, run };
    void run.finally(() => {
      if (this.starting?.id === id) this.starting = null;
    });
    if (deadlineAt) this.arm(id, deadlineAt);
    return { checkout, created: true };
  }

  private startFailed(id: string, error: unknown): void {
    if (this.closed) return;
    const r = this.row(id);
    if (!r || !isOpen(r.status)) return;
    // A sale the core made and then failed reports itself through onSale; this is a start refused before any sale.
    if (r.sale_id) {
      this.refresh(r);
      return;
    }
    const code = typeof error === 'object' && error !== null && 'code' in error ? String((error).code) : 'start_failed';
    this.update(r, { status: 'failed', failure_code: code });
  }

  /** Every committed sale the core emits: the checkout it belongs to follows it. */
  onSale(sale: Sale): void {
    if (this.closed) return;
    let r = this.db.prepare('SELECT * FROM checkouts WHERE sale_id = ?').get(sale.id) as CheckoutRow | undefined;
    if (!r && this.starting && (!sale.origin || (sale.origin.tillId === this.starting.keyId && sale.origin.referenceId === this.starting.referenceId))) {
      // The sale the starting checkout asked for (before the core knew origins, the only sale starting then).
      const candidate = this.row(this.starting.id);
      if (candidate && !candidate.sale_id && (sale.origin || sale.status === 'creating')) {
        this.db.prepare('UPDATE checkouts SET sale_id = ? WHERE id = ?').run(sale.id, candidate.id);
        r = { ...candidate, sale_id: sale.id };
      }
    }
    if (!r) return;
    const { status, failureCode } = statusOfSale(sale, r.deadline_cancel === 1);
    this.update(r, { status, failure_code: failureCode, charge_id: sale.chargeId, refunded_amount: sale.refundedAmount });
    if (!isOpen(status)) this.disarm(r.id);
  }

  private refresh(r: CheckoutRow): void {
    if (this.closed) return;
    const core = this.facts.core();
    if (!core || !r.sale_id) return;
    let sale: Sale;
    try {
      sale = core.getReceipt(r.sale_id).sale;
    } catch {
      // Not in the receipt log in use. The demo makes its log anew at each start (its sandbox forgets its
      // charges too): that checkout can never end, so it is failed. A live log keeps every sale (a restore
      // rebuilds them from Opn), so there the stored copy stands until the sale is back.
      if (this.facts.mode() === 'demo' && isOpen(r.status)) this.update(r, { status: 'failed', failure_code: 'sale_not_found' });
      return;
    }
    this.onSale(sale);
  }

  private update(r: CheckoutRow, patch: Partial<Pick<CheckoutRow, 'status' | 'failure_code' | 'charge_id' | 'refunded_amount'>>): void {
    if (this.closed) return;
    const next = { ...r, ...patch };
    if (next.status === r.status && next.failure_code === r.failure_code && next.charge_id === r.charge_id && next.refunded_amount === r.refunded_amount) return;
    const now = this.now().toISOString();
    this.db.prepare('UPDATE checkouts SET status = ?, failure_code = ?, charge_id = ?, refunded_amount = ?, updated_at = ? WHERE id = ?').run(next.status, next.failure_code, next.charge_id, next.refunded_amount, now, r.id);
    this.events.append('checkout.updated', r.key_id, this.api({ ...next, updated_at: now }));
  }

  async cancel(id: string, key: AuthedKey): Promise<PosCheckout> {
    let r = this.rowFor(id, key);
    if (this.starting?.id === id) await this.starting.run;
    r = this.row(id)!;
    if (!isOpen(r.status)) throw new PosApiFailure('invalid_state', `A ${r.status} checkout cannot be canceled.`, { checkout: this.api(r) });
    const core = this.facts.core();
    if (!core || !r.sale_id) throw new PosApiFailure('terminal_unavailable', 'The terminal cannot cancel this checkout right now; try again shortly.');
    try {
      this.onSale(await core.cancelSale(r.sale_id));
    } catch (e) {
      this.refresh(r);
      throw fromCoreError(e, 'canceling');
    }
    return this.api(this.row(id)!);
  }

  /** The till's deadline: a checkout still open then is canceled at Opn and reported expired. */
  private arm(id: string, deadlineAt: string): void {
    this.disarm(id);
    const t = setTimeout(() => void this.deadlinePassed(id), Math.max(0, Date.parse(deadlineAt) - this.now().getTime()));
    t.unref();
    this.timers.set(id, t);
  }

  private disarm(id: string): void {
    const t = this.timers.get(id);
    if (t) clearTimeout(t);
    this.timers.delete(id);
  }

  private async deadlinePassed(id: string): Promise<void> {
    this.timers.delete(id);
    if (this.starting?.id === id) await this.starting.run;
    if (this.closed) return;
    const r = this.row(id);
    const core = this.facts.core();
    if (!r || !isOpen(r.status) || !r.sale_id || !core) return;
    this.db.prepare('UPDATE checkouts SET deadline_cancel = 1 WHERE id = ?').run(id);
    await core.cancelSale(r.sale_id).then(
      (sale) => this.onSale(sale),
      () => this.refresh({ ...r, deadline_cancel: 1 }),
    );
  }

  /** After a start (or a new core): open checkouts catch up with their sales, deadlines are re-armed. */
  resume(): void {
    const rows = this.db.prepare("SELECT * FROM checkouts WHERE status IN ('pending', 'in_progress')").all() as CheckoutRow[];
    for (const r of rows) {
      if (r.id === this.starting?.id) continue;
      if (!r.sale_id) {
        // Recorded, but the terminal stopped before the core made a sale: nothing was charged.
        this.update(r, { status: 'failed', failure_code: 'terminal_restarted' });
        continue;
      }
      this.refresh(r);
      if (r.deadline_at) this.arm(r.id, r.deadline_at);
    }
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
