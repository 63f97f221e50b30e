// Fuzzing the /terminals websocket over real connections: generated frames (garbage text and bytes,
// malformed or out-of-protocol hello/ack/ping), before and after a valid hello (seeded, reproducible
// with FUZZ_SEED). Each must close the link with a protocol error; nothing may crash or reject
// unhandled, and the store's tables must be what they were.
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startForwarder } from '../../forwarder/index';
import type { Forwarder } from '../../forwarder/index';
import { terminalMessageSchema } from '../../shared';
import { opnEvent, postWebhook, tempDir, TEST_SECRET, upgradeStatus } from './helpers';
import { fingerprint, FUZZ_RUNS, FUZZ_SEED, watchProcess } from './fuzz';

const tmp = tempDir('fuzz-frames');
let fwd: Forwarder;
let token: string;
beforeAll(async () => {
  fwd = await startForwarder({ dataDir: tmp.dir, webhookSecret: TEST_SECRET, quiet: true });
  token = await fwd.createToken('fz-ws');
  await fwd.createToken('fz-other');
  // another terminal has a backlog: nothing sent on fz-ws's link may touch it
  expect((await postWebhook(fwd.webhookUrl, opnEvent('evnt_fzws_1', 'fz-other'), { secret: TEST_SECRET })).status).toBe(200);
});
afterAll(async () => {
  await fwd.stop();
  tmp.cleanup();
});

const seqLike = fc.oneof(fc.integer({ min: -(2 ** 40), max: -1 }), fc.double({ noInteger: true }), fc.string({ maxLength: 8 }), fc.constant(null), fc.constant(2 ** 60), fc.boolean());
const json = (v: unknown): string => JSON.stringify(v);

/** Frames that are never valid at the point they are sent (checked again in the property). */
type Frame = { text?: string; binary?: Buffer };
const frame: fc.Arbitrary<Frame> = fc.oneof<fc.Arbitrary<Frame>[]>(
  fc.string({ maxLength: 300 }).map((s) => ({ text: s })),
  fc.uint8Array({ minLength: 1, maxLength: 300 }).map((b) => ({ binary: Buffer.from(b) })),
  fc.json({ maxDepth: 3 }).map((s) => ({ text: s })),
  seqLike.map((v) => ({ text: json({ type: 'hello', lastSeq: v }) })),
  seqLike.map((v) => ({ text: json({ type: 'ack', seq: v }) })),
  fc.integer({ min: 1, max: 2 ** 31 }).map((seq) => ({ text: json({ type: 'ack', seq }) })), // never sent
  fc.record({ type: fc.constantFrom('hello', 'ack', 'ping', 'pong', 'event', 'welcome', 'closing', 'HELLO'), extra: fc.jsonValue() }).map((o) => ({ text: json(o) })),
  fc.record({ type: fc.constant('hello'), lastSeq: fc.nat(), client: fc.string({ minLength: 101, maxLength: 200 }) }).map((o) => ({ text: json(o) })),
  fc.record({ type: fc.constantFrom('ping', 'pong'), t: fc.oneof(fc.string(), fc.constant(null), fc.object()) }).map((o) => ({ text: json(o) })),
);

/** Whether the frame would be accepted (so it is not a fuzz case): a valid message allowed at that point. */
function acceptable(text: string | undefined, afterHello: boolean): boolean {
  if (text === undefined) return false;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return false;
  }
  const m = terminalMessageSchema.safeParse(v);
  if (!m.success) return false;
  if (m.data.type === 'ping' || m.data.type === 'pong') return true;
  if (m.data.type === 'hello') return !afterHello; // a second hello is an error
  return afterHello && m.data.seq === 0; // ack 0 after hello repeats the cursor: accepted, changes nothing
}

function runCase(f: { text?: string; binary?: Buffer }, afterHello: boolean): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(fwd.wsUrl, { headers: { 'x-terminal-id': 'fz-ws', authorization: `Bearer ${token}` } });
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error('the forwarder did not close the link'));
    }, 5000);
    ws.on('open', () => {
      if (afterHello) ws.send(json({ type: 'hello', lastSeq: 0 }));
      if (f.binary) ws.send(f.binary, { binary: true });
      else ws.send(f.text ?? '');
    });
    ws.on('close', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
    ws.on('error', () => undefined);
  });
}

it(`closes ${FUZZ_RUNS} generated invalid frames with a protocol error and changes nothing (seed ${FUZZ_SEED})`, async () => {
  const file = join(tmp.dir, 'forwarder.sqlite');
  // one valid hello first, so the terminal's row is as every later valid hello would leave it
  expect(await runCase({ text: json({ type: 'hello', lastSeq: 0, extra: true }) }, true)).toBe(1008);
  const before = fingerprint(file);
  const watch = watchProcess();
  const codes = new Map<number, number>();
  try {
    await fc.assert(
      fc.asyncProperty(frame, fc.boolean(), async (f, afterHello) => {
        fc.pre(!acceptable(f.text, afterHello));
        const code = await runCase(f, afterHello);
        codes.set(code, (codes.get(code) ?? 0) + 1);
        expect(code).toBe(1008);
      }),
      { numRuns: FUZZ_RUNS, seed: FUZZ_SEED, endOnFailure: true },
    );
  } finally {
    watch.stop();
  }
  console.log(`fuzz frames seed ${FUZZ_SEED}: close codes ${JSON.stringify(Object.fromEntries(codes))}`);
  expect(watch.problems).toEqual([]);
  expect(fingerprint(file)).toEqual(before);
  expect(await upgradeStatus(fwd.wsUrl, 'fz-ws', token)).toBe(101);
  expect((await fetch(`${fwd.url}/healthz`)).status).toBe(200);
}, 120_000);
