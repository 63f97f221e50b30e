// The per-install certificate of the LAN listener: made once (selfsigned: ECDSA P-256, SHA-256), kept in
// the POS link's 0600 database, and pinned by the till through its SHA-256 fingerprint, which Settings
// shows at pairing. The till does not need a CA: it compares the fingerprint.
import { X509Certificate } from 'node:crypto';
import { hostname, networkInterfaces } from 'node:os';
import type { Database as Db } from 'better-sqlite3';
import { generate } from 'selfsigned';
import { getConfig, setConfig } from './db';

export interface PosCertificate {
  readonly cert: string;
  readonly key: string;
  /** "AB:CD:…", 32 bytes. */
  readonly fingerprint: string;
}

/** IPv4 addresses of this machine on the shop's network (not loopback, not link-local). */
export function lanAddresses(): string[] {
  const out: string[] = [];
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal && !a.address.startsWith('169.254.')) out.push(a.address);
  }
  return out;
}

export const fingerprintOf = (certPem: string): string => new X509Certificate(certPem).fingerprint256;

export async function ensureCertificate(db: Db, now: Date = new Date()): Promise<PosCertificate> {
  const cert = getConfig(db, 'tls_cert');
  const key = getConfig(db, 'tls_key');
  if (cert && key) return { cert, key, fingerprint: fingerprintOf(cert) };
  const name = `kakaopay-counter-${hostname().slice(0, 40) || 'terminal'}`;
  const made = await generate([{ name: 'commonName', value: name }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - 60_000),
    notAfterDate: new Date(now.getTime() + 20 * 365 * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 2, value: name }, { type: 7, ip: '127.0.0.1' }, ...lanAddresses().map((ip) => ({ type: 7 as const, ip }))] },
    ],
  });
  db.transaction(() => {
    setConfig(db, 'tls_cert', made.cert);
    setConfig(db, 'tls_key', made.private);
  })();
  return { cert: made.cert, key: made.private, fingerprint: fingerprintOf(made.cert) };
}
