// The hosted KakaoPay checkout on the customer display (the guide's desktop flow): authorize_uri loads in an
// isolated WebContentsView inside the display window only (never the cashier window). No preload, no
// Node, its own in-memory session partition, sandboxed; https only (plus the embedded sandbox in demo);
// navigation only to the hosts in shared/checkout-hosts.ts; window.open, downloads and permissions denied.
// Reaching the sale's return_uri (or leaving the allowed hosts) ends the view: the display shows the
// terminal's own screen. Paid is never decided here: the terminal's state (relay/polling) is the only truth.
import { session, WebContentsView, type BrowserWindow, type Session } from 'electron';
import type { CustomerDisplayState } from '../../shared';
import { checkoutNavigation, type CheckoutPolicy } from '../../shared';
import { CHECKOUT_PARTITION, checkoutBounds, checkoutWebPreferences } from './checkout-prefs';

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
  let shownFor: string | null = null;
  lockSession(session.fromPartition(CHECKOUT_PARTITION), policy);

  const remove = (): void => {
    if (!view) return;
    if (!win.isDestroyed()) win.contentView.removeChildView(view);
    if (!view.webContents.isDestroyed()) view.webContents.close();
    view = null;
  };
  const layout = (): void => {
    if (view) view.setBounds(checkoutBounds(win.getContentBounds()));
  };
  win.on('resize', layout);

  const open = (uri: string): void => {
    remove();
    if (checkoutNavigation(uri, policy()) !== 'allow') {
      log('checkout view: authorize_uri is not on an allowed host; the display falls back to the QR');
      return;
    }
    const v = new WebContentsView({ webPreferences: checkoutWebPreferences() });
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
    win.contentView.addChildView(v);
    view = v;
    layout();
    void v.webContents.loadURL(uri);
  };

  return {
    follow(state) {
      const hosted = state.screen === 'pending' && state.checkout === 'hosted';
      if (!hosted) {
        shownFor = null;
        remove();
        return;
      }
      const key = `${state.saleId} ${state.authorizeUri}`;
      if (key === shownFor) return;
      shownFor = key;
      open(state.authorizeUri);
    },
    dispose() {
      if (!win.isDestroyed()) win.off('resize', layout);
      remove();
    },
  };
}
