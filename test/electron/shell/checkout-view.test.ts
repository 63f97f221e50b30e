// The hosted checkout view's settings, asserted without Electron: no preload, no Node, sandboxed, its own
// in-memory partition (not the app's session), and it covers only part of the display window.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECKOUT_PARTITION, checkoutBounds, checkoutWebPreferences } from '../../../electron/shell/checkout-prefs';

describe('hosted checkout view', () => {
  it('isolated: no preload, no Node, sandbox, context isolation, own non-persistent partition', () => {
    const p = checkoutWebPreferences();
    expect('preload' in p).toBe(false);
    expect(p).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, nodeIntegrationInSubFrames: false, webSecurity: true, webviewTag: false, devTools: false });
    expect(p.partition).toBe(CHECKOUT_PARTITION);
    expect(p.partition.startsWith('persist:')).toBe(false);
  });

  it('covers the right part of the display, never the whole window', () => {
    expect(checkoutBounds({ width: 1920, height: 1080 })).toEqual({ x: 806, y: 0, width: 1114, height: 1080 });
  });

  it('is attached to the display window only: the cashier window never loads it', () => {
    const main = readFileSync(path.join(import.meta.dirname, '../../../electron/shell/main.ts'), 'utf8');
    expect(main).toMatch(/attachCheckoutView\(display,/);
    expect(main).not.toMatch(/attachCheckoutView\(cashier/);
    const view = readFileSync(path.join(import.meta.dirname, '../../../electron/shell/checkout-view.ts'), 'utf8');
    for (const guard of ["setWindowOpenHandler(() => ({ action: 'deny' }))", "'will-download'", 'setPermissionRequestHandler', 'setPermissionCheckHandler(() => false)', "'will-navigate'", "'will-redirect'"]) expect(view).toContain(guard);
  });
});
