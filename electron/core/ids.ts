// Local identifiers: sortable by creation time, unguessable, and safe in file names and URLs.
import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

function base36(bytes: Buffer, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[(bytes[i] ?? 0) % 36];
  return out;
}

/** "sale_" + 9 chars of time + 12 random chars, all [0-9a-z]. */
export function newSaleId(now: number = Date.now()): string {
  return `sale_${now.toString(36).padStart(9, '0')}${base36(randomBytes(12), 12)}`;
}

export function newRefundId(now: number = Date.now()): string {
  return `rf_${now.toString(36).padStart(9, '0')}${base36(randomBytes(12), 12)}`;
}

/** A fresh idempotency key for one charge attempt of one sale. */
export function newIdempotencyKey(): string {
  return randomBytes(18).toString('base64url');
}
