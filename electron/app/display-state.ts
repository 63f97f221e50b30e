// The customer display's state machine, driven only by the sale events the payment core emits after each
// commit: a new sale (creating) clears the screen → pending (with this sale's QR) → paid / failed /
// expired / cancelled → idle again after a few seconds. It follows one sale at a time (the one started
// last), so it can never show a previous sale's QR (odoo/odoo#84496), and a late copy of the followed
// sale never replaces a newer one (`newerCopy`). One `onChange` per sale state.
import type { CustomerDisplayState, DisplayCart, DisplayLanguage, Sale } from '../../shared';
import { missingCase, newerCopy } from '../../shared';

export const DISPLAY_HOLD_MS = 6_000;

export interface DisplayStateOptions {
  shop: () => { shopName: string; languages: readonly DisplayLanguage[]; checkout?: 'hosted' | 'qr' };
  onChange: (state: CustomerDisplayState) => void;
  holdMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export interface DisplayStateMachine {
  current(): CustomerDisplayState;
  /**
   * A sale left open by a crash was found at start-up: follow it again (its QR and countdown come
   * back) unless the display already follows one.
   */
  resume(sale: Sale): void;
  /** The sale the display follows (open, or settled and still on screen); null when idle. */
  followed(): string | null;
  /**
   * Any sale changed (the core's sale event). A sale the core has just created (`creating`) is followed
   * from now on; otherwise only the followed sale moves the display.
   */
  onSale(sale: Sale): void;
  /** The shop's name or languages changed. */
  refresh(): void;
  dispose(): void;
}

type Screen = CustomerDisplayState['screen'];

/** A till's cart for the customer (POS link): only when it has lines or a note. */
function cartOf(sale: Sale): { cart: DisplayCart } | Record<string, never> {
  const o = sale.origin;
  if (!o || (o.lineItems.length === 0 && !o.note)) return {};
  return { cart: { lines: o.lineItems, note: o.note } };
}

function resultScreen(sale: Sale): Exclude<Screen, 'pending'> | null {
  switch (sale.status) {
    case 'creating':
    case 'pending':
      return null;
    case 'successful':
    case 'authorized':
    case 'partially_refunded':
    case 'refunded':
    case 'voided':
      return 'paid';
    case 'failed':
      return 'failed';
    case 'expired':
      return 'expired';
    case 'cancelled':
    case 'reversed':
      return 'cancelled';
    case 'needs_attention':
      // Money moved when it should not have: the cashier deals with it; the customer sees idle.
      return 'idle';
    default:
      return missingCase(sale.status);
  }
}

export function createDisplayState(options: DisplayStateOptions): DisplayStateMachine {
  const holdMs = options.holdMs ?? DISPLAY_HOLD_MS;
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as NodeJS.Timeout));
  let followed: string | null = null;
  /** The newest copy of the followed sale seen so far. */
  let latest: Sale | null = null;
  let settled = false;
  let timer: unknown = null;
  let state: CustomerDisplayState = idle();

  function idle(): CustomerDisplayState {
    const shop = options.shop();
    return { screen: 'idle', shopName: shop.shopName, languages: shop.languages };
  }

  function set(next: CustomerDisplayState): void {
    state = next;
    options.onChange(state);
  }

  function stopTimer(): void {
    if (timer !== null) clearTimer(timer);
    timer = null;
  }

  function follow(saleId: string | null): void {
    stopTimer();
    followed = saleId;
    latest = null;
    settled = false;
  }

  function toIdle(): void {
    follow(null);
    set(idle());
  }

  function onSale(sale: Sale): void {
    if (sale.id !== followed) {
      // Only a new sale (the core emits `creating` once, when it commits the row) takes the screen: it is
      // the one started last. Copies of other sales never do. The previous sale's QR or result leaves
      // the screen at once, before any network call.
      if (sale.status !== 'creating') return;
      follow(sale.id);
      latest = sale;
      set(idle());
      return;
    }
    if (latest && newerCopy(latest, sale) !== sale) return;
    latest = sale;
    if (settled) return;
    const shop = options.shop();
    const base = { shopName: shop.shopName, languages: shop.languages };
    const screen = resultScreen(sale);
    if (screen === null) {
      if (sale.status === 'pending' && sale.authorizeUri && sale.expiresAt) {
        if (state.screen === 'pending' && state.saleId === sale.id && state.authorizeUri === sale.authorizeUri) return;
        const checkout = shop.checkout ? { checkout: shop.checkout } : {};
        const validityMs = Math.max(0, Date.parse(sale.expiresAt) - Date.parse(sale.createdAt));
        set({ screen: 'pending', ...base, ...checkout, ...cartOf(sale), validityMs, saleId: sale.id, amount: sale.amount, currency: sale.currency, authorizeUri: sale.authorizeUri, expiresAt: sale.expiresAt });
      }
      return;
    }
    // A result stays until the hold ends: a settled sale never goes back to its QR, and later changes
    // (a refund, a late stray charge) are the cashier's business.
    settled = true;
    if (screen === 'idle') return toIdle();
    set({ screen, ...base, saleId: sale.id, amount: sale.amount, currency: sale.currency, failureCode: sale.failureCode });
    stopTimer();
    timer = setTimer(() => {
      timer = null;
      if (followed === sale.id) toIdle();
    }, holdMs);
  }

  return {
    current: () => state,
    resume(sale) {
      if (followed !== null && followed !== sale.id) return;
      if (followed === null) follow(sale.id);
      onSale(sale);
    },
    followed: () => followed,
    onSale,
    refresh() {
      const shop = options.shop();
      set({ ...state, shopName: shop.shopName, languages: shop.languages });
    },
    dispose: stopTimer,
  };
}
