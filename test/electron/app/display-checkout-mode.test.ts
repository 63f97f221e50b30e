// The display's pending screen carries the shop's checkout choice (hosted | qr) and the QR validity the
// countdown bar is measured against (the terminal's own deadline, not Opn's expires_at).
import { describe, expect, it } from 'vitest';
import type { Sale } from '../../../shared';
import { createDisplayState } from '../../../electron/app/display-state';

const pending = (extra: Partial<Sale> = {}): Sale => ({
  id: 'a', terminalId: 't', storeId: 's', cashier: null, amount: 4250, currency: 'SGD', status: 'pending', capture: true,
  chargeId: 'chrg_a', authorizeUri: 'https://pay.omise.co/payments/pay2_a/authorize', expiresAt: '2026-11-27T10:02:00.000Z',
  createdAt: '2026-11-27T10:00:00.000Z', updatedAt: '2026-11-27T10:00:00.000Z', paidAt: null, fee: null, feeVat: null, net: null,
  refundedAmount: 0, failureCode: null, failureMessage: null, attentionReason: null, ...extra,
});

describe('display checkout mode', () => {
  it.each(['hosted', 'qr'] as const)('%s: passed to the pending screen with the validity', (checkout) => {
    const m = createDisplayState({ shop: () => ({ shopName: 'Bakery', languages: ['en'], checkout }), onChange: () => undefined });
    m.onSale(pending({ status: 'creating', authorizeUri: null }));
    m.onSale(pending());
    expect(m.current()).toMatchObject({ screen: 'pending', checkout, validityMs: 120_000, authorizeUri: 'https://pay.omise.co/payments/pay2_a/authorize' });
  });

  it('absent (an older shell): no checkout field, the display keeps the QR', () => {
    const m = createDisplayState({ shop: () => ({ shopName: 'Bakery', languages: ['en'] }), onChange: () => undefined });
    m.onSale(pending({ status: 'creating', authorizeUri: null }));
    m.onSale(pending());
    expect('checkout' in m.current()).toBe(false);
  });
});
