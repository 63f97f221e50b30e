// Fuzzing the webhook intake over real HTTP: generated bodies, headers and signatures (seeded,
// reproducible with FUZZ_SEED). Every case is invalid, so each must be refused with a 4xx, nothing may
// crash or reject unhandled, and the store's tables must be byte-for-byte what they were.
import { createHmac } from 'node:crypto';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startForwarder } from '../../forwarder/index';
import type { Forwarder } from '../../forwarder/index';
import { opnEvent, postWebhook, tempDir, TEST_SECRET } from './helpers';
import { fingerprint, FUZZ_RUNS, FUZZ_SEED, watchProcess } from './fuzz';

const tmp = tempDir('fuzz-intake');
let fwd: Forwarder;
const agent = new Agent({ keepAlive: true, maxSockets: 4 });
beforeAll(async () => {
  fwd = await startForwarder({ dataDir: tmp.dir, webhookSecret: TEST_SECRET, quiet: true });
  await fwd.createToken('fz-1');
  expect((await postWebhook(fwd.webhookUrl, opnEvent('evnt_fz_seed', 'fz-1'), { secret: TEST_SECRET })).status).toBe(200);
  expect((await postWebhook(fwd.webhookUrl, opnEvent('evnt_fz_dead', null), { secret: TEST_SECRET })).status).toBe(202);
});
afterAll(async () => {
  agent.destroy();
  await fwd.stop();
  tmp.cleanup();
});

const nowSec = (): number => Math.floor(Date.now() / 1000);
const hmac = (ts: number | string, body: Buffer): string => createHmac('sha256', Buffer.from(TEST_SECRET, 'base64')).update(`${ts}.`).update(body).digest('hex');
const header = fc.string({ unit: 'grapheme-ascii', maxLength: 120 });

/** Bodies that are not a storable Opn event: text, bytes, any JSON, or an event missing a part. */
const body = fc.oneof(
  fc.string({ maxLength: 600 }).map((s) => Buffer.from(s)),
  fc.uint8Array({ maxLength: 600 }).map((a) => Buffer.from(a)),
  fc.json({ maxDepth: 3 }).map((s) => Buffer.from(s)),
  fc.record({ id: fc.option(fc.string({ maxLength: 30 })), key: fc.option(fc.jsonValue()), data: fc.option(fc.jsonValue()) }, { requiredKeys: [] }).map((o) => Buffer.from(JSON.stringify(o))),
  fc.constant(Buffer.alloc(256 * 1024 + 1, 0x20)),
);

/** How the case is signed: not at all, garbage, a valid HMAC over other bytes, a stale or future stamp, or validly (the body then must fail parsing). */
const signing = fc.oneof(
  fc.constant({ kind: 'none' as const }),
  fc.record({ kind: fc.constant('garbage' as const), sig: header, ts: header }),
  fc.record({ kind: fc.constant('other-bytes' as const), other: fc.string({ maxLength: 50 }) }),
  fc.record({ kind: fc.constant('stale' as const), skew: fc.oneof(fc.integer({ min: 301, max: 10 ** 9 }), fc.integer({ min: -(10 ** 9), max: -301 })) }),
  fc.constant({ kind: 'valid' as const }),
);

function looksStorable(b: Buffer): boolean {
  try {
    const v = JSON.parse(b.toString('utf8')) as unknown;
    return typeof v === 'object' && v !== null && 'id' in v && 'key' in v && 'data' in v;
  } catch {
    return false;
  }
}

function send(b: Buffer, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(fwd.webhookUrl, { method: 'POST', agent, headers: { ...headers, 'content-length': String(b.length) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(b);
  });
}

it(`refuses ${FUZZ_RUNS} generated invalid webhooks with a 4xx and changes nothing (seed ${FUZZ_SEED})`, async () => {
  const file = join(tmp.dir, 'forwarder.sqlite');
  const before = fingerprint(file);
  const watch = watchProcess();
  const statuses = new Map<number, number>();
  try {
    await fc.assert(
      fc.asyncProperty(body, signing, fc.option(header), async (b, s, contentType) => {
        if (s.kind === 'valid') fc.pre(!looksStorable(b));
        const headers: Record<string, string> = {};
        if (contentType !== null) headers['content-type'] = contentType;
        const ts = nowSec();
        if (s.kind === 'garbage') Object.assign(headers, { 'omise-signature': s.sig, 'omise-signature-timestamp': s.ts });
        if (s.kind === 'other-bytes') Object.assign(headers, { 'omise-signature': hmac(ts, Buffer.from(s.other)), 'omise-signature-timestamp': String(ts) });
        if (s.kind === 'stale') Object.assign(headers, { 'omise-signature': hmac(ts + s.skew, b), 'omise-signature-timestamp': String(ts + s.skew) });
        if (s.kind === 'valid') Object.assign(headers, { 'omise-signature': hmac(ts, b), 'omise-signature-timestamp': String(ts) });
        const status = await send(b, headers);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        // 401 unsigned/forged, 400 signed but not an event, 413 too large; never stored, never a 5xx
        expect([400, 401, 413]).toContain(status);
      }),
      { numRuns: FUZZ_RUNS, seed: FUZZ_SEED, endOnFailure: true },
    );
  } finally {
    watch.stop();
  }
  console.log(`fuzz intake seed ${FUZZ_SEED}: statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
  expect(watch.problems).toEqual([]);
  expect(fingerprint(file)).toEqual(before);
  expect((await fetch(`${fwd.url}/healthz`)).status).toBe(200);
  // still works for a real event
  expect((await postWebhook(fwd.webhookUrl, opnEvent('evnt_fz_after', 'fz-1'), { secret: TEST_SECRET })).status).toBe(200);
}, 120_000);
