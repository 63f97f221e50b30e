// Opn-style object ids: prefix + 19 characters of [0-9a-z], e.g. "chrg_test_5w4414n4jub8q2h7fin".
import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

export type OpnIdPrefix = 'src' | 'chrg' | 'rfnd' | 'evnt' | 'trxn' | 'whdl' | 'pay2';

export function opnId(prefix: OpnIdPrefix, livemode = false): string {
  const bytes = randomBytes(19);
  let tail = '';
  for (const b of bytes) tail += ALPHABET[b % 36];
  return `${prefix}${livemode ? '' : '_test'}_${tail}`;
}
