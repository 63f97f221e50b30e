// Which client a request comes from. Behind a reverse proxy every socket is the proxy's: the client is
// then read from X-Forwarded-For (or, when the proxy sends none, RFC 7239 Forwarded), walking from the
// right past the proxies listed in FORWARDER_TRUST_PROXY and stopping at the first hop not listed — a
// hop the client wrote itself is never believed. Without a trusted proxy the socket's address is used.
import { BlockList, isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';

export interface TrustedProxies {
  /** True when this address is one of the reverse proxies the forwarder believes. */
  trusts(address: string): boolean;
  readonly empty: boolean;
}

// Addresses repeat (Opn's senders, a proxy, the terminals' networks) and these run for every connection
// and request: answers are kept, and forgotten all at once when this many are held.
const CACHE_MAX = 4096;
function remembered<T>(cache: Map<string, T>, key: string, compute: (k: string) => T): T {
  let v = cache.get(key);
  if (v === undefined) {
    if (cache.size >= CACHE_MAX) cache.clear();
    v = compute(key);
    cache.set(key, v);
  }
  return v;
}

const normalized = new Map<string, string>();
/** `::ffff:1.2.3.4` → `1.2.3.4`; `[::1]:80` / `1.2.3.4:80` / `"[::1]"` → the bare address; '' when not an IP. */
export function normalizeAddress(raw: string | undefined): string {
  return raw === undefined ? '' : remembered(normalized, raw, normalizeUncached);
}

function normalizeUncached(raw: string): string {
  let a = raw.trim().replace(/^"|"$/g, '');
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(a);
  if (bracketed) a = bracketed[1] ?? '';
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(':'));
  if (/^::ffff:\d{1,3}(\.\d{1,3}){3}$/i.test(a)) a = a.slice(7);
  return isIP(a) ? a.toLowerCase() : '';
}

/** Parses "127.0.0.1, 10.0.0.0/8, ::1, fd00::/8"; throws a message naming the bad entry. */
export function parseTrustedProxies(spec: string | undefined): TrustedProxies {
  const list = new BlockList();
  let n = 0;
  for (const entry of (spec ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    const [addr = '', prefix] = entry.split('/');
    const kind = isIP(addr);
    if (kind === 0) throw new Error(`"${entry}" is not an IP address or CIDR`);
    const family = kind === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) list.addAddress(addr, family);
    else {
      const bits = Number(prefix);
      if (!/^\d{1,3}$/.test(prefix) || bits > (kind === 4 ? 32 : 128)) throw new Error(`"${entry}" has a bad prefix length`);
      list.addSubnet(addr, bits, family);
    }
    n++;
  }
  const verdicts = new Map<string, boolean>();
  const check = (address: string): boolean => {
    const a = normalizeAddress(address);
    return a !== '' && list.check(a, isIP(a) === 4 ? 'ipv4' : 'ipv6');
  };
  return {
    empty: n === 0,
    trusts: (address) => n > 0 && remembered(verdicts, address, check),
  };
}

/** The hops a proxy chain reports, leftmost (the original client, as claimed) first. */
function forwardedHops(req: IncomingMessage): string[] {
  const xff = req.headers['x-forwarded-for'];
  if (xff !== undefined) return (Array.isArray(xff) ? xff.join(',') : xff).split(',');
  const fwd = req.headers.forwarded;
  if (fwd === undefined) return [];
  return fwd
    .split(',')
    .map((element) => /(?:^|;)\s*for=("[^"]*"|[^;,\s]*)/i.exec(element)?.[1] ?? '');
}

/** The client's address as far as the trusted proxies vouch for it. */
export function clientAddress(req: IncomingMessage, proxies: TrustedProxies): string {
  let address = normalizeAddress(req.socket.remoteAddress) || 'unknown';
  if (proxies.empty || !proxies.trusts(address)) return address;
  const hops = forwardedHops(req);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normalizeAddress(hops[i]);
    // Garbage where a proxy should have written an address: stop at the last hop that was vouched for.
    if (hop === '') return address;
    address = hop;
    if (!proxies.trusts(hop)) return hop;
  }
  return address;
}
