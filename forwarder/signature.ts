// Opn webhook signature: hex(HMAC-SHA256(base64decode(secret), `${timestamp}.${rawBody}`)) in
// `Omise-Signature` (two comma-separated during a secret rotation), epoch seconds in
// `Omise-Signature-Timestamp`. Verified over the raw bytes, before any JSON parsing.
import { createHmac, createSecretKey, timingSafeEqual } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

export type SignatureCheck =
  /** late: signed correctly but older than the tolerance (within maxAgeSec): accept only an event never stored */
  | { ok: true; late: boolean }
  | { ok: false; code: 'missing_signature' | 'bad_timestamp' | 'stale_timestamp' | 'bad_signature' };

/** A webhook secret must decode to at least this many bytes (an HMAC key of 128 bits). */
export const MIN_WEBHOOK_SECRET_BYTES = 16;

/** The key bytes of a base64 (or base64url) secret; Node's decoder skips what is not base64, so `'========'` is 0 bytes. */
export function webhookSecretKey(secretB64: string): Buffer {
  return Buffer.from(secretB64, 'base64');
}

/** True when the secret decodes to a key of real strength. */
export function isStrongWebhookSecret(secretB64: string): boolean {
  return webhookSecretKey(secretB64).length >= MIN_WEBHOOK_SECRET_BYTES;
}

// The secrets' keys, decoded once: verifying runs for every webhook. Bounded (a rotation adds one).
const keys = new Map<string, KeyObject>();
function keyOf(secretB64: string): KeyObject {
  let key = keys.get(secretB64);
  if (!key) {
    if (keys.size >= 16) keys.clear();
    key = createSecretKey(webhookSecretKey(secretB64));
    keys.set(secretB64, key);
  }
  return key;
}

function hmac(secretB64: string, timestampSec: number, rawBody: Buffer | string): Buffer {
  return createHmac('sha256', keyOf(secretB64)).update(`${timestampSec}.`).update(rawBody).digest();
}

export function signOpnPayload(secretB64: string, timestampSec: number, rawBody: Buffer | string): string {
  return hmac(secretB64, timestampSec, rawBody).toString('hex');
}

export function verifyOpnSignature(args: {
  secrets: readonly string[];
  rawBody: Buffer;
  signatureHeader: string | undefined;
  timestampHeader: string | undefined;
  nowSec: number;
  toleranceSec: number;
  /**
   * A correctly signed webhook older than the tolerance, up to this age, is accepted as `late` (an Opn retry
   * that may keep its first attempt's timestamp). Default: the tolerance (nothing late is accepted).
   */
  maxAgeSec?: number;
}): SignatureCheck {
  const { signatureHeader, timestampHeader } = args;
  if (!signatureHeader || !timestampHeader) return { ok: false, code: 'missing_signature' };
  if (!/^\d{1,12}$/.test(timestampHeader.trim())) return { ok: false, code: 'bad_timestamp' };
  const ts = Number(timestampHeader.trim());
  const age = args.nowSec - ts;
  // From the future beyond the tolerance, or older than the maximum age: refused before any HMAC work.
  if (-age > args.toleranceSec || age > Math.max(args.toleranceSec, args.maxAgeSec ?? 0)) return { ok: false, code: 'stale_timestamp' };
  const late = age > args.toleranceSec;
  const candidates = signatureHeader
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter((s) => /^[0-9a-f]{64}$/.test(s))
    .slice(0, 4)
    .map((s) => Buffer.from(s, 'hex'));
  for (const secret of args.secrets) {
    const expected = hmac(secret, ts, args.rawBody);
    // Check every candidate (no early exit on the first mismatch) in constant time per comparison.
    let match = false;
    for (const c of candidates) if (timingSafeEqual(c, expected)) match = true;
    if (match) return { ok: true, late };
  }
  return { ok: false, code: 'bad_signature' };
}
