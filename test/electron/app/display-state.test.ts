// The customer display's state machine, with a controllable timer: fed the core's sale events, it
// follows only the sale started last, never goes back to a QR once settled, and returns to idle after the hold.
import { describe, expect, it } from 'vitest';
import type { CustomerDisplayState, Sale } from '../../../shared';
import { createDisplayState } from '../../../electron/app/display-state';

function sale(id: string, status: Sale['status'], extra: Partial<Sale> = {}): Sale {
  return {
    id, terminalId: 't', storeId: 's', cashier: null, amount: 150_000, currency: 'SGD', status, capture: true,
    chargeId: `chrg_${id}`, authorizeUri: `https://pay.example/${id}`, expiresAt: '2026-11-27T10:05:00.000Z',
    createdAt: '2026-11-27T10:00:00.000Z', updatedAt: '2026-11-27T10:00:00.000Z', paidAt: null, fee: null, feeVat: null, net: null,
    refundedAmount: 0, failureCode: null, failureMessage: null, attentionReason: null, ...extra,
  };
}

function machine() {
  const seen: CustomerDisplayState[] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  const m = createDisplayState({
    shop: () => ({ shopName: 'Noodle Bar', languages: ['ko', 'en'] }),
    onChange: (s) => seen.push(s),
    holdMs: 5000,
    setTimer: (fn, ms) => timers.push({ fn, ms }) - 1,
    clearTimer: (h) => {
      const t = timers[h as number];
      if (t) t.fn = () => {};
    },
  });
  return { m, seen, fire: () => timers.splice(0).forEach((t) => t.fn()) };
}

describe('customer display state', () => {
  it('idle → pending with the QR → paid → idle after the hold', () => {
    const { m, fire } = machine();
    expect(m.current()).toEqual({ screen: 'idle', shopName: 'Noodle Bar', languages: ['ko', 'en'] });
    m.onSale(sale('a', 'creating'));
    m.onSale(sale('a', 'pending'));
    expect(m.current()).toMatchObject({ screen: 'pending', saleId: 'a', authorizeUri: 'https://pay.example/a', amount: 150_000 });
    m.onSale(sale('a', 'successful'));
    expect(m.current()).toMatchObject({ screen: 'paid', saleId: 'a' });
    fire();
    expect(m.current()).toMatchObject({ screen: 'idle' });
  });

  it('never shows a previous sale: a new Charge clears the screen at once, and old sales are ignored', () => {
    const { m } = machine();
    m.onSale(sale('a', 'creating'));
    m.onSale(sale('a', 'pending'));
    m.onSale(sale('b', 'creating'));
    expect(m.current().screen).toBe('idle');
    m.onSale(sale('a', 'pending'));
    expect(m.current().screen).toBe('idle');
    m.onSale(sale('a', 'successful'));
    expect(m.current().screen).toBe('idle');
    m.onSale(sale('b', 'pending'));
    expect(m.current()).toMatchObject({ screen: 'pending', saleId: 'b' });
  });

  it('a late pending copy never brings the QR back after the sale settled', () => {
    const { m } = machine();
    m.onSale(sale('a', 'creating'));
    m.onSale(sale('a', 'failed', { failureCode: 'payment_rejected' }));
    m.onSale(sale('a', 'pending'));
    expect(m.current()).toMatchObject({ screen: 'failed', failureCode: 'payment_rejected' });
  });

  it('maps expired, cancelled and needs-attention; the hold does not end a newer sale', () => {
    const { m, fire } = machine();
    m.onSale(sale('a', 'creating'));
    m.onSale(sale('a', 'expired'));
    expect(m.current().screen).toBe('expired');
    m.onSale(sale('b', 'creating'));
    m.onSale(sale('b', 'pending'));
    fire();
    expect(m.current()).toMatchObject({ screen: 'pending', saleId: 'b' });
    m.onSale(sale('b', 'cancelled'));
    expect(m.current().screen).toBe('cancelled');
    m.onSale(sale('c', 'creating'));
    m.onSale(sale('c', 'needs_attention'));
    expect(m.current().screen).toBe('idle');
  });

  it('resumes a sale recovered at start-up (its QR again), follows it to its result, and never takes over a sale already followed', () => {
    const { m, fire } = machine();
    expect(m.followed()).toBeNull();
    m.resume(sale('r', 'pending'));
    expect(m.current()).toMatchObject({ screen: 'pending', saleId: 'r', authorizeUri: 'https://pay.example/r', expiresAt: '2026-11-27T10:05:00.000Z' });
    expect(m.followed()).toBe('r');
    m.onSale(sale('r', 'successful'));
    expect(m.current()).toMatchObject({ screen: 'paid', saleId: 'r' });
    fire();
    expect(m.followed()).toBeNull();
    // A sale the cashier started is not replaced by an older one found open.
    m.onSale(sale('b', 'creating'));
    m.onSale(sale('b', 'pending'));
    m.resume(sale('old', 'pending'));
    expect(m.current()).toMatchObject({ screen: 'pending', saleId: 'b' });
    expect(m.followed()).toBe('b');
  });

  it('one change per sale state; a late copy of the followed sale and a copy of another sale never take the screen', () => {
    const { m, seen } = machine();
    m.onSale(sale('b', 'creating'));
    m.onSale(sale('b', 'pending', { updatedAt: '2026-11-27T10:00:01.000Z' }));
    m.onSale(sale('b', 'pending', { updatedAt: '2026-11-27T10:00:01.000Z' }));
    m.onSale(sale('a', 'pending'));
    m.onSale(sale('b', 'successful', { updatedAt: '2026-11-27T10:00:09.000Z' }));
    m.onSale(sale('b', 'pending', { updatedAt: '2026-11-27T10:00:01.000Z' }));
    expect(seen.map((s) => s.screen)).toEqual(['idle', 'pending', 'paid']);
    expect(m.followed()).toBe('b');
  });
});
