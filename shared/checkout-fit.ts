// Where the hosted KakaoPay checkout goes on the customer display and how much it is scaled, in one place:
// the browser-mode frame (renderer/display/HostedCheckout.tsx) and the Electron view's zoom
// (electron/shell/checkout-view.ts) both use these functions, so they agree on the box and on when the
// display falls back to our own QR of authorize_uri.
//
// The page is laid out at a desktop viewport (CHECKOUT_PAGE: the checkout page's desktop rendition, the
// guide's desktop flow; the sandbox's page switches to it at 481 CSS px, 1024 is the common desktop
// breakpoint and leaves room for a page that switches later) and scaled into the box. We cannot look
// inside a cross-site page, so the side of its QR is an assumption (CHECKOUT_PAGE.qrSidePx): the sandbox
// draws it at exactly that size; re-measure against KakaoPay's live page when going live.

export interface Size {
  readonly width: number;
  readonly height: number;
}
export interface Rect extends Size {
  readonly x: number;
  readonly y: number;
}

/** The checkout page's desktop rendition, in its own CSS px. */
export const CHECKOUT_PAGE = { widthPx: 1024, heightPx: 640, qrSidePx: 280 } as const;

/**
 * A QR a phone reads across a counter: side ≥ 30 % of the screen's short side, and never under 120 px.
 * Why: a phone reads a QR from about ten times its side. On the smallest counter screen (a 7-inch
 * 800×480 panel, ~0.19 mm/px) 30 % of the short side is 144 px ≈ 27 mm, read from ~30 cm, the near edge
 * of a counter; on a 24-inch 1920×1080 screen it is 324 px ≈ 90 mm, read from ~90 cm. The floor keeps a
 * payment link's QR (about 37 modules with its margin) at ≥ 3 screen px per module.
 */
export const QR_MIN_SHARE = 0.3;
export const QR_MIN_PX = 120;

export function minQrSide(viewport: Size): number {
  return Math.max(QR_MIN_PX, QR_MIN_SHARE * Math.min(viewport.width, viewport.height));
}

/** The display's padding and the height of the bar above the checkout (amount, shop, countdown). */
export function hostedChrome(viewport: Size): { pad: number; gap: number; bar: number } {
  const vmin = Math.min(viewport.width, viewport.height);
  return { pad: Math.round(Math.max(10, vmin * 0.02)), gap: Math.round(Math.max(6, vmin * 0.012)), bar: Math.round(Math.max(84, vmin * 0.13)) };
}

/** What else shares the room under the bar: a till's cart (POS link) takes a column (landscape) or a strip. */
export interface HostedExtras {
  readonly cart?: boolean;
}

/**
 * The till's cart beside the checkout: a left column of ~26 % of the width on a landscape screen, a strip
 * of ~22 % of the height under the bar on a portrait one; null without a cart.
 */
export function hostedCartRect(viewport: Size, extras: HostedExtras = {}): Rect | null {
  if (!extras.cart) return null;
  const { pad, gap, bar } = hostedChrome(viewport);
  const y = pad + bar + gap;
  const inner = { width: Math.max(0, viewport.width - 2 * pad), height: Math.max(0, viewport.height - y - pad) };
  if (viewport.width >= viewport.height) return { x: pad, y, width: Math.round(Math.min(inner.width * 0.32, Math.max(200, inner.width * 0.26))), height: inner.height };
  return { x: pad, y, width: inner.width, height: Math.round(inner.height * 0.22) };
}

/** The payment box the checkout page is scaled into: the whole width under the bar, less the cart's room. */
export function hostedBox(viewport: Size, extras: HostedExtras = {}): Rect {
  const { pad, gap, bar } = hostedChrome(viewport);
  const y = pad + bar + gap;
  const full = { x: pad, y, width: Math.max(0, viewport.width - 2 * pad), height: Math.max(0, viewport.height - y - pad) };
  const cart = hostedCartRect(viewport, extras);
  if (!cart) return full;
  if (viewport.width >= viewport.height) {
    const x = cart.x + cart.width + gap;
    return { x, y, width: Math.max(0, viewport.width - pad - x), height: full.height };
  }
  const below = cart.y + cart.height + gap;
  return { x: pad, y: below, width: full.width, height: Math.max(0, viewport.height - pad - below) };
}

export interface CheckoutFit {
  /** CSS transform scale (browser mode) or zoom factor (Electron) from page px to screen px. */
  readonly scale: number;
  /** The page's viewport in its own CSS px: at least CHECKOUT_PAGE, filling the box at `scale`. */
  readonly frame: Size;
  /** The side of the page's QR on screen, and the least a phone reads across a counter. */
  readonly qrSidePx: number;
  readonly minQrSidePx: number;
  /** false: the page's QR would be too small; the display shows our QR of authorize_uri instead. */
  readonly readable: boolean;
}

export function fitCheckout(box: Size, viewport: Size): CheckoutFit {
  const scale = Math.max(0, Math.min(box.width / CHECKOUT_PAGE.widthPx, box.height / CHECKOUT_PAGE.heightPx));
  const frame = scale > 0 ? { width: Math.floor(box.width / scale), height: Math.floor(box.height / scale) } : { width: CHECKOUT_PAGE.widthPx, height: CHECKOUT_PAGE.heightPx };
  const qrSidePx = CHECKOUT_PAGE.qrSidePx * scale;
  const minQrSidePx = minQrSide(viewport);
  return { scale, frame, qrSidePx, minQrSidePx, readable: qrSidePx >= minQrSidePx };
}

/** Both at once, for a display of this size. */
export function hostedLayout(viewport: Size, extras: HostedExtras = {}): { box: Rect; fit: CheckoutFit; cart: Rect | null } {
  const box = hostedBox(viewport, extras);
  return { box, fit: fitCheckout(box, viewport), cart: hostedCartRect(viewport, extras) };
}
