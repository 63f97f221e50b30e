// The sale screen and a till's sale (POS link), in Node: a till sale started while the cashier is free
// takes the screen by itself, read-only (keypad and field locked), cancellable like any sale; it never
// takes the screen from a payment the cashier started or is waiting on; typing works again afterwards.
import { describe, expect, it } from 'vitest';
import type { Sale, SaleOrigin } from '../../shared';
import { initialSaleScreen, saleScreenReducer, tillOf, viewOf, type SaleScreenAction, type SaleScreenState } from '../../renderer/cashier/sale-screen-state';

const ORIGIN: SaleOrigin = { source: 'pos', tillId: 'key_1', tillName: 'Till 1', referenceId: 'A-1042', note: 'Table 4', lineItems: [{ name: 'Tea', quantity: 2, unitAmount: 625 }] };

function sale(id: string, status: Sale['status'], extra: Partial<Sale> = {}): Sale {
  return {
    id, terminalId: 't', storeId: 's', cashier: null, amount: 1250, currency: 'SGD', status, capture: true,
    chargeId: `chrg_${id}`, authorizeUri: 'https://pay.example/a', expiresAt: '2026-11-27T10:05:00.000Z',
    createdAt: '2026-11-27T10:00:00.000Z', updatedAt: `2026-11-27T10:00:0${['creating', 'pending'].includes(status) ? 1 : 5}.000Z`, paidAt: null,
    fee: null, feeVat: null, net: null, refundedAmount: 0, failureCode: null, failureMessage: null, attentionReason: null, origin: null, ...extra,
  };
}

const run = (actions: SaleScreenAction[], from: SaleScreenState = initialSaleScreen): SaleScreenState => actions.reduce(saleScreenReducer, from);
const event = (s: Sale): SaleScreenAction => ({ type: 'saleSeen', sale: s, from: 'event' });
const till = (status: Sale['status']) => sale('sale_till', status, { origin: ORIGIN });

describe('sale screen: a till sale', () => {
  it('started while the screen is idle appears by itself, read-only, and follows its events', () => {
    const s = run([event(till('creating'))]);
    expect(s.sale).toMatchObject({ id: 'sale_till', status: 'creating' });
    expect(tillOf(s)).toEqual(ORIGIN);
    expect(viewOf(s, 'SGD').locked).toBe(true);
    // Keypad and field do nothing while it is open.
    expect(run([{ type: 'keypad', key: '9' }, { type: 'typed', text: '5' }, { type: 'charge', currency: 'SGD' }], s)).toBe(s);
    const pending = run([event(till('pending'))], s);
    expect(pending.sale?.status).toBe('pending');
    const paid = run([event(till('successful'))], pending);
    expect(paid.sale?.status).toBe('successful');
    // Once settled the till no longer owns the field: the next digit starts a typed sale.
    expect(tillOf(paid)).toBeNull();
    expect(run([{ type: 'digitOnResult', key: '7' }], paid)).toMatchObject({ sale: null, text: '7' });
  });

  it('replaces a shown result and a half-typed amount (the till sale already runs at the terminal)', () => {
    const shownResult = run([event(sale('sale_old', 'successful'))], { ...initialSaleScreen, sale: sale('sale_old', 'pending') });
    expect(run([event(till('pending'))], shownResult).sale?.id).toBe('sale_till');
    const typing = run([{ type: 'typed', text: '4' }]);
    expect(run([event(till('creating'))], typing)).toMatchObject({ sale: { id: 'sale_till' }, text: '' });
  });

  it('the cashier cancels it with the normal cancel (Esc or the button)', () => {
    const s = run([event(till('pending')), { type: 'escape' }]);
    expect(s.request).toEqual({ kind: 'cancel', saleId: 'sale_till' });
    const done = run([{ type: 'cancelled', result: { ok: true, value: till('cancelled') } }], s);
    expect(done).toMatchObject({ busy: null, request: null, sale: { status: 'cancelled' } });
  });

  it('never takes the screen from a payment the cashier is starting or waiting on', () => {
    const starting = run([{ type: 'typed', text: '15' }, { type: 'charge', currency: 'SGD' }]);
    expect(run([event(till('creating'))], starting).sale).toBeNull();
    const waiting = run([{ type: 'started', result: { ok: true, value: sale('sale_mine', 'pending') } }], starting);
    expect(run([event(till('pending'))], waiting).sale?.id).toBe('sale_mine');
    const authorized = { ...initialSaleScreen, sale: sale('sale_mine', 'authorized') };
    expect(run([event(till('pending'))], authorized).sale?.id).toBe('sale_mine');
  });

  it('a settled till sale, or an open sale without an origin, does not take an idle screen', () => {
    expect(run([event(till('successful'))]).sale).toBeNull();
    expect(run([event(sale('sale_other', 'pending'))]).sale).toBeNull();
  });

  it('a typed sale has no till', () => {
    const s = run([{ type: 'typed', text: '12.50' }, { type: 'charge', currency: 'SGD' }, { type: 'started', result: { ok: true, value: sale('sale_mine', 'pending') } }]);
    expect(tillOf(s)).toBeNull();
  });
});
