// What the customer display reports about the hosted checkout: whether the current sale's checkout page lets
// the browser-mode display frame it (its headers, read here: the page cannot see a refused frame), and that
// it fell back to our QR of the link (logged once per sale and reason). Both act only on the sale the
// display is showing, so a display page cannot make the terminal fetch or log anything else.
import type { CustomerDisplayState } from '../../../shared';
import { framingVerdict } from '../../../shared';
import type { DomainHandlers } from '../gate';
import type { HandlerContext } from './context';

const PROBE_TIMEOUT_MS = 5_000;

/** The authorize_uri of the hosted payment the display shows for this sale, or null. */
function hostedUri(state: CustomerDisplayState, saleId: string): string | null {
  return state.screen === 'pending' && state.checkout === 'hosted' && state.saleId === saleId ? state.authorizeUri : null;
}

/** HEAD (safe by HTTP's rules: the frame's own GET stays the page's only load), redirects followed. */
async function pageHeaders(uri: string): Promise<{ headers: Headers; url: string } | null> {
  try {
    const res = await fetch(uri, { method: 'HEAD', redirect: 'follow', signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    return { headers: res.headers, url: res.url || uri };
  } catch {
    return null;
  }
}

export function displayCheckoutHandlers(ctx: HandlerContext): Pick<DomainHandlers<'display'>, 'display:checkoutFraming' | 'display:checkoutFallback'> {
  const logged = new Set<string>();
  return {
    'display:checkoutFraming': async ({ saleId, origin }) => {
      const uri = hostedUri(ctx.display.current(), saleId);
      if (!uri || !/^https?:\/\//.test(uri)) return { framing: 'unknown' as const };
      const page = await pageHeaders(uri);
      if (!page) return { framing: 'unknown' as const };
      const headers = { xFrameOptions: page.headers.get('x-frame-options'), contentSecurityPolicy: page.headers.get('content-security-policy') };
      return { framing: framingVerdict(headers, origin, new URL(page.url).origin) };
    },
    'display:checkoutFallback': ({ saleId, reason }) => {
      const key = `${saleId} ${reason}`;
      if (!hostedUri(ctx.display.current(), saleId) || logged.has(key)) return Promise.resolve({ logged: false });
      if (logged.size > 1000) logged.clear();
      logged.add(key);
      ctx.logger?.warn({ saleId, reason }, 'customer display: the hosted checkout fell back to the QR of the payment link');
      return Promise.resolve({ logged: true });
    },
  };
}
