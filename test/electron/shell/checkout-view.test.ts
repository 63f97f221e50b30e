// The hosted checkout view's settings, asserted without Electron: no preload, no Node, sandboxed, its own
// in-memory partition (not the app's session), and it covers only part of the display window.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECKOUT_PARTITION, checkoutBounds, checkoutViewFit, checkoutWebPreferences } from '../../../electron/shell/checkout-prefs';
import { CHECKOUT_PAGE, hostedBox } from '../../../shared';

describe('hosted checkout view', () => {
  it('isolated: no preload, no Node, sandbox, context isolation, own non-persistent partition', () => {
    const p = checkoutWebPreferences();
    expect('preload' in p).toBe(false);
    expect(p).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, nodeIntegrationInSubFrames: false, webSecurity: true, webviewTag: false, devTools: false });
    expect(p.partition).toBe(CHECKOUT_PARTITION);
    expect(p.partition.startsWith('persist:')).toBe(false);
  });

  it('covers the renderer\'s payment box under the bar, never the whole window', () => {
    expect(checkoutBounds({ width: 1920, height: 1080 })).toEqual({ x: 22, y: 175, width: 1876, height: 883 });
    const box = hostedBox({ width: 1024, height: 600 });
    expect(checkoutBounds({ width: 1024, height: 600 })).toEqual({ x: Math.round(box.x), y: Math.round(box.y), width: Math.round(box.width), height: Math.round(box.height) });
  });

  it('zooms the page to its desktop viewport inside the box; no view where its QR would be too small', () => {
    for (const win of [{ width: 800, height: 480 }, { width: 1024, height: 600 }, { width: 1920, height: 1080 }, { width: 3840, height: 2160 }]) {
      const { bounds, zoomFactor, readable } = checkoutViewFit(win);
      expect(readable).toBe(true);
      // The CSS viewport Chromium lays the page out in: bounds / zoom, at least the desktop rendition.
      expect(bounds.width / zoomFactor).toBeGreaterThanOrEqual(CHECKOUT_PAGE.widthPx - 1);
      expect(bounds.height / zoomFactor).toBeGreaterThanOrEqual(CHECKOUT_PAGE.heightPx - 1);
      expect(CHECKOUT_PAGE.qrSidePx * zoomFactor).toBeGreaterThanOrEqual(0.3 * Math.min(win.width, win.height));
    }
    expect(checkoutViewFit({ width: 1920, height: 1080 }).zoomFactor).toBeCloseTo(883 / 640, 3);
    expect(checkoutViewFit({ width: 360, height: 640 }).readable).toBe(false);
    expect(checkoutViewFit({ width: 768, height: 1024 }).readable).toBe(false);
  });

  it('is attached to the display window only: the cashier window never loads it', () => {
    const main = readFileSync(path.join(import.meta.dirname, '../../../electron/shell/main.ts'), 'utf8');
    expect(main).toMatch(/attachCheckoutView\(display,/);
    expect(main).not.toMatch(/attachCheckoutView\(cashier/);
    const view = readFileSync(path.join(import.meta.dirname, '../../../electron/shell/checkout-view.ts'), 'utf8');
    for (const guard of ["setWindowOpenHandler(() => ({ action: 'deny' }))", "'will-download'", 'setPermissionRequestHandler', 'setPermissionCheckHandler(() => false)', "'will-navigate'", "'will-redirect'"]) expect(view).toContain(guard);
  });
});
