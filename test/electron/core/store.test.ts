import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DbCorruptError, DbVersionFromFutureError, openReceiptStore } from '../../../electron/core/store/index';
import type { ReceiptStore } from '../../../electron/core/store/index';
import { MIGRATIONS } from '../../../electron/core/store/migrations/index';
import { InvalidTransitionError } from '../../../shared';
import { tempDir } from '../../support/temp';

const open: ReceiptStore[] = [];
afterEach(() => {
  while (open.length) open.pop()?.close();
});

function store(file = path.join(tempDir('core').dir, 'receipts.db'), now = () => new Date('2026-11-27T03:00:00.000Z')): ReceiptStore {
  const s = openReceiptStore(file, { now });
  open.push(s);
  return s;
}

const baseSale = {
  terminalId: 't1',
  storeId: 's1',
  cashier: 'ann',
  amount: 1500,
  currency: 'SGD' as const,
  capture: true,
  createdAt: '2026-11-27T03:00:00.000Z',
};

describe('receipt store', () => {
  it('opens with WAL, synchronous=FULL, foreign keys and the contract schema of migration 001', () => {
    const s = store();
    expect(s.pragmas()).toEqual({ journalMode: 'wal', synchronous: 2, foreignKeys: 1, userVersion: MIGRATIONS.length });
    const cols = (t: string) => s.schema().tables[t];
    expect(cols('sales')).toEqual([
      'id', 'terminal_id', 'store_id', 'cashier', 'amount', 'currency', 'status', 'capture', 'idempotency_key', 'charge_id',
      'authorize_uri', 'expires_at', 'created_at', 'updated_at', 'paid_at', 'fee', 'fee_vat', 'net', 'refunded_amount',
      'failure_code', 'failure_message', 'attention_reason', 'second_charge_id', 'rebuilt_at',
      'origin_source', 'origin_till_id', 'origin_till_name', 'origin_reference_id', 'origin_note', 'origin_line_items',
    ]);
    expect(cols('refunds')).toEqual(['id', 'sale_id', 'charge_id', 'opn_refund_id', 'amount', 'currency', 'voided', 'status', 'created_at', 'origin', 'rebuilt_at']);
    expect(cols('processed_events')).toEqual(['event_id', 'charge_id', 'processed_at']);
    expect(cols('relay_cursor')).toEqual(['id', 'last_seq']);
    const indexes = s.schema().indexes;
    expect(indexes.sort()).toEqual(['refunds_created_at', 'refunds_sale', 'sales_created_at', 'sales_origin_reference', 'sales_second_charge', 'sales_status']);
  });

  it('persists across reopen, maps rows to shared types, enforces constraints', () => {
    const file = path.join(tempDir('core').dir, 'r.db');
    const s = store(file);
    const sale = s.sales.insert({ ...baseSale, id: 'sale_a', idempotencyKey: 'k1' });
    expect(sale).toMatchObject({ id: 'sale_a', status: 'creating', capture: true, cashier: 'ann', refundedAmount: 0, chargeId: null });
    expect(() => s.sales.insert({ ...baseSale, id: 'sale_b', idempotencyKey: 'k1' })).toThrow(/UNIQUE/);
    expect(() => s.sales.insert({ ...baseSale, id: 'sale_c', idempotencyKey: 'k3', amount: 0 })).toThrow(/CHECK/);
    expect(() => s.refunds.insert({ id: 'rf1', saleId: 'nope', chargeId: 'c', amount: 1, currency: 'SGD', voided: false, createdAt: baseSale.createdAt })).toThrow(/FOREIGN KEY/);
    s.sales.update('sale_a', { status: 'pending', chargeId: 'chrg_1', authorizeUri: 'http://x/a', expiresAt: '2026-11-27T03:05:00.000Z' }, '2026-11-27T03:00:01.000Z');
    s.close();
    const again = store(file);
    const got = again.sales.get('sale_a');
    expect(got).toMatchObject({ status: 'pending', chargeId: 'chrg_1', updatedAt: '2026-11-27T03:00:01.000Z' });
    expect(again.sales.byChargeId('chrg_1')?.id).toBe('sale_a');
    expect(again.sales.listOpen().map((x) => x.id)).toEqual(['sale_a']);
  });

  it('refuses a status change the state machine forbids, and leaves the row alone', () => {
    const s = store();
    s.sales.insert({ ...baseSale, id: 'sale_a', idempotencyKey: 'k1' });
    s.sales.update('sale_a', { status: 'failed' }, baseSale.createdAt);
    expect(() => s.sales.update('sale_a', { status: 'successful', paidAt: 'x' }, baseSale.createdAt)).toThrow(InvalidTransitionError);
    expect(s.sales.get('sale_a')).toMatchObject({ status: 'failed', paidAt: null });
  });

  it('records refunds as rows of their own and lists sales by day and query', () => {
    const s = store();
    s.sales.insert({ ...baseSale, id: 'sale_a', idempotencyKey: 'k1' });
    s.sales.insert({ ...baseSale, id: 'sale_b', idempotencyKey: 'k2', amount: 2500, createdAt: '2026-11-28T01:00:00.000Z' });
    const rf = s.refunds.insert({ id: 'rf1', saleId: 'sale_a', chargeId: 'c1', amount: 500, currency: 'SGD', voided: false, createdAt: '2026-11-29T00:00:00.000Z' });
    expect(rf.status).toBe('creating');
    expect(s.refunds.listCreating()).toHaveLength(1);
    const settled = s.refunds.settle('rf1', { status: 'succeeded', opnRefundId: 'rfnd_1', voided: true });
    expect(settled).toMatchObject({ status: 'succeeded', opnRefundId: 'rfnd_1', voided: true, createdAt: '2026-11-29T00:00:00.000Z' });
    expect(s.refunds.forSale('sale_a').map((r) => r.id)).toEqual(['rf1']);
    expect(s.sales.list({ from: '2026-11-28T00:00:00.000Z', to: '2026-11-29T00:00:00.000Z' }).map((x) => x.id)).toEqual(['sale_b']);
    expect(s.sales.list({ query: '2500' }).map((x) => x.id)).toEqual(['sale_b']);
    expect(s.sales.list({ query: 'sale_a' }).map((x) => x.id)).toEqual(['sale_a']);
    expect(s.sales.list({ query: '%' })).toEqual([]);
  });

  it('deduplicates events and only moves the cursor forward', () => {
    const s = store();
    expect(s.events.cursor()).toBe(0);
    expect(s.events.markProcessed('evnt_1', 'c', baseSale.createdAt)).toBe(true);
    expect(s.events.markProcessed('evnt_1', 'c', baseSale.createdAt)).toBe(false);
    s.events.advanceCursor(7);
    s.events.advanceCursor(3);
    expect(s.events.cursor()).toBe(7);
  });

  it('refuses a database from a newer version, unchanged', () => {
    const file = path.join(tempDir('core').dir, 'r.db');
    const future = openReceiptStore(file, {
      migrations: [...MIGRATIONS, { version: MIGRATIONS.length + 1, name: 'future', up: (db) => db.exec('CREATE TABLE future_t (x INTEGER)') }],
    });
    future.close();
    const err = (() => {
      try {
        openReceiptStore(file);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(DbVersionFromFutureError);
    expect((err as DbVersionFromFutureError).code).toBe('db_from_future');
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length + 1);
    raw.close();
  });

  it('applies a new migration forward on an existing file, and rolls back a failing one whole', () => {
    const file = path.join(tempDir('core').dir, 'r.db');
    store(file).sales.insert({ ...baseSale, id: 'sale_a', idempotencyKey: 'k1' });
    open.pop()?.close();
    const bad = [...MIGRATIONS, { version: MIGRATIONS.length + 1, name: 'bad', up: (db: Database.Database) => db.exec('CREATE TABLE half (x INTEGER); SELECT nope FROM nowhere;') }];
    expect(() => openReceiptStore(file, { migrations: bad })).toThrow(/no such table: nowhere/);
    const raw = new Database(file);
    expect(raw.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(raw.prepare(`SELECT name FROM sqlite_master WHERE name = 'half'`).get()).toBeUndefined();
    raw.close();
    const good = openReceiptStore(file, { migrations: [...MIGRATIONS, { version: MIGRATIONS.length + 1, name: 'add', up: (db) => db.exec('ALTER TABLE sales ADD COLUMN note TEXT') }] });
    expect(good.schemaVersion).toBe(MIGRATIONS.length + 1);
    expect(good.sales.get('sale_a')?.amount).toBe(1500);
    good.close();
  });

  it('refuses a corrupt or foreign file with a typed error', () => {
    const file = path.join(tempDir('core').dir, 'r.db');
    fs.writeFileSync(file, Buffer.alloc(8192, 7));
    expect(() => openReceiptStore(file)).toThrow(DbCorruptError);
  });

  it('keeps one online backup per day, the newest 14', async () => {
    const dir = tempDir('core').dir;
    const file = path.join(dir, 'receipts.db');
    let t = new Date('2026-11-01T10:00:00.000Z');
    const s = store(file, () => t);
    s.sales.insert({ ...baseSale, id: 'sale_a', idempotencyKey: 'k1' });
    expect(await s.backupIfDue()).toMatch(/receipts-2026-11-01\.db$/);
    expect(await s.backupIfDue()).toBeNull();
    for (let d = 2; d <= 20; d++) {
      t = new Date(`2026-11-${String(d).padStart(2, '0')}T10:00:00.000Z`);
      await s.backupIfDue();
    }
    const files = fs.readdirSync(path.join(dir, 'backups')).sort();
    expect(files).toHaveLength(14);
    expect(files[0]).toBe('receipts-2026-11-07.db');
    const copy = new Database(path.join(dir, 'backups', files[13] ?? ''), { readonly: true });
    expect(copy.prepare('SELECT amount FROM sales').get()).toEqual({ amount: 1500 });
    copy.close();
  });

  it('makes one backup when asked twice at once (the start and a caller): both get it, and it is whole', async () => {
    const dir = tempDir('core').dir;
    const s = store(path.join(dir, 'receipts.db'), () => new Date('2026-11-01T10:00:00.000Z'));
    // Enough pages that the copy takes several event-loop turns (better-sqlite3 copies 100 pages a turn).
    for (let i = 0; i < 3000; i++) s.sales.insert({ ...baseSale, id: `sale_${i}`, idempotencyKey: `k${i}`, cashier: `cashier ${'x'.repeat(200)} ${i}` });
    const [a, b] = await Promise.all([s.backupIfDue(), s.backupIfDue()]);
    expect(a).toMatch(/receipts-2026-11-01\.db$/);
    expect(b).toBe(a);
    expect(fs.readdirSync(path.join(dir, 'backups'))).toEqual(['receipts-2026-11-01.db']);
    const copy = new Database(a ?? '', { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.prepare('SELECT count(*) AS n FROM sales').get()).toEqual({ n: 3000 });
    copy.close();
  });
});
