// Property test of the POS link's boundary: generated bad bodies, headers, keys, methods and paths get a
// typed 4xx in the documented error shape (never a 5xx, a stack or a key back), and change nothing: the
// POS link's file, the receipt log and the sandbox's charges are the same after every case.
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { posErrorSchema } from '../../../shared';
import { FUZZ_SEED, NASTY_STRINGS } from '../../security/fuzz-support';
import { fingerprint } from '../../support/sqlite';
import { startPosRig, type PosRig } from './rig';

const RUNS = Number(process.env.FUZZ_RUNS ?? 400);
let t: PosRig;
beforeAll(async () => {
  t = await startPosRig();
  // The key's last use is recorded at most once a minute: record it now, so a valid key changes nothing below.
  await t.api('GET', '/v1/terminal');
});
afterAll(async () => {
  await t?.stop();
});

const valid = { amount: 1250, currency: 'SGD', reference_id: 'A-1', idempotency_key: 'fuzz-1', note: 'n', line_items: [{ name: 'x', quantity: 1, unit_amount: 1250 }] };
const validRefund = { checkout_id: 'chk_x', amount: 100, idempotency_key: 'r' };

const nasty = fc.oneof(fc.constantFrom<unknown>(...NASTY_STRINGS, null, true, -1, 0, 1.5, 1e21, Number.MAX_SAFE_INTEGER + 2, [], {}), fc.jsonValue());
/** A create or refund body that is wrong in exactly one way (wrong type or bad value, extra field, missing field). */
const nearMiss = fc.oneof(
  fc.tuple(fc.constantFrom('amount', 'currency', 'reference_id', 'idempotency_key', 'note', 'line_items', 'deadline_seconds'), fc.constantFrom<unknown>('12.50', -5, 0, 1.5, 99, 2_000_001, 'KRW', '', 'a'.repeat(300), 'x\u0000y', [{}], [{ name: '', quantity: 1, unit_amount: 1 }], 10_000, 5)).map(([k, v]) => ({ ...valid, [k]: v })),
  fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !(k in valid)).map((k) => ({ ...valid, [k]: 1 })),
  fc.constantFrom('amount', 'currency', 'reference_id', 'idempotency_key').map((k) => Object.fromEntries(Object.entries(valid).filter(([x]) => x !== k))),
  fc.constantFrom<unknown>({ ...validRefund, amount: 0 }, { ...validRefund, extra: 1 }, { checkout_id: '' }),
);
const bodies = fc.oneof(
  { weight: 3, arbitrary: nearMiss.map((b) => ({ raw: JSON.stringify(b), type: 'application/json' })) },
  nearMiss.map((b) => ({ raw: JSON.stringify(b), type: 'application/json' })),
  nasty.map((b) => ({ raw: JSON.stringify(b) ?? 'null', type: 'application/json' })),
  fc.string({ maxLength: 200 }).map((s) => ({ raw: s, type: 'application/json' })),
  fc.constantFrom({ raw: JSON.stringify(valid), type: 'text/plain' }, { raw: JSON.stringify(valid), type: 'application/x-www-form-urlencoded' }, { raw: 'x'.repeat(40 * 1024), type: 'application/json' }, { raw: '{"amount":', type: 'application/json' }),
);
const paths = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom('/v1/checkouts', '/v1/refunds', '/v1/pair', '/v1/checkouts/chk_none/cancel') },
  fc.constantFrom('/v1/checkouts', '/v1/refunds', '/v1/pair', '/v1/checkouts/chk_none/cancel', '/v1/checkouts/chk_none', '/v1/refunds/rfd_none', '/v1/terminal', '/v1/openapi.json', '/v1/checkouts?reference_id=', '/v1/checkouts?reference_id=%00', '/v1/checkouts?nope=1', '/v2/checkouts', '/', '/v1/checkouts/../pair', '/v1/checkouts/%2e%2e'),
  { weight: 1, arbitrary: fc.webPath().map((p) => (p.startsWith('/') ? p : `/${p}`)) },
);
const keys = fc.oneof(
  { weight: 3, arbitrary: fc.constant<'valid' | null>('valid') },
  fc.constant(null),
  fc.constantFrom('Bearer', 'Bearer ', 'Basic abc', 'bearer x', 'Bearer posk_key_aaaaaaaaaaaa_' + 'A'.repeat(43), 'Bearer ' + 'A'.repeat(300)),
  fc.string({ maxLength: 60 }).map((s) => `Bearer ${s}`),
);
const methods = fc.oneof({ weight: 4, arbitrary: fc.constant('POST') }, fc.constantFrom('GET', 'PUT', 'DELETE', 'PATCH'));

const state = () => ({ pos: fingerprint(t.dbFile), receipts: fingerprint(t.rig.dbPath), charges: t.rig.sandbox.charges().length });

it(`answers ${RUNS} generated bad requests with a typed 4xx and changes nothing (seed ${FUZZ_SEED})`, async () => {
  const before = state();
  const codes = new Map<string, number>();
  await fc.assert(
    fc.asyncProperty(methods, paths, keys, bodies, async (method, path, key, body) => {
      const authorization = key === 'valid' ? `Bearer ${t.key}` : key;
      // A valid key on a valid body could legitimately create something: only bad bodies are sent with it.
      const headers: Record<string, string> = { 'content-type': body.type };
      if (authorization && /^[\x20-\x7e]*$/.test(authorization)) headers.authorization = authorization;
      const send = method === 'GET' || method === 'DELETE' ? undefined : body.raw;
      const res = await fetch(t.base + path, { method, headers, ...(send !== undefined ? { body: send } : {}) });
      const text = await res.text();
      expect(res.status).toBeLessThan(500);
      if (res.status >= 400) {
        const parsed = posErrorSchema.parse(JSON.parse(text));
        codes.set(parsed.error.code, (codes.get(parsed.error.code) ?? 0) + 1);
        expect(text).not.toMatch(/\bat .+\.(ts|js):\d+/);
      }
      expect(text.includes(t.key.slice(-20))).toBe(false);
      // Writes never succeed: every POST here is malformed, unauthenticated or aimed at nothing.
      if (method !== 'GET') expect(res.status).toBeGreaterThanOrEqual(400);
    }),
    { numRuns: RUNS, seed: FUZZ_SEED, endOnFailure: true },
  );
  expect(state()).toEqual(before);
  console.log(`pos-link fuzz seed ${FUZZ_SEED}: ${RUNS} cases, codes ${JSON.stringify(Object.fromEntries(codes))}`);
}, 120_000);
