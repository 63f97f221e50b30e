// Pairing codes and API keys. Only SHA-256 hashes are stored; a key is compared in constant time. A key
// reads `posk_<id>_<secret>`: the id finds the row, the 32-byte secret proves it. A pairing code is short
// (typed by a person), one-time, expires, and every wrong code counts against every live code, so
// guessing one among 32^8 in a handful of tries is hopeless.
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { Database as Db } from 'better-sqlite3';
import type { PosKeyInfo, PosPairingCode, PosScope } from '../../shared';

const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTVWXYZ23456789'; // no 0/O, 1/I/L, U
export const CODE_LENGTH = 8;
export const CODE_TTL_MS = 10 * 60_000;
/** Wrong codes tried before every live code is burnt (the manager makes a new one). */
export const CODE_MAX_FAILURES = 5;

const sha256 = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

/** Upper-case, without spaces and dashes (a person types "abcd-efgh"). */
export const normaliseCode = (code: string): string => code.toUpperCase().replace(/[\s-]/g, '');

export interface KeyRow {
  id: string;
  name: string;
  scopes: string;
  secret_hash: Buffer;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface AuthedKey {
  readonly id: string;
  readonly name: string;
  readonly scopes: readonly PosScope[];
}

const parseScopes = (s: string): PosScope[] => s.split(',').filter((x): x is PosScope => x === 'payments' || x === 'refunds');

export function keyInfo(r: KeyRow): PosKeyInfo {
  return { id: r.id, name: r.name, scopes: parseScopes(r.scopes), createdAt: r.created_at, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at };
}

export class PosKeys {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
  ) {}

  createPairingCode(name: string, scopes: readonly PosScope[]): PosPairingCode {
    let code = '';
    for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
    const expiresAt = new Date(this.now().getTime() + CODE_TTL_MS).toISOString();
    this.db.prepare('DELETE FROM pairing_codes WHERE expires_at <= ?').run(this.now().toISOString());
    this.db.prepare('INSERT INTO pairing_codes (code_hash, name, scopes, expires_at) VALUES (?, ?, ?, ?)').run(sha256(code), name, scopes.join(','), expiresAt);
    return { code: `${code.slice(0, 4)}-${code.slice(4)}`, name, scopes: [...scopes], expiresAt };
  }

  /** Exchanges a live code for a new key (the code is gone after); null when the code is wrong or used. */
  pair(code: string): { apiKey: string; info: PosKeyInfo } | null {
    const nowIso = this.now().toISOString();
    return this.db.transaction(() => {
      const hash = sha256(normaliseCode(code));
      const row = this.db.prepare('SELECT name, scopes FROM pairing_codes WHERE code_hash = ? AND expires_at > ? AND failed_attempts < ?').get(hash, nowIso, CODE_MAX_FAILURES) as { name: string; scopes: string } | undefined;
      if (!row) {
        this.db.prepare('UPDATE pairing_codes SET failed_attempts = failed_attempts + 1').run();
        return null;
      }
      this.db.prepare('DELETE FROM pairing_codes WHERE code_hash = ?').run(hash);
      const id = `key_${randomBytes(9).toString('base64url').replace(/[-_]/g, 'x')}`;
      const secret = randomBytes(32).toString('base64url');
      this.db.prepare('INSERT INTO api_keys (id, name, scopes, secret_hash, created_at) VALUES (?, ?, ?, ?, ?)').run(id, row.name, row.scopes, sha256(secret), nowIso);
      const info = keyInfo(this.db.prepare('SELECT * FROM api_keys WHERE id = ?').get(id) as KeyRow);
      return { apiKey: `posk_${id}_${secret}`, info };
    })();
  }

  /** The key a bearer token names, if it is live; records its use (at most once a minute, to spare writes). */
  authenticate(token: string): AuthedKey | null {
    const m = /^posk_(key_[A-Za-z0-9]{12})_([A-Za-z0-9_-]{43})$/.exec(token);
    if (!m) return null;
    const row = this.db.prepare('SELECT * FROM api_keys WHERE id = ?').get(m[1]) as KeyRow | undefined;
    // Hash anyway so a wrong id costs the same as a wrong secret.
    const given = sha256(m[2] ?? '');
    const stored = row?.secret_hash ?? Buffer.alloc(32);
    if (!timingSafeEqual(given, stored) || !row || row.revoked_at) return null;
    const now = this.now();
    if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) > 60_000) this.db.prepare('UPDATE api_keys SET last_used_at = ? WHERE id = ?').run(now.toISOString(), row.id);
    return { id: row.id, name: row.name, scopes: parseScopes(row.scopes) };
  }

  isLive(id: string): boolean {
    const row = this.db.prepare('SELECT revoked_at FROM api_keys WHERE id = ?').get(id) as { revoked_at: string | null } | undefined;
    return row !== undefined && row.revoked_at === null;
  }

  list(): PosKeyInfo[] {
    return (this.db.prepare('SELECT * FROM api_keys ORDER BY created_at, id').all() as KeyRow[]).map(keyInfo);
  }

  /** Revokes a key; false when there is no such key. Revoking twice keeps the first time. */
  revoke(id: string): boolean {
    const r = this.db.prepare('UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?').run(this.now().toISOString(), id);
    return r.changes > 0;
  }
}
