// Fuzzing the sandbox's REST body parser (sandbox/http/body.ts): form bodies with nested, unbalanced
// and forbidden brackets, huge keys and broken percent-encoding; JSON bodies nested past the limit or
// carrying prototype names; random bytes; odd content types. Directly (1,000 cases: a plain object or
// a 400 ApiError, never another throw, never a polluted prototype) and over HTTP against a running
// sandbox (1,000 cases: a 4xx Opn error envelope, never a 5xx, and the sandbox's charges, refunds,
// events and transactions unchanged).
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/index';
import { ApiError } from '../../sandbox/errors';
import { MAX_BODY_BYTES, parseBody } from '../../sandbox/http/body';
import { FUZZ_RUNS, FUZZ_SEED, watchProcess } from './fuzz-support';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ country: 'SG', quiet: true });
});
afterAll(async () => {
  await sandbox?.stop();
});

const segment = fc.oneof(
  fc.constantFrom('', 'a', 'b', '0', '1', '10', 'source', 'type', 'metadata', 'amount', '__proto__', 'constructor', 'prototype', '[', ']', ' '),
  fc.string({ maxLength: 12 }),
  fc.integer({ min: 1000, max: 20_000 }).map((n) => 'k'.repeat(n)), // huge keys
);
const formKey = fc.oneof(
  fc.tuple(segment, fc.array(segment, { maxLength: 12 })).map(([head, rest]) => head + rest.map((s) => `[${s}]`).join('')),
  fc.tuple(segment, fc.array(fc.constantFrom('[', ']', '[]', '[[', ']]', '[a', 'b]'), { maxLength: 6 })).map(([h, r]) => h + r.join('')),
  fc.string({ maxLength: 40 }),
);
const formValue = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('%', '%zz', '%E0%A4%A', '%00', '+', '%5B%5D', 'kakaopay', '100'));
const enc = (s: string): string => encodeURIComponent(s).replace(/%5B/g, '[').replace(/%5D/g, ']');
const formBody = fc.array(fc.tuple(formKey, formValue, fc.boolean()), { maxLength: 12 }).map((pairs) => pairs.map(([k, v, raw]) => (raw ? `${k}=${v}` : `${enc(k)}=${v}`)).join('&'));
const nestedJson = fc.integer({ min: 1, max: 40 }).map((n) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`);
const jsonBody = fc.oneof(
  fc.json({ maxDepth: 4 }),
  nestedJson,
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify({ __proto__: v, constructor: { prototype: v }, ok: v })).map((s) => s.replace('"ok"', '"__proto__"')),
  fc.integer({ min: 1000, max: 20_000 }).map((n) => JSON.stringify({ ['k'.repeat(n)]: 1 })),
  fc.string({ maxLength: 60 }).map((s) => `{"a":${s}`),
);
const bytes = fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b));
const contentType = fc.constantFrom(undefined, '', 'application/json', 'application/x-www-form-urlencoded', 'APPLICATION/JSON; charset=utf-8', 'application/merge-patch+json', 'text/plain', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded;;;', 'x'.repeat(300));
const body = fc.record({ raw: fc.oneof(formBody.map((s) => Buffer.from(s)), jsonBody.map((s) => Buffer.from(s)), bytes), type: contentType });

function depth(v: unknown): number {
  if (typeof v !== 'object' || v === null) return 0;
  return 1 + Math.max(0, ...Object.values(v).map(depth));
}

it(`parses or refuses with a 400 ${FUZZ_RUNS} generated bodies, never polluting a prototype (seed ${FUZZ_SEED})`, () => {
  const outcomes = { parsed: 0, refused: 0 };
  const started = Date.now();
  fc.assert(
    fc.property(body, ({ raw, type }) => {
      let out: unknown;
      try {
        out = parseBody(raw, type);
      } catch (error) {
        expect(error).toBeInstanceOf(ApiError);
        expect((error as ApiError).status).toBe(400);
        expect((error as ApiError).message.length).toBeLessThan(200); // a huge key is never echoed whole
        outcomes.refused += 1;
        return;
      }
      outcomes.parsed += 1;
      expect(typeof out === 'object' && out !== null && !Array.isArray(out)).toBe(true);
      expect(depth(out)).toBeLessThanOrEqual(10);
      expect(JSON.stringify(out)).not.toMatch(/"(__proto__|constructor|prototype)":/);
      expect(Object.keys(Object.prototype)).toEqual([]);
      expect(({} as Record<string, unknown>).a).toBeUndefined();
    }),
    { numRuns: FUZZ_RUNS, seed: FUZZ_SEED, endOnFailure: true },
  );
  console.log(`fuzz sandbox body (direct) seed ${FUZZ_SEED}: ${FUZZ_RUNS} cases in ${Date.now() - started} ms, ${JSON.stringify(outcomes)}`);
  expect(outcomes.refused).toBeGreaterThan(0);
  expect(outcomes.parsed).toBeGreaterThan(0);
});

/** Everything the sandbox holds that a request could have changed. */
async function sandboxState(): Promise<string> {
  const auth = `Basic ${Buffer.from(`${sandbox.secretKey}:`).toString('base64')}`;
  const hash = createHash('sha256');
  for (const list of ['charges', 'refunds', 'events', 'transactions']) {
    const res = await fetch(`${sandbox.baseUrl}/${list}?limit=100`, { headers: { authorization: auth } });
    const page = (await res.json()) as { total?: number; data?: unknown[] };
    hash.update(`${list} ${page.total} ${JSON.stringify(page.data)}\n`);
  }
  return hash.digest('hex');
}

/** Bodies that could be a real charge request are not fuzz cases (amount + currency + source). */
function couldCharge(raw: Buffer, type: string | undefined): boolean {
  try {
    const p = parseBody(raw, type);
    return 'amount' in p && 'currency' in p;
  } catch {
    return false;
  }
}

it(`a running sandbox answers ${FUZZ_RUNS} generated bodies on POST /charges with a 4xx and keeps its state (seed ${FUZZ_SEED})`, async () => {
  const auth = `Basic ${Buffer.from(`${sandbox.secretKey}:`).toString('base64')}`;
  const before = await sandboxState();
  const watch = watchProcess();
  const statuses = new Map<number, number>();
  const started = Date.now();
  const oversize = fc.constant({ raw: Buffer.alloc(MAX_BODY_BYTES + 1, 0x61), type: 'application/x-www-form-urlencoded' });
  try {
    await fc.assert(
      fc.asyncProperty(fc.oneof({ arbitrary: body, weight: 200 }, { arbitrary: oversize, weight: 1 }), async ({ raw, type }) => {
        fc.pre(!couldCharge(raw, type));
        const res = await fetch(`${sandbox.baseUrl}/charges`, { method: 'POST', headers: { authorization: auth, ...(type !== undefined ? { 'content-type': type } : {}) }, body: raw });
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const answer = (await res.json()) as { object?: string; code?: string };
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(answer.object).toBe('error');
      }),
      { numRuns: FUZZ_RUNS, seed: FUZZ_SEED, endOnFailure: true },
    );
  } finally {
    watch.stop();
  }
  console.log(`fuzz sandbox body (http) seed ${FUZZ_SEED}: ${FUZZ_RUNS} cases in ${Date.now() - started} ms, statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
  expect(watch.problems).toEqual([]);
  expect(await sandboxState()).toBe(before);
  expect((await fetch(`${sandbox.baseUrl}/charges`, { headers: { authorization: auth } })).status).toBe(200);
}, 120_000);
