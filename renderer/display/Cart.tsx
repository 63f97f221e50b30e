// A till's cart on the customer display (POS link): each line as name, quantity × unit price and the
// line's total, then the till's note. A long cart never pushes the QR off the screen: it shows as many
// lines as the room allows (`maxLines`, from the screen's size) and says how many more there are.
import type { Currency, DisplayCart, DisplayLanguage } from '../../shared';
import { money } from '../ui/format';
import { TEXT } from './texts';

/** How the cart is laid out in a box of this size, with the cart's font size `fontPx`. */
export interface CartFit {
  /** Two rows per line (name; quantity × price and total) where one row would leave the name no room. */
  readonly compact: boolean;
  readonly maxLines: number;
}

/** Lines that fit (at least one; room kept for "and K more" and the note), one row each or two when narrow. */
export function fitCart(box: { width: number; height: number }, fontPx: number, cart: DisplayCart): CartFit {
  const compact = box.width < fontPx * 20;
  const row = fontPx * 1.6;
  const rows = Math.floor(box.height / row) - (cart.note ? 2 : 0);
  return { compact, maxLines: Math.max(1, Math.floor(rows / (compact ? 2 : 1))) };
}

export function Cart({ cart, currency, langs, fit }: { cart: DisplayCart; currency: Currency; langs: readonly DisplayLanguage[]; fit: CartFit }) {
  const { maxLines } = fit;
  const fits = cart.lines.length <= maxLines;
  // When it does not fit, the last row says how many lines are not shown.
  const shown = fits ? cart.lines : cart.lines.slice(0, Math.max(1, maxLines - 1));
  const more = cart.lines.length - shown.length;
  const lang = langs[0] ?? 'en';
  return (
    <section className={`cart${fit.compact ? ' compact' : ''}`} data-testid="display-cart">
      {shown.length > 0 ? (
        <ul className="cart-lines">
          {shown.map((l, i) => (
            <li key={i} className="cart-line" data-testid="cart-line">
              <span className="cart-name">{l.name}</span>
              <span className="cart-unit">
                {l.quantity} × {money(l.unitAmount, currency)}
              </span>
              <span className="cart-total">{money(l.quantity * l.unitAmount, currency)}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {more > 0 ? (
        <div className="cart-more" data-testid="cart-more" lang={lang}>
          {TEXT.cartMore[lang].replace('{n}', String(more))}
        </div>
      ) : null}
      {cart.note ? (
        <div className="cart-note" data-testid="cart-note">
          {cart.note}
        </div>
      ) : null}
    </section>
  );
}
