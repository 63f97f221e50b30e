// The hosted checkout view's settings as plain data, so tests assert them without launching Electron.
import { hostedLayout, type HostedExtras, type Rect, type Size } from '../../shared';
import { ISOLATED_PAGE_PREFERENCES } from './security';

/** A fresh partition name per app run (no "persist:" prefix: nothing of the page is written to disk). */
export const CHECKOUT_PARTITION = 'kakaopay-checkout';

export function checkoutWebPreferences() {
  return {
    partition: CHECKOUT_PARTITION,
    ...ISOLATED_PAGE_PREFERENCES,
    devTools: false,
  } as const;
}

/** Chromium's zoom range: a factor outside it is refused. */
const ZOOM_MIN = 0.25;
const ZOOM_MAX = 5;

/**
 * Where the view goes in the display window (the renderer's payment box, shared/checkout-fit.ts: the bar
 * above stays the renderer's), the zoom that lays the page out at its desktop viewport inside it, and
 * whether its QR is large enough; when not, no view: the renderer shows our QR there.
 */
export function checkoutViewFit(win: Size, extras: HostedExtras = {}): { bounds: Rect; zoomFactor: number; readable: boolean } {
  const { box, fit } = hostedLayout(win, extras);
  const bounds = { x: Math.round(box.x), y: Math.round(box.y), width: Math.round(box.width), height: Math.round(box.height) };
  const zoomFactor = Math.min(ZOOM_MAX, Math.max(ZOOM_MIN, fit.scale));
  return { bounds, zoomFactor, readable: fit.readable && zoomFactor === fit.scale };
}

/** The part of the display the page covers: the payment box under the bar, never the whole window. */
export function checkoutBounds(win: Size): Rect {
  return checkoutViewFit(win).bounds;
}

