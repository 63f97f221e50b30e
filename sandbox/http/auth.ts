// HTTP Basic auth with the key as the user name and an empty password (reference §1).
import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export type KeyKind = 'public' | 'secret' | null;

function sameString(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Returns which of the account's keys the request carries, and the key itself (for idempotency scoping). */
export function authenticate(headers: IncomingHttpHeaders, publicKey: string, secretKey: string): { kind: KeyKind; key: string } {
  const header = headers.authorization;
  if (!header) return { kind: null, key: '' };
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!m?.[1]) return { kind: null, key: '' };
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const user = colon === -1 ? decoded : decoded.slice(0, colon);
  if (sameString(user, secretKey)) return { kind: 'secret', key: user };
  if (sameString(user, publicKey)) return { kind: 'public', key: user };
  return { kind: null, key: '' };
}
