// The hosted KakaoPay checkout on the customer display (the default, 'hosted').
// - Electron: the shell draws authorize_uri in an isolated view over this area (electron/shell/checkout-view.ts);
//   the page itself only keeps the space free.
// - Browser mode (a tablet or the E2E): an iframe of authorize_uri. A cross-site page may refuse to be framed
//   (X-Frame-Options / CSP frame-ancestors) and the browser cannot tell us so reliably: if the frame has not
//   loaded within FRAME_TIMEOUT_MS, or the link is not on an allowed host, this falls back to our QR of the
//   link. Shops whose display is a tablet should choose "QR of the payment link" in Settings.
// Paid is never read from the page: the terminal's state decides the screen.
import { useEffect, useState } from 'react';
import { checkoutNavigation, policyAllowsDemoFrames } from '../../shared';
import { QrCode } from './QrCode';
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

export function HostedCheckout({ uri }: { uri: string }) {
  const [state, setState] = useState<{ uri: string; phase: 'loading' | 'loaded' | 'fallback' }>({ uri, phase: 'loading' });
  const phase = state.uri === uri ? state.phase : 'loading';
  useEffect(() => {
    const t = setTimeout(() => setState((s) => (s.uri === uri && s.phase === 'loading' ? { uri, phase: 'fallback' } : s)), FRAME_TIMEOUT_MS);
    return () => clearTimeout(t);
  }, [uri]);
  if (window.pos) return <div className="hosted-slot" data-testid="hosted-slot" />;
  if (!hostedAllowed(uri) || phase === 'fallback') return <QrCode text={uri} />;
  return (
    <iframe
      className="hosted-frame"
      data-testid="hosted-checkout"
      title="KakaoPay checkout"
      src={uri}
      referrerPolicy="no-referrer"
      sandbox="allow-scripts allow-forms allow-same-origin"
      allow=""
      onLoad={() => setState({ uri, phase: 'loaded' })}
    />
  );
}
