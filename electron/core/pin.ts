// Manager PIN: salted scrypt hashes ('scrypt$N$r$p$salt$hash', base64url parts), a timing-safe check,
// and a limiter that locks PIN entry after repeated failures.
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

const N = 16384;
const R = 8;
const P = 1;
const KEYLEN = 32;

export function hashPin(pin: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(pin.normalize('NFKC'), salt, KEYLEN, { N, r: R, p: P });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

export function verifyPin(pin: string, encoded: string): boolean {
  const parts = encoded.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [n, r, p] = parts.slice(1, 4).map(Number);
  if (!n || !r || !p || n > 2 ** 20 || r > 32 || p > 16 || (n & (n - 1)) !== 0) return false;
  const salt = Buffer.from(parts[4] ?? '', 'base64url');
  const expected = Buffer.from(parts[5] ?? '', 'base64url');
  if (salt.length < 8 || expected.length < 16) return false;
  const actual = scryptSync(pin.normalize('NFKC'), salt, expected.length, { N: n, r, p, maxmem: 256 * n * r + 1024 * 1024 });
  return timingSafeEqual(actual, expected);
}

export interface PinLimiterOptions {
  maxFailures?: number;
  lockMs?: number;
  now?: () => Date;
}

export type PinCheck = { ok: true } | { ok: false; code: 'pin_invalid' | 'pin_locked' | 'pin_not_set'; retryAfterMs?: number; remaining?: number };

/** Counts consecutive failures; after `maxFailures` the PIN is locked for `lockMs`, whatever is typed. */
export class PinLimiter {
  private failures = 0;
  private lockedUntil = 0;
  private readonly maxFailures: number;
  private readonly lockMs: number;
  private readonly now: () => Date;

  constructor(o: PinLimiterOptions = {}) {
    this.maxFailures = o.maxFailures ?? 5;
    this.lockMs = o.lockMs ?? 5 * 60_000;
    this.now = o.now ?? (() => new Date());
  }

  check(pin: string, hash: string | null): PinCheck {
    const t = this.now().getTime();
    if (t < this.lockedUntil) return { ok: false, code: 'pin_locked', retryAfterMs: this.lockedUntil - t };
    if (!hash) return { ok: false, code: 'pin_not_set' };
    if (verifyPin(pin, hash)) {
      this.failures = 0;
      return { ok: true };
    }
    this.failures += 1;
    if (this.failures >= this.maxFailures) {
      this.failures = 0;
      this.lockedUntil = t + this.lockMs;
      return { ok: false, code: 'pin_locked', retryAfterMs: this.lockMs };
    }
    return { ok: false, code: 'pin_invalid', remaining: this.maxFailures - this.failures };
  }
}
