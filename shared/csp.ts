// The app pages' Content-Security-Policy, defined once. The same string goes into each page's meta tag
// (at build time, vite.config.ts) and into the response header (Electron's onHeadersReceived, browser
// mode's static server), so whichever of the two a browser enforces, the policy is the same.
//
// Scripts: only the app's own files ('self'), never inline or eval. Styles: only the app's own CSS
// files. React's `style={{…}}` props are set through the CSSOM (element.style), which CSP does not
// govern, so no 'unsafe-inline', hash or nonce is needed for them; a `style="…"` attribute in the HTML
// itself would be blocked (test/security/csp-browser.test.ts loads both pages in Chromium and fails
// on any violation).

import { CHECKOUT_HOSTS } from './checkout-hosts';

export type CspPage = 'cashier' | 'display';

/**
 * Hosts each page may show in a frame. Empty means `frame-src 'none'`. The hosted checkout on the
 * customer display (Opn's / KakaoPay's authorize page) adds its https origins to `display` here, and
 * only there: the cashier window never frames anything.
 */
export const FRAME_SOURCES: Readonly<Record<CspPage, readonly string[]>> = {
  cashier: [],
  // The hosted checkout (shared/checkout-hosts.ts, https only).
  display: CHECKOUT_HOSTS.flatMap((h) => [`https://${h}`, `https://*.${h}`]),
};

/** Only while the embedded demo runs (CspOptions.demo): the display may frame its loopback sandbox. */
export const DEMO_FRAME_SOURCES: readonly string[] = ['http://127.0.0.1:*', 'http://localhost:*'];

/** Whether a page's policy lets it frame the demo's loopback sandbox (the display reads its own). */
export function policyAllowsDemoFrames(policy: string | null): boolean {
  const frameSrc = (policy ?? '').split(';').map((d) => d.trim().split(/\s+/)).find((d) => d[0] === 'frame-src') ?? [];
  return DEMO_FRAME_SOURCES.every((s) => frameSrc.includes(s));
}

export interface CspOptions {
  /**
   * Browser mode: the `host:port` the page was served from (already checked against the server's
   * own names), so the bridge's websocket is allowed to exactly that host. Electron pages talk over
   * IPC and need no more than 'self'.
   */
  bridgeHost?: string;
  /**
   * `'sha256-…'` sources of the only inline <style> blocks a page may hold: the cashier's receipt
   * preview and browser-mode print frame (srcdoc frames inherit the page's policy). Computed where
   * hashing is available (electron/app/page-csp.ts); shared/ stays free of crypto.
   */
  styleHashes?: readonly string[];
  /** The terminal runs the embedded demo: the display may frame the loopback sandbox. Never in live mode. */
  demo?: boolean;
}

/** The policy for one page, as one header/meta value. */
export function pageCsp(page: CspPage, options: CspOptions = {}): string {
  const frames = [...FRAME_SOURCES[page], ...(options.demo === true && page === 'display' ? DEMO_FRAME_SOURCES : [])];
  const connect = ["'self'", ...(options.bridgeHost ? [`ws://${options.bridgeHost}`] : [])];
  const directives: [string, readonly string[]][] = [
    ['default-src', ["'none'"]],
    ['script-src', ["'self'"]],
    ['style-src', ["'self'", ...(options.styleHashes ?? [])]],
    ['img-src', ["'self'", 'data:']],
    ['font-src', ["'self'"]],
    ['connect-src', connect],
    ['frame-src', frames.length > 0 ? frames : ["'none'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
  ];
  return directives.map(([name, values]) => `${name} ${values.join(' ')}`).join('; ');
}

/** Which page an HTML file name is; any other HTML gets the cashier's (strictest) policy. */
export function cspPageOf(fileName: string): CspPage {
  return /(^|\/)display\.html$/.test(fileName) ? 'display' : 'cashier';
}

const META_PATTERN = /<meta http-equiv="Content-Security-Policy" content="[^"]*"\s*\/?>/i;

/** The meta tag carrying a policy (policies contain no `"` or `<`, checked here anyway). */
export function cspMetaTag(policy: string): string {
  if (/["<>]/.test(policy)) throw new Error('A CSP must not contain quotes or angle brackets.');
  return `<meta http-equiv="Content-Security-Policy" content="${policy}" />`;
}

/** The policy a page's meta tag carries, or null when it has none. */
export function metaCspOf(html: string): string | null {
  const m = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/i.exec(html);
  return m ? (m[1] ?? null) : null;
}

/** The page with its CSP meta tag set to `policy`: replaced where present, else early in <head>. */
export function withCspMeta(html: string, policy: string): string {
  const tag = cspMetaTag(policy);
  if (META_PATTERN.test(html)) return html.replace(META_PATTERN, () => tag);
  // After the charset declaration when there is one, else right after <head>, else first.
  const anchor = /<meta charset="[^"]*"\s*\/?>/i.exec(html) ?? /<head[^>]*>/i.exec(html);
  if (!anchor) return tag + html;
  const at = anchor.index + anchor[0].length;
  return `${html.slice(0, at)}\n    ${tag}${html.slice(at)}`;
}
