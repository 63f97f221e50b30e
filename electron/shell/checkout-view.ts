// The hosted KakaoPay checkout on the customer display (the guide's desktop flow): authorize_uri loads in an
// isolated WebContentsView inside the display window only (never the cashier window). No preload, no
// Node, its own in-memory session partition, sandboxed; https only (plus the embedded sandbox in demo);
// navigation only to the hosts in shared/checkout-hosts.ts; window.open, downloads and permissions denied.
// Reaching the sale's return_uri (or leaving the allowed hosts) ends the view: the display shows the
// terminal's own screen. Paid is never decided here: the terminal's state (relay/polling) is the only truth.
// The view covers the renderer's payment box and is zoomed so the page lays out at its desktop viewport
// (checkoutViewFit, the same numbers as the browser-mode frame). Where the page's QR would be too small, or
// the page fails or does not load in time, there is no view: the renderer's own QR of the link beneath
// shows, and the log says why.
import { session, WebContentsView, type BrowserWindow, type Session } from 'electron';
import type { CustomerDisplayState } from '../../shared';
import { checkoutNavigation, type CheckoutPolicy } from '../../shared';
import { CHECKOUT_PARTITION, checkoutViewFit, checkoutWebPreferences } from './checkout-prefs';

/** The same patience as the browser-mode frame (renderer/display/HostedCheckout.tsx). */
const LOAD_TIMEOUT_MS = 10_000;

function lockSession(s: Session, policy: () => CheckoutPolicy): void {
  s.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  s.setPermissionCheckHandler(() => false);
  s.on('will-download', (e) => e.preventDefault());
  // Every request of the page and its subresources: https, or the demo sandbox on loopback.
  s.webRequest.onBeforeRequest((details, callback) => {
    const u = details.url;
    const demo = policy().demoOrigin;
    const ok = u.startsWith('https://') || (demo !== null && u.startsWith(`${demo}/`)) || u.startsWith('data:') || u.startsWith('blob:');
    callback({ cancel: !ok });
  });
}

export interface CheckoutView {
  /** Follows the customer display's state: shown while a hosted payment is pending, removed otherwise. */
  follow(state: CustomerDisplayState): void;
  dispose(): void;
}

export function attachCheckoutView(win: BrowserWindow, policy: () => CheckoutPolicy, log: (msg: string) => void = () => undefined): CheckoutView {
  let view: WebContentsView | null = null;
  let timer: NodeJS.Timeout | null = null;
  /** The hosted payment on screen (sale and link), and whether its page already failed (no second try). */
  let current: { key: string; uri: string; failed: boolean; cart: boolean } | null = null;
  let saidTooSmall: string | null = null;
  lockSession(session.fromPartition(CHECKOUT_PARTITION), policy);

  const remove = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (!view) return;
    if (!win.isDestroyed()) win.contentView.removeChildView(view);
    if (!view.webContents.isDestroyed()) view.webContents.close();
    view = null;
  };
  const fail = (why: string): void => {
    if (current) current.failed = true;
    remove();
    log(`checkout view: ${why}; the display shows the QR of the payment link`);
  };

  const open = (uri: string): void => {
    remove();
    if (checkoutNavigation(uri, policy()) !== 'allow') {
      if (current) current.failed = true;
      log('checkout view: authorize_uri is not on an allowed host; the display falls back to the QR');
      return;
    }
    const fit = checkoutViewFit(win.getContentBounds(), { cart: current?.cart === true });
    const v = new WebContentsView({ webPreferences: { ...checkoutWebPreferences(), zoomFactor: fit.zoomFactor } });
    // Opaque: the renderer's QR beneath must not show through a page that draws no background.
    v.setBackgroundColor('#ffffff');
    const guard = (e: { preventDefault(): void }, url: string): void => {
      const verdict = checkoutNavigation(url, policy());
      if (verdict === 'allow') return;
      e.preventDefault();
      // The customer finished on KakaoPay's side (return_uri) or the page tried to leave: our screen takes over.
      if (verdict === 'return' || verdict === 'deny') remove();
      if (verdict === 'deny') log('checkout view: navigation outside the allowed hosts was blocked');
    };
    v.webContents.on('will-navigate', guard);
    v.webContents.on('will-redirect', guard);
    v.webContents.on('will-frame-navigate', (e) => {
      if (!e.isMainFrame && checkoutNavigation(e.url, policy()) === 'deny') e.preventDefault();
    });
    v.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
    // Chromium may reset the zoom on navigation (per-host zoom levels): set it again on every load.
    v.webContents.on('did-finish-load', () => {
      if (timer) clearTimeout(timer);
      timer = null;
      v.webContents.setZoomFactor(checkoutViewFit(win.getContentBounds(), { cart: current?.cart === true }).zoomFactor);
    });
    v.webContents.on('did-fail-load', (_e, code, description, _url, isMainFrame) => {
      // -3 (ERR_ABORTED) is a navigation we stopped ourselves (the guard).
      if (isMainFrame && code !== -3 && view === v) fail(`the checkout page did not load (${code} ${description})`);
    });
    win.contentView.addChildView(v);
    view = v;
    v.setBounds(fit.bounds);
    timer = setTimeout(() => {
      if (view === v) fail(`the checkout page did not load within ${LOAD_TIMEOUT_MS / 1000} s`);
    }, LOAD_TIMEOUT_MS);
    void v.webContents.loadURL(uri).catch(() => undefined);
  };

  /** Shows, moves, zooms or drops the view for the window's size (the renderer decides the same way). */
  const layout = (): void => {
    if (!current || current.failed || win.isDestroyed()) return;
    const fit = checkoutViewFit(win.getContentBounds(), { cart: current?.cart === true });
    if (!fit.readable) {
      remove();
      if (saidTooSmall !== current.key) log('checkout view: the display is too small for the checkout page\'s QR; the display shows the QR of the payment link');
      saidTooSmall = current.key;
      return;
    }
    if (!view) {
      open(current.uri);
      return;
    }
    view.setBounds(fit.bounds);
    view.webContents.setZoomFactor(fit.zoomFactor);
  };
  win.on('resize', layout);

  return {
    follow(state) {
      const hosted = state.screen === 'pending' && state.checkout === 'hosted';
      if (!hosted) {
        current = null;
        remove();
        return;
      }
      const key = `${state.saleId} ${state.authorizeUri}`;
      if (current?.key === key) return;
      remove();
      // A till's cart takes a column beside the page (shared/checkout-fit.ts), as in the renderer.
      current = { key, uri: state.authorizeUri, failed: false, cart: state.cart !== undefined };
      layout();
    },
    dispose() {
      if (!win.isDestroyed()) win.off('resize', layout);
      current = null;
      remove();
    },
  };
}
