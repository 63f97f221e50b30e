// Where the hosted KakaoPay checkout may navigate, in one place (documented in docs/opn.md). The page at
// authorize_uri is Opn's (pay.omise.co / api.omise.co in the SDK fixtures) and hands over to KakaoPay,
// which runs on Alipay+. These hosts are an ASSUMPTION from Opn's fixtures and the guide, not a documented
// list: opn-probe cannot settle it (it has no browser), so a blocked navigation is logged and the shop can
// switch the display to the QR of the link.

/** Registrable domains (a host matches itself and its subdomains); https only. */
export const CHECKOUT_HOSTS = ['omise.co', 'opn.ooo', 'kakaopay.com', 'kakao.com', 'alipay.com', 'alipayplus.com'] as const;

export type CheckoutNavigation = 'allow' | 'return' | 'deny';

export interface CheckoutPolicy {
  /** The embedded sandbox's origin (http on loopback) in demo mode; null in live mode. */
  readonly demoOrigin: string | null;
  /** The sale's return_uri: reaching it ends the checkout (the terminal shows its own result screen). */
  readonly returnUri: string | null;
}

interface Parts {
  readonly protocol: 'http:' | 'https:';
  readonly hostname: string;
  readonly origin: string;
  readonly pathname: string;
}

// shared/ has no URL class (no DOM or node types): a strict parser for the only URLs that can pass. Anything
// with credentials, backslashes, spaces or an odd host fails closed (deny).
const URL_RE = /^(https?):\/\/([a-z0-9.-]+|\[[0-9a-f:]+\])(?::(\d{1,5}))?(\/[^?#\s\\]*)?(?:[?#][^\s]*)?$/i;

function parse(url: string): Parts | null {
  const m = URL_RE.exec(url);
  if (!m) return null;
  const protocol = (m[1] ?? '').toLowerCase() === 'https' ? 'https:' : 'http:';
  const hostname = (m[2] ?? '').toLowerCase();
  const defaultPort = protocol === 'https:' ? '443' : '80';
  const port = m[3] && m[3] !== defaultPort ? `:${m[3]}` : '';
  return { protocol, hostname, origin: `${protocol}//${hostname}${port}`, pathname: m[4] ?? '/' };
}

export function isCheckoutHost(hostname: string): boolean {
  const h = hostname.toLowerCase();
  return CHECKOUT_HOSTS.some((d) => h === d || h.endsWith(`.${d}`));
}

/** What the hosted checkout view does with a navigation (or the first load) to `url`. */
export function checkoutNavigation(url: string, policy: CheckoutPolicy): CheckoutNavigation {
  const u = parse(url);
  if (!u) return 'deny';
  const ret = policy.returnUri ? parse(policy.returnUri) : null;
  if (ret && u.origin === ret.origin && u.pathname === ret.pathname) return 'return';
  if (u.protocol === 'https:' && isCheckoutHost(u.hostname)) return 'allow';
  if (policy.demoOrigin && u.protocol === 'http:' && u.origin === parse(policy.demoOrigin)?.origin && ['127.0.0.1', 'localhost'].includes(u.hostname)) return 'allow';
  return 'deny';
}

/**
 * The embedded sandbox's test controls for a charge (Successful / Failed with a code, the wallet link),
 * kept off the customer's checkout page and opened from the cashier's payment panel in demo mode. They
 * sit beside the charge's authorize_uri; null for any other link.
 */
export function sandboxTestPageUri(authorizeUri: string): string | null {
  const m = /^(https?:\/\/[^/?#\s]+\/payments\/[\w-]+)\/authorize$/.exec(authorizeUri);
  return m ? `${m[1]}/test` : null;
}
