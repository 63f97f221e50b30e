// The hosted checkout view's settings as plain data, so tests assert them without launching Electron.
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

/** The share of the display the page covers (the right side; the amount and countdown stay on the left). */
export function checkoutBounds(win: { width: number; height: number }): { x: number; y: number; width: number; height: number } {
  const x = Math.round(win.width * 0.42);
  return { x, y: 0, width: win.width - x, height: win.height };
}

