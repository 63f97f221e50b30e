// Whether a page's answer lets the browser-mode customer display frame it: a frame the page refuses
// (X-Frame-Options, CSP frame-ancestors) still fires `load` in the browser with an error page inside, and a
// cross-site frame cannot be looked into, so the main process reads the page's headers instead and the
// display falls back to our QR of the link. Follows Chromium: frame-ancestors, when present, wins over
// X-Frame-Options; ALLOW-FROM is ignored.

export type Framing = 'allowed' | 'refused';

export interface FramingHeaders {
  readonly xFrameOptions: string | null;
  readonly contentSecurityPolicy: string | null;
}

interface Origin {
  readonly scheme: string;
  readonly host: string;
  readonly port: string;
}

const DEFAULT_PORT: Readonly<Record<string, string>> = { http: '80', https: '443' };

function parseOrigin(origin: string): Origin | null {
  const m = /^([a-z][a-z0-9+.-]*):\/\/([^/:?#]+|\[[0-9a-f:]+\])(?::(\d+))?\/?$/i.exec(origin.trim());
  if (!m) return null;
  const scheme = (m[1] ?? '').toLowerCase();
  return { scheme, host: (m[2] ?? '').toLowerCase(), port: m[3] ?? DEFAULT_PORT[scheme] ?? '' };
}

/** One frame-ancestors source expression against the framing page's origin. */
function sourceMatches(source: string, frame: Origin, page: Origin): boolean {
  const s = source.toLowerCase();
  if (s === "'self'") return frame.scheme === page.scheme && frame.host === page.host && frame.port === page.port;
  if (s === '*') return frame.scheme === 'http' || frame.scheme === 'https';
  if (/^[a-z][a-z0-9+.-]*:$/.test(s)) return s === `${frame.scheme}:` || (s === 'http:' && frame.scheme === 'https');
  const m = /^(?:([a-z][a-z0-9+.-]*):\/\/)?(\*|(?:\*\.)?[a-z0-9.-]+|\[[0-9a-f:]+\])(?::(\d+|\*))?(?:\/.*)?$/.exec(s);
  if (!m) return false;
  const scheme = m[1] ?? null;
  const host = m[2] ?? '';
  if (scheme ? !(scheme === frame.scheme || (scheme === 'http' && frame.scheme === 'https')) : !(frame.scheme === page.scheme || (page.scheme === 'http' && frame.scheme === 'https'))) return false;
  const hostOk = host === '*' || (host.startsWith('*.') ? frame.host.endsWith(host.slice(1)) : frame.host === host);
  if (!hostOk) return false;
  const port = m[3] ?? DEFAULT_PORT[scheme ?? frame.scheme] ?? '';
  return port === '*' || port === frame.port;
}

/** The frame-ancestors source lists of every policy in the header (a comma joins several policies). */
function frameAncestors(csp: string): string[][] {
  const lists: string[][] = [];
  for (const policy of csp.split(',')) {
    for (const directive of policy.split(';')) {
      const [name, ...sources] = directive.trim().split(/\s+/);
      if (name?.toLowerCase() === 'frame-ancestors') lists.push(sources.filter((x) => x !== ''));
    }
  }
  return lists;
}

/** Whether `frameOrigin` (the display page) may frame a page of `pageOrigin` that answered `headers`. */
export function framingVerdict(headers: FramingHeaders, frameOrigin: string, pageOrigin: string): Framing {
  const frame = parseOrigin(frameOrigin);
  const page = parseOrigin(pageOrigin);
  if (!frame || !page) return 'refused';
  const lists = headers.contentSecurityPolicy ? frameAncestors(headers.contentSecurityPolicy) : [];
  if (lists.length > 0) return lists.every((list) => list.some((src) => src !== "'none'" && sourceMatches(src, frame, page))) ? 'allowed' : 'refused';
  const xfo = headers.xFrameOptions?.split(',')[0]?.trim().toUpperCase() ?? '';
  if (xfo === 'DENY') return 'refused';
  if (xfo === 'SAMEORIGIN') return frame.scheme === page.scheme && frame.host === page.host && frame.port === page.port ? 'allowed' : 'refused';
  return 'allowed';
}
