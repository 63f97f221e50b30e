// A sale a till asked for (POS link): its origin is checked, stored in the receipt log (migration 006),
// emitted with every change, written into the charge's metadata, and brought back by a rebuild from Opn.
// Real sandbox over HTTP, real SQLite file.
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CoreError, openReceiptStore } from '../../../electron/core/index';
import { MIGRATIONS } from '../../../electron/core/store/migrations/index';
import type { Sale, SaleOrigin } from '../../../shared';
import { POS_ORIGIN_LIMITS } from '../../../shared';
import { tempDir } from '../../support/temp';
import type { Rig } from './harness';
import { startRig } from './harness';

let rig: Rig | null = null;
afterEach(async () => {
  await rig?.stop();
  rig = null;
});

const ORIGIN: SaleOrigin = {
  source: 'pos',
  tillId: 'key_till1',
  tillName: 'Till 1',
  referenceId: 'A-1042',
  note: 'Table 4',
  lineItems: [
    { name: 'Kimchi fried rice', quantity: 2, unitAmount: 450 },
    { name: 'Iced barley tea', quantity: 1, unitAmount: 350 },
  ],
};

const codeOf = (p: Promise<unknown>) => p.then(() => 'resolved', (e: unknown) => (e instanceof CoreError ? `${e.code}:${e.data?.field ?? ''}` : `untyped: ${String(e)}`));

describe('a sale with an origin (POS link)', () => {
  it('is stored, emitted, charged with its till in the metadata, and read back after a restart', async () => {
    rig = await startRig();
    const seen: Sale[] = [];
    rig.core.onSaleChanged((s) => seen.push(s));
    const sale = await rig.core.startSale({ amount: 1250, currency: 'SGD', origin: ORIGIN });
    expect(sale).toMatchObject({ status: 'pending', amount: 1250, origin: ORIGIN });
    // Every event the screens follow carries the origin, from the first (creating) on.
    expect(seen.map((s) => [s.status, s.origin?.referenceId])).toEqual([
      ['creating', 'A-1042'],
      ['pending', 'A-1042'],
    ]);
    const [charge] = rig.chargesForSale(sale.id);
    expect(charge?.metadata).toEqual({ terminal_id: 'T1', store_id: 'S1', sale_id: sale.id, pos_till_id: 'key_till1', pos_till_name: 'Till 1', pos_reference: 'A-1042' });

    await rig.sandbox.completeCharge(sale.chargeId ?? '', 'successful');
    await rig.core.tick();
    expect(rig.core.getReceipt(sale.id).sale).toMatchObject({ status: 'successful', origin: ORIGIN });
    expect(seen.at(-1)?.origin).toEqual(ORIGIN);

    // Found by the till's reference and by the till's name.
    expect(rig.core.listSales({ query: 'A-1042' }).map((s) => s.id)).toEqual([sale.id]);
    expect(rig.core.listSales({ query: 'Till 1' }).map((s) => s.id)).toEqual([sale.id]);

    await rig.core.close();
    const again = rig.reopen();
    await again.recover();
    expect(again.getReceipt(sale.id).sale.origin).toEqual(ORIGIN);
  });

  it('a typed sale has no origin and its charge metadata is unchanged', async () => {
    rig = await startRig();
    const sale = await rig.core.startSale({ amount: 990, currency: 'SGD', cashier: 'ann' });
    expect(sale.origin).toBeNull();
    expect(rig.chargesForSale(sale.id)[0]?.metadata).toEqual({ terminal_id: 'T1', store_id: 'S1', sale_id: sale.id });
    expect(rig.core.listSales({ query: 'A-1042' })).toEqual([]);
  });

  it('an empty note is stored as no note; an origin without lines keeps an empty cart', async () => {
    rig = await startRig();
    const sale = await rig.core.startSale({ amount: 990, currency: 'SGD', origin: { ...ORIGIN, note: '  ', lineItems: [] } });
    expect(rig.core.getReceipt(sale.id).sale.origin).toEqual({ ...ORIGIN, note: null, lineItems: [] });
  });

  it('a bad origin is refused with the field named, and nothing is written or charged', async () => {
    rig = await startRig();
    const bad: [string, SaleOrigin][] = [
      ['origin.tillName', { ...ORIGIN, tillName: '' }],
      ['origin.referenceId', { ...ORIGIN, referenceId: 'x'.repeat(POS_ORIGIN_LIMITS.referenceId + 1) }],
      ['origin.note', { ...ORIGIN, note: 'bell\u0007' }],
      ['origin.lineItems.0.quantity', { ...ORIGIN, lineItems: [{ name: 'Tea', quantity: 0, unitAmount: 100 }] }],
      ['origin.lineItems.0.unitAmount', { ...ORIGIN, lineItems: [{ name: 'Tea', quantity: 1, unitAmount: -1 }] }],
      ['origin.lineItems', { ...ORIGIN, lineItems: Array.from({ length: POS_ORIGIN_LIMITS.lineItems + 1 }, () => ({ name: 'Tea', quantity: 1, unitAmount: 1 })) }],
    ];
    for (const [field, origin] of bad) {
      expect(await codeOf(rig.core.startSale({ amount: 1250, currency: 'SGD', origin }))).toBe(`invalid_input:${field}`);
    }
    expect(rig.core.store.sales.count()).toBe(0);
    expect(rig.sandbox.charges()).toHaveLength(0);
  });

  it('a rebuild from Opn on a new PC brings back the till and its reference (not the note or the cart)', async () => {
    rig = await startRig();
    const sale = await rig.core.startSale({ amount: 1250, currency: 'SGD', origin: ORIGIN });
    const typed = await rig.core.startSale({ amount: 700, currency: 'SGD' });
    await rig.sandbox.completeCharge(sale.chargeId ?? '', 'successful');
    const fresh = rig.reopen({ dbPath: path.join(tempDir('new-pc').dir, 'receipts.db') });
    await fresh.recover();
    const result = await fresh.rebuild({ from: new Date(Date.now() - 86_400_000).toISOString(), to: new Date(Date.now() + 60_000).toISOString() });
    expect(result).toMatchObject({ salesAdded: 2 });
    expect(fresh.getReceipt(sale.id).sale).toMatchObject({
      status: 'successful',
      origin: { source: 'pos', tillId: 'key_till1', tillName: 'Till 1', referenceId: 'A-1042', note: null, lineItems: [] },
    });
    expect(fresh.getReceipt(typed.id).sale.origin).toBeNull();
  });
});

describe('receipt-log migration 006', () => {
  it('a version-5 log upgrades in place: its sales keep every column and read back with no origin', () => {
    const file = path.join(tempDir('schema-v5').dir, 'receipts.db');
    openReceiptStore(file, { migrations: MIGRATIONS.slice(0, 5) }).close();
    const db = new Database(file);
    db.prepare(
      `INSERT INTO sales (id, terminal_id, store_id, cashier, amount, currency, status, capture, idempotency_key, created_at, updated_at, refunded_amount)
       VALUES ('sale_old0000000001', 'T1', 'S1', 'ann', 1500, 'SGD', 'successful', 1, 'k1', '2026-11-27T01:00:00.000Z', '2026-11-27T01:00:00.000Z', 0)`,
    ).run();
    expect(db.pragma('user_version', { simple: true })).toBe(5);
    db.close();

    const store = openReceiptStore(file);
    expect(store.schemaVersion).toBe(6);
    expect(store.sales.get('sale_old0000000001')).toMatchObject({ amount: 1500, cashier: 'ann', status: 'successful', origin: null });
    store.close();
    const raw = new Database(file, { readonly: true });
    const cols = (raw.prepare(`SELECT name FROM pragma_table_info('sales')`).all() as { name: string }[]).map((c) => c.name);
    expect(cols).toEqual(expect.arrayContaining(['origin_source', 'origin_till_id', 'origin_till_name', 'origin_reference_id', 'origin_note', 'origin_line_items']));
    raw.close();
  });

  it('a stored cart that does not parse shows no cart rather than failing the sale', () => {
    const file = path.join(tempDir('bad-cart').dir, 'receipts.db');
    const store = openReceiptStore(file);
    store.sales.insert({ id: 'sale_cart000000001', terminalId: 'T1', storeId: 'S1', cashier: null, amount: 900, currency: 'SGD', capture: true, idempotencyKey: 'k', createdAt: '2026-11-27T01:00:00.000Z', origin: ORIGIN });
    store.close();
    const db = new Database(file);
    db.prepare(`UPDATE sales SET origin_line_items = '{not json' WHERE id = 'sale_cart000000001'`).run();
    db.close();
    const reopened = openReceiptStore(file);
    expect(reopened.sales.get('sale_cart000000001')?.origin).toEqual({ ...ORIGIN, lineItems: [] });
    reopened.close();
  });
});
