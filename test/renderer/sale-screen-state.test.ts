// The sale screen's state machine in Node: entry → starting → waiting → result, the one "keep the newer
// sale" merge on the answer and event paths, and #18's double Enter: a second Enter (or key repeat, or a
// keypad sending two) never starts a second sale and never cancels the one waiting.
import { describe, expect, it } from 'vitest';
import type { Sale } from '../../shared';
import { adopt, initialSaleScreen, saleScreenReducer, viewOf, type SaleScreenAction, type SaleScreenState } from '../../renderer/cashier/sale-screen-state';

function sale(status: Sale['status'], extra: Partial<Sale> = {}): Sale {
  return {
    id: 'sale_a', terminalId: 't', storeId: 's', cashier: null, amount: 15_000, currency: 'SGD', status, capture: true,
    chargeId: 'chrg_a', authorizeUri: 'https://pay.example/a', expiresAt: '2026-11-27T10:05:00.000Z',
    createdAt: '2026-11-27T10:00:00.000Z', updatedAt: '2026-11-27T10:00:01.000Z', paidAt: null, fee: null, feeVat: null, net: null,
    refundedAmount: 0, failureCode: null, failureMessage: null, attentionReason: null, ...extra,
  };
}

const run = (actions: SaleScreenAction[], from: SaleScreenState = initialSaleScreen): SaleScreenState => actions.reduce(saleScreenReducer, from);
const typed = (text: string): SaleScreenAction => ({ type: 'typed', text });
const enter: SaleScreenAction = { type: 'charge', currency: 'SGD' };
const paidAt = '2026-11-27T10:00:09.000Z';

/** Type 150, Enter, and the terminal answers: the payment waits. */
const waiting = (): SaleScreenState => run([typed('150'), enter, { type: 'started', result: { ok: true, value: sale('pending') } }]);

describe('sale screen: entry and start', () => {
  it('Enter with a valid amount asks to start exactly that sale, once', () => {
    const s = run([typed('150'), enter]);
    expect(s.request).toEqual({ kind: 'start', amount: 15_000, currency: 'SGD' });
    expect(s.busy).toBe('creating');
    expect(viewOf(s, 'SGD').locked).toBe(true);
  });

  it('an invalid amount asks nothing and says why', () => {
    const s = run([typed('0.001'), enter]);
    expect(s.request).toBeNull();
    expect(viewOf(s, 'SGD')).toMatchObject({ showReason: true, parsed: { ok: false } });
    const empty = run([enter]);
    expect(empty.request).toBeNull();
    expect(viewOf(empty, 'SGD')).toMatchObject({ showReason: true, parsed: { ok: false, error: { code: 'amount_empty' } } });
  });

  it('the answer puts the waiting sale on screen and empties the field; a refusal keeps the amount and shows the error', () => {
    const s = waiting();
    expect(s).toMatchObject({ sale: { status: 'pending' }, text: '', busy: null, request: null });
    const refused = run([typed('150'), enter, { type: 'started', result: { ok: false, error: { code: 'opn_unavailable', message: 'x' } } }]);
    expect(refused).toMatchObject({ sale: null, text: '150', busy: null, request: null, error: { code: 'opn_unavailable' } });
  });

  it('keypad and typing edit the amount, and are ignored while a payment waits', () => {
    expect(run([{ type: 'keypad', key: '1' }, { type: 'keypad', key: '5' }, { type: 'keypad', key: '00' }]).text).toBe('1500');
    const s = waiting();
    expect(run([{ type: 'keypad', key: '9' }, typed('99')], s)).toBe(s);
  });
});

describe('sale screen: a second Enter (#18)', () => {
  it('while the sale is being created: no second start', () => {
    const first = run([typed('150'), enter]);
    const second = run([enter, enter], first);
    expect(second).toBe(first);
  });

  it('while the payment waits: nothing happens (no new sale, no cancel)', () => {
    const s = waiting();
    const after = run([enter, enter, enter], s);
    expect(after).toBe(s);
    expect(after.request).toBeNull();
    expect(after.sale?.status).toBe('pending');
  });

  it('cancelling takes a deliberate act: Esc or the button, once', () => {
    const s = waiting();
    const esc = run([{ type: 'escape' }], s);
    expect(esc).toMatchObject({ busy: 'cancelling', request: { kind: 'cancel', saleId: 'sale_a' } });
    expect(run([{ type: 'escape' }, { type: 'cancel' }], esc)).toBe(esc);
    const done = run([{ type: 'cancelled', result: { ok: true, value: sale('cancelled', { updatedAt: paidAt }) } }], esc);
    expect(done).toMatchObject({ sale: { status: 'cancelled' }, busy: null, request: null });
    expect(run([{ type: 'cancel' }], s).request).toEqual({ kind: 'cancel', saleId: 'sale_a' });
  });

  it('on a result, Enter does not charge the last amount again; New sale or a digit starts the next entry', () => {
    const paid = run([{ type: 'saleSeen', sale: sale('successful', { updatedAt: paidAt }), from: 'event' }], waiting());
    expect(viewOf(paid, 'SGD').showingResult).toBe(true);
    expect(run([enter], paid)).toBe(paid);
    expect(run([{ type: 'newSale' }], paid)).toMatchObject({ sale: null, text: '' });
    expect(run([{ type: 'digitOnResult', key: '7' }], paid)).toMatchObject({ sale: null, text: '7' });
  });
});

describe('sale screen: the newer sale is kept', () => {
  it('an event settles the sale before the start answer arrives: the late pending answer does not bring the QR back', () => {
    const starting = run([typed('150'), enter]);
    // The event about a sale the screen does not show yet is not adopted; the answer is.
    const afterEvent = run([{ type: 'saleSeen', sale: sale('pending'), from: 'event' }], starting);
    expect(afterEvent.sale).toBeNull();
    const answered = run([{ type: 'started', result: { ok: true, value: sale('pending') } }, { type: 'saleSeen', sale: sale('successful', { updatedAt: paidAt }), from: 'event' }, { type: 'saleSeen', sale: sale('pending'), from: 'answer' }], starting);
    expect(answered.sale?.status).toBe('successful');
  });

  it('the sale is paid before sale:start answers: the events that came first win over the pending answer', () => {
    const starting = run([typed('150'), enter]);
    const early = run([{ type: 'saleSeen', sale: sale('creating', { updatedAt: '2026-11-27T10:00:00.000Z' }), from: 'event' }, { type: 'saleSeen', sale: sale('pending'), from: 'event' }, { type: 'saleSeen', sale: sale('successful', { updatedAt: paidAt }), from: 'event' }, { type: 'saleSeen', sale: sale('pending', { id: 'sale_other' }), from: 'event' }], starting);
    expect(early.sale).toBeNull();
    const answered = run([{ type: 'started', result: { ok: true, value: sale('pending') } }], early);
    expect(answered).toMatchObject({ sale: { id: 'sale_a', status: 'successful' }, busy: null, early: [] });
    expect(viewOf(answered, 'SGD').showingResult).toBe(true);
  });

  it('a stale event copy never replaces a newer answer, and an event about another sale is ignored', () => {
    const paid = run([{ type: 'saleSeen', sale: sale('successful', { updatedAt: paidAt }), from: 'answer' }]);
    expect(run([{ type: 'saleSeen', sale: sale('pending'), from: 'event' }], paid).sale?.status).toBe('successful');
    expect(run([{ type: 'saleSeen', sale: sale('pending', { id: 'sale_b' }), from: 'event' }], paid).sale?.id).toBe('sale_a');
  });

  it('adopt: same id keeps the newer copy (a settled copy wins a tie); another sale takes the screen only from an answer', () => {
    const pending = sale('pending');
    const failed = sale('failed');
    expect(adopt(pending, failed, 'event')).toBe(failed);
    expect(adopt(failed, pending, 'answer')).toBe(failed);
    expect(adopt(null, pending, 'event')).toBeNull();
    expect(adopt(pending, sale('pending', { id: 'sale_b' }), 'answer')?.id).toBe('sale_b');
  });
});
