// The customer display's cart (POS link): a till's sale with lines or a note shows them while its QR is
// up; a typed sale, or a till's sale with neither, has no cart; and the hosted checkout's box leaves the
// cart its room (shared/checkout-fit.ts), the same numbers the Electron view uses.
import { describe, expect, it } from 'vitest';
import type { Sale, SaleOrigin } from '../../../shared';
import { hostedLayout } from '../../../shared';
import { createDisplayState } from '../../../electron/app/display-state';
import { checkoutViewFit } from '../../../electron/shell/checkout-prefs';

const ORIGIN: SaleOrigin = { source: 'pos', tillId: 'k', tillName: 'Till 1', referenceId: 'A-1', note: 'Table 4', lineItems: [{ name: 'Tea', quantity: 2, unitAmount: 350 }] };

function sale(id: string, status: Sale['status'], origin: SaleOrigin | null): Sale {
  return {
    id, terminalId: 't', storeId: 's', cashier: null, amount: 700, currency: 'SGD', status, capture: true,
    chargeId: `chrg_${id}`, authorizeUri: `https://pay.example/${id}`, expiresAt: '2026-11-27T10:05:00.000Z',
    createdAt: '2026-11-27T10:00:00.000Z', updatedAt: '2026-11-27T10:00:00.000Z', paidAt: null, fee: null, feeVat: null, net: null,
    refundedAmount: 0, failureCode: null, failureMessage: null, attentionReason: null, origin,
  };
}

function pendingOf(origin: SaleOrigin | null) {
  const m = createDisplayState({ shop: () => ({ shopName: 'Shop', languages: ['ko', 'en'], checkout: 'hosted' }), onChange: () => undefined, setTimer: () => 0, clearTimer: () => undefined });
  m.onSale(sale('a', 'creating', origin));
  m.onSale(sale('a', 'pending', origin));
  return m.current();
}

describe('customer display: a till\'s cart', () => {
  it('a till sale shows its lines and note with the QR; a typed sale or an empty cart shows none', () => {
    expect(pendingOf(ORIGIN)).toMatchObject({ screen: 'pending', cart: { lines: ORIGIN.lineItems, note: 'Table 4' } });
    expect(pendingOf(null)).not.toHaveProperty('cart');
    expect(pendingOf({ ...ORIGIN, lineItems: [], note: null })).not.toHaveProperty('cart');
    expect(pendingOf({ ...ORIGIN, lineItems: [] })).toMatchObject({ cart: { lines: [], note: 'Table 4' } });
  });

  it('the hosted box makes room for the cart without overlapping it, in landscape and portrait', () => {
    for (const viewport of [{ width: 1024, height: 600 }, { width: 1920, height: 1080 }, { width: 768, height: 1024 }]) {
      const plain = hostedLayout(viewport);
      const withCart = hostedLayout(viewport, { cart: true });
      const cart = withCart.cart;
      expect(plain.cart).toBeNull();
      expect(cart).not.toBeNull();
      if (!cart) continue;
      const overlaps = cart.x < withCart.box.x + withCart.box.width && withCart.box.x < cart.x + cart.width && cart.y < withCart.box.y + withCart.box.height && withCart.box.y < cart.y + cart.height;
      expect(overlaps).toBe(false);
      expect(withCart.box.width * withCart.box.height).toBeLessThan(plain.box.width * plain.box.height);
      // The Electron view is placed on the same box.
      expect(checkoutViewFit(viewport, { cart: true }).bounds).toEqual(withCart.box);
    }
    // A counter screen keeps KakaoPay's page readable beside a cart.
    expect(hostedLayout({ width: 1024, height: 600 }, { cart: true }).fit.readable).toBe(true);
  });
});
