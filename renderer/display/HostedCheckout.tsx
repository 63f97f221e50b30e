// The hosted KakaoPay checkout on the customer display (the default, 'hosted'), laid out at a desktop viewport
// and scaled into the payment box (shared/checkout-fit.ts), or our own QR of authorize_uri when it cannot
// be shown well:
// - the box is too small for the page's QR to be read across a counter (a phone, a portrait tablet);
// - the link is not on an allowed host;
// - browser mode: the page refuses to be framed (its headers, read by the main process, since a refused
//   frame still fires `load`), or it does not load within FRAME_TIMEOUT_MS, or fails to load.
// Electron: the shell draws authorize_uri in an isolated view over the box with the same zoom
// (electron/shell/checkout-view.ts); our QR is drawn beneath it, so it shows if the shell drops the view.
// Each fallback is logged by the main process (display:checkoutFallback) and on the console.
// Paid is never read from the page: the terminal's state decides the screen.
import { useEffect, useState, type ReactNode } from 'react';
import type { CheckoutFallbackReason, CheckoutFit, PosBridge, Rect, Size } from '../../shared';
import { checkoutNavigation, hostedLayout, policyAllowsDemoFrames } from '../../shared';
import './hosted.css';

export const FRAME_TIMEOUT_MS = 10_000;

// The demo is known from this page's own policy, which the server sends by the terminal's mode: the
// loopback sandbox is a checkout origin only then, never because a payment link names it.
const inDemo = (): boolean => policyAllowsDemoFrames(document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? null);

function hostedAllowed(uri: string): boolean {
  // Live: https on Opn/KakaoPay hosts. Demo: the embedded sandbox on loopback.
  const demoOrigin = inDemo() && /^http:\/\/(127\.0\.0\.1|localhost):\d+\//.test(uri) ? new URL(uri).origin : null;
  return checkoutNavigation(uri, { demoOrigin, returnUri: null }) === 'allow';
}

/** The window's size, following resizes (the box and the scale follow it). */
export function useViewport(): Size {
  const read = (): Size => ({ width: window.innerWidth, height: window.innerHeight });
  const [size, setSize] = useState(read);
  useEffect(() => {
    const on = (): void => setSize(read());
    window.addEventListener('resize', on);
    return () => window.removeEventListener('resize', on);
  }, []);
  return size;
}

/** What the payment box shows: the page (checking its headers, loading, shown) or our QR, and why. */
export type Checkout =
  | { readonly kind: 'page'; readonly phase: 'checking' | 'loading' | 'shown'; readonly box: Rect; readonly fit: CheckoutFit; readonly cart: Rect | null; readonly onFrame: (e: 'load' | 'error') => void }
  | { readonly kind: 'qr'; readonly reason: CheckoutFallbackReason | null };

type Phase = 'checking' | 'loading' | 'shown' | { readonly failed: CheckoutFallbackReason };

/** Decides the box for a pending sale; `hosted` false: Settings chose our QR. */
export function useCheckout(pos: PosBridge, sale: { saleId: string; uri: string; hosted: boolean; cart?: boolean }, viewport: Size): Checkout {
  const electron = Boolean(window.pos);
  const { box, fit, cart } = hostedLayout(viewport, { cart: sale.cart === true });
  const [phase, setPhase] = useState<Phase>(electron ? 'shown' : 'checking');
  const allowed = hostedAllowed(sale.uri);
  const reason: CheckoutFallbackReason | null = !sale.hosted ? null : !allowed ? 'host_not_allowed' : !fit.readable ? 'too_small' : typeof phase === 'object' ? phase.failed : null;
  const tryPage = sale.hosted && allowed && !electron;

  // Browser mode: ask the terminal whether the page lets this display frame it (once per sale).
  useEffect(() => {
    if (!tryPage) return;
    let live = true;
    void pos['display:checkoutFraming']({ saleId: sale.saleId, origin: window.location.origin }).then((r) => {
      if (!live) return;
      const refused = r.ok && r.value.framing === 'refused';
      setPhase((p) => (p === 'checking' ? (refused ? { failed: 'frame_refused' } : 'loading') : p));
    });
    return () => {
      live = false;
    };
  }, [pos, sale.saleId, tryPage]);
  // A page that never loads (a network that drops it, a frame the browser blocks silently): timed only
  // while the frame is on screen. A frame shown again after the screen was too small loads again.
  const framed = tryPage && fit.readable;
  useEffect(() => {
    if (!framed) return;
    const t = setTimeout(() => setPhase((p) => (p === 'checking' || p === 'loading' ? { failed: 'load_timeout' } : p)), FRAME_TIMEOUT_MS);
    return () => {
      clearTimeout(t);
      // The frame leaves the screen: when it comes back it loads again, and says so until it has.
      setPhase((p) => (p === 'shown' ? 'loading' : p));
    };
  }, [framed, sale.saleId]);
  // Said once per sale and reason (the terminal logs it; the console too in browser mode).
  useEffect(() => {
    if (!reason) return;
    console.warn(`customer display: showing the QR of the payment link instead of the hosted checkout (${reason})`);
    void pos['display:checkoutFallback']({ saleId: sale.saleId, reason });
  }, [pos, sale.saleId, reason]);

  if (!sale.hosted || reason) return { kind: 'qr', reason };
  const shown = typeof phase === 'string' ? phase : 'checking';
  return {
    kind: 'page',
    phase: shown,
    box,
    fit,
    cart,
    onFrame: (e) => setPhase((p) => (e === 'error' ? { failed: 'load_error' } : p === 'loading' ? 'shown' : p)),
  };
}

/**
 * The page at its desktop viewport, scaled into the box (browser mode), `loading` over it until it loads;
 * Electron: the slot the view covers, with `beneath` (our QR) showing if the shell drops the view.
 */
export function HostedFrame({ uri, checkout, loading, beneath }: { uri: string; checkout: Extract<Checkout, { kind: 'page' }>; loading: ReactNode; beneath: ReactNode }) {
  const { box, fit, phase } = checkout;
  const style = { left: box.x, top: box.y, width: box.width, height: box.height };
  if (window.pos) {
    return (
      <div className="hosted-box" style={style} data-testid="hosted-slot">
        {beneath}
      </div>
    );
  }
  return (
    <div className="hosted-box" style={style} data-phase={phase}>
      {phase !== 'checking' ? (
        <iframe
          className="hosted-frame"
          data-testid="hosted-checkout"
          title="KakaoPay checkout"
          src={uri}
          referrerPolicy="no-referrer"
          sandbox="allow-scripts allow-forms allow-same-origin"
          allow=""
          style={{ width: fit.frame.width, height: fit.frame.height, transform: `scale(${fit.scale})` }}
          onLoad={() => checkout.onFrame('load')}
          onError={() => checkout.onFrame('error')}
        />
      ) : null}
      {phase !== 'shown' ? <div className="hosted-loading">{loading}</div> : null}
    </div>
  );
}
