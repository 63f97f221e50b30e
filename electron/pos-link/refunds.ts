// Refunds through the API (scope `refunds`): full or partial, by checkout, idempotent per key. The core
// makes the refund (Opn voids where it can) exactly as the manager's refund does; this row maps the till's
// request to the core's refund.
import { randomBytes } from 'node:crypto';
import type { Database as Db } from 'better-sqlite3';
import type { PosRefund, PosRefundCreate } from '../../shared';
import type { PosTerminalFacts } from './core-port';
import { bodyHash, type Checkouts } from './checkouts';
import { PosApiFailure, fromCoreError } from './errors';
import type { PosEventLog } from './events';
import type { AuthedKey } from './keys';

interface RefundRow {
  id: string;
  key_id: string;
  idempotency_key: string;
  body_hash: string;
  checkout_id: string;
  amount: number;
  currency: PosRefund['currency'];
  status: PosRefund['status'];
  voided: number;
  failure_code: string | null;
  core_refund_id: string | null;
  created_at: string;
  updated_at: string;
}

const toApi = (r: RefundRow): PosRefund => ({
  id: r.id,
  checkout_id: r.checkout_id,
  status: r.status,
  amount: r.amount,
  currency: r.currency,
  voided: r.voided === 1,
  failure_code: r.failure_code,
  created_at: r.created_at,
  updated_at: r.updated_at,
});

export class PosRefunds {
  constructor(
    private readonly db: Db,
    private readonly facts: PosTerminalFacts,
    private readonly checkouts: Checkouts,
    private readonly events: PosEventLog,
    private readonly now: () => Date,
  ) {}

  private row(id: string): RefundRow | undefined {
    return this.db.prepare('SELECT * FROM refunds WHERE id = ?').get(id) as RefundRow | undefined;
  }

  get(id: string, key: AuthedKey): PosRefund {
    const r = this.row(id);
    if (!r || r.key_id !== key.id) throw new PosApiFailure('not_found', 'No such refund.');
    return toApi(r);
  }

  async create(body: PosRefundCreate, key: AuthedKey): Promise<{ refund: PosRefund; created: boolean }> {
    const hash = bodyHash(body);
    const existing = this.db.prepare('SELECT * FROM refunds WHERE key_id = ? AND idempotency_key = ?').get(key.id, body.idempotency_key) as RefundRow | undefined;
    if (existing) {
      if (existing.body_hash !== hash) throw new PosApiFailure('idempotency_mismatch', 'This idempotency_key was used with another body.', { field: 'idempotency_key' });
      return { refund: toApi(existing), created: false };
    }
    const checkout = this.checkouts.rowFor(body.checkout_id, key);
    if (checkout.status !== 'completed' || !checkout.sale_id) throw new PosApiFailure('invalid_state', `A ${checkout.status} checkout cannot be refunded.`);
    const core = this.facts.core();
    if (!core) throw new PosApiFailure('terminal_unavailable', 'The terminal cannot refund right now; try again shortly.');
    const pending = (this.db.prepare("SELECT COALESCE(SUM(amount), 0) AS n FROM refunds WHERE checkout_id = ? AND status = 'pending'").get(checkout.id) as { n: number }).n;
    if (body.amount > checkout.amount - checkout.refunded_amount - pending) throw new PosApiFailure('refund_exceeds', 'The refund is larger than what is left to refund.', { field: 'amount' });
    const now = this.now().toISOString();
    const id = `rfd_${Date.now().toString(36)}${randomBytes(10).toString('hex')}`;
    this.db
      .prepare(`INSERT INTO refunds (id, key_id, idempotency_key, body_hash, checkout_id, amount, currency, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)`)
      .run(id, key.id, body.idempotency_key, hash, checkout.id, body.amount, checkout.currency, now, now);
    this.events.append('refund.updated', key.id, toApi(this.row(id)!));
    const known = new Set((this.db.prepare('SELECT core_refund_id FROM refunds WHERE core_refund_id IS NOT NULL').all() as { core_refund_id: string }[]).map((x) => x.core_refund_id));
    try {
      const receipt = await core.refund({ saleId: checkout.sale_id, amount: body.amount });
      const made = [...receipt.refunds].reverse().find((x) => !known.has(x.id) && x.amount === body.amount && x.origin === 'terminal');
      const status = made?.status === 'succeeded' ? 'succeeded' : made?.status === 'failed' ? 'failed' : 'pending';
      this.finish(id, { status, voided: made?.voided ?? false, failure_code: status === 'failed' ? 'refund_failed' : null, core_refund_id: made?.id ?? null });
      this.checkouts.onSale(receipt.sale);
    } catch (e) {
      const failure = fromCoreError(e, 'refunding');
      this.finish(id, { status: 'failed', voided: false, failure_code: failure.code === 'internal' ? 'refund_failed' : failure.code, core_refund_id: null });
    }
    return { refund: toApi(this.row(id)!), created: true };
  }

  private finish(id: string, p: { status: PosRefund['status']; voided: boolean; failure_code: string | null; core_refund_id: string | null }): void {
    const now = this.now().toISOString();
    this.db.prepare('UPDATE refunds SET status = ?, voided = ?, failure_code = ?, core_refund_id = ?, updated_at = ? WHERE id = ?').run(p.status, p.voided ? 1 : 0, p.failure_code, p.core_refund_id, now, id);
    const r = this.row(id)!;
    this.events.append('refund.updated', r.key_id, toApi(r));
  }
}
