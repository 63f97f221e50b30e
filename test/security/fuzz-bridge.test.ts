// Fuzzing browser mode's bridge (electron/browser/server.ts) over real websockets, as the cashier (with
// this run's token) and as the customer display: random text and binary frames, oversize frames, JSON
// that is not a call, and well-formed calls with bad channels or inputs. A frame that is not a call
// closes the socket (1008; 1009 when oversize); a call is answered with a typed refusal. Nothing may
// crash or reject unhandled, and the terminal's data folder must be what it was.
import fc from 'fast-check';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BRIDGE_MAX_FRAME_BYTES, bridgeCallSchema } from '../../shared';
import { INVOKE_CHANNEL_NAMES, isInvokeChannel, requestSchema, roleMayCall, type Role } from '../../shared';
import type { TerminalApp } from '../../electron/app/terminal-app';
import { startBrowserServer, type BrowserServer } from '../../electron/browser-server/server';
import { tempDir } from '../support/temp';
import { terminalApps } from '../support/terminal-app';
import { folderState, FUZZ_RUNS, FUZZ_SEED, NASTY_STRINGS, watchProcess } from './fuzz-support';

const PIN = '482913';
const READ_ONLY = new Set(['app:info', 'display:get', 'settings:get', 'sale:get', 'sale:list']);
const root = tempDir('fuzz-bridge').dir;
const dataDir = path.join(root, 'data');
let app: TerminalApp;
let server: BrowserServer;
const apps = terminalApps('fuzz-bridge', { scope: 'file' });
let token: string;

beforeAll(async () => {
  const staticDir = path.join(root, 'static');
  mkdirSync(staticDir, { recursive: true });
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(path.join(staticDir, 'display.html'), '<!doctype html><title>d</title>');
  app = await apps.open({ dataDir });
  expect(await app.invoke('settings:update', { managerPin: PIN, shopName: 'Bridge fuzz' })).toMatchObject({ ok: true });
  server = await startBrowserServer({ app, staticDir, port: 0 });
  token = new URL(server.cashierUrl).hash.slice('#token='.length);
});
afterAll(async () => {
  await server?.close();
  await apps.closeAll();
});

type Frame = { text: string } | { binary: Buffer };
const json = (v: unknown): string => JSON.stringify(v);
const badInput: fc.Arbitrary<unknown> = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom<unknown>(...NASTY_STRINGS, null, [], { pin: '000000' }, { amount: -5, currency: 'SGD' }, { saleId: 'sale_nope' }));
const frame: fc.Arbitrary<Frame> = fc.oneof(
  fc.string({ maxLength: 300 }).map((text) => ({ text })),
  fc.uint8Array({ minLength: 1, maxLength: 300 }).map((b) => ({ binary: Buffer.from(b) })),
  fc.jsonValue({ maxDepth: 3 }).map((v) => ({ text: json(v) })),
  // oversize: just past the limit, as text and as bytes
  fc.integer({ min: 1, max: 4096 }).map((extra) => ({ text: json({ type: 'call', id: 1, channel: 'app:info', input: { pad: 'x'.repeat(BRIDGE_MAX_FRAME_BYTES + extra) } }) })),
  fc.integer({ min: 1, max: 4096 }).map((extra) => ({ binary: Buffer.alloc(BRIDGE_MAX_FRAME_BYTES + extra, 0x7b) })),
  // call-shaped frames with broken envelopes
  fc.record({ type: fc.constantFrom('call', 'CALL', 'result', 'event', 'hello'), id: fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double(), fc.string({ maxLength: 5 }), fc.constant(null)), channel: fc.oneof(fc.constantFrom(...INVOKE_CHANNEL_NAMES), fc.string({ maxLength: 80 })), input: badInput }).map((o) => ({ text: json(o) })),
  fc.record({ type: fc.constant('call'), id: fc.nat(), channel: fc.constantFrom(...INVOKE_CHANNEL_NAMES), input: badInput, extra: fc.jsonValue() }).map((o) => ({ text: json(o) })),
  // well-formed calls with bad channels or inputs
  fc.record({ type: fc.constant('call'), id: fc.nat(), channel: fc.oneof(fc.constantFrom(...INVOKE_CHANNEL_NAMES), fc.string({ minLength: 1, maxLength: 64 }), fc.constantFrom('__proto__', 'constructor', 'toString')), input: badInput }).map((o) => ({ text: json(o) })),
);

/** What the server should do: close (1008/1009), or answer the call (refused, or a read-only value). */
function expected(f: Frame, role: Role): 'close' | 'answer' | 'act' {
  if ('binary' in f) return 'close';
  let v: unknown;
  try {
    v = JSON.parse(f.text);
  } catch {
    return 'close';
  }
  const call = bridgeCallSchema.safeParse(v);
  if (!call.success) return 'close';
  const { channel, input } = call.data;
  if (isInvokeChannel(channel) && roleMayCall(role, channel) && requestSchema(channel).safeParse(input ?? {}).success) return 'act';
  return 'answer';
}

function runCase(f: Frame, role: Role): Promise<{ closed: number } | { answer: { ok: boolean; error?: { code: string } } }> {
  const query = role === 'cashier' ? `role=cashier&token=${token}` : 'role=display';
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/bridge?${query}`);
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error('the bridge neither answered nor closed'));
    }, 5000);
    ws.on('message', (d: Buffer) => {
      const m = JSON.parse(d.toString('utf8')) as { type: string; result?: { ok: boolean; error?: { code: string } } };
      if (m.type === 'hello') {
        if ('binary' in f) ws.send(f.binary, { binary: true });
        else ws.send(f.text);
      } else if (m.type === 'result' && m.result) {
        clearTimeout(timer);
        ws.close();
        resolve({ answer: m.result });
      }
    });
    ws.on('close', (code) => {
      clearTimeout(timer);
      resolve({ closed: code });
    });
    ws.on('error', () => undefined);
  });
}

it(`closes or refuses ${FUZZ_RUNS} generated bad frames from both roles and changes nothing (seed ${FUZZ_SEED})`, async () => {
  const before = folderState(dataDir);
  const watch = watchProcess();
  const outcomes = new Map<string, number>();
  const started = Date.now();
  try {
    await fc.assert(
      fc.asyncProperty(frame, fc.constantFrom<Role>('cashier', 'display'), async (f, role) => {
        const want = expected(f, role);
        if (want === 'act') {
          const channel = (JSON.parse((f as { text: string }).text) as { channel: string }).channel;
          fc.pre(READ_ONLY.has(channel));
        }
        const got = await runCase(f, role);
        const key = 'closed' in got ? `close ${got.closed}` : got.answer.ok ? 'answered ok' : `refused ${got.answer.error?.code}`;
        outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
        if (want === 'close') {
          const oversize = ('binary' in f ? f.binary.length : Buffer.byteLength(f.text)) > BRIDGE_MAX_FRAME_BYTES;
          expect(got).toEqual({ closed: oversize ? 1009 : 1008 });
        } else if (want === 'answer') {
          expect('answer' in got && got.answer.ok).toBe(false);
          if ('answer' in got) expect(['unknown_channel', 'forbidden', 'invalid_input']).toContain(got.answer.error?.code);
        } else {
          expect('answer' in got && got.answer.ok).toBe(true);
        }
      }),
      { numRuns: FUZZ_RUNS, seed: FUZZ_SEED, endOnFailure: true },
    );
  } finally {
    watch.stop();
  }
  console.log(`fuzz bridge seed ${FUZZ_SEED}: ${FUZZ_RUNS} cases in ${Date.now() - started} ms, ${JSON.stringify(Object.fromEntries(outcomes))}`);
  expect(watch.problems).toEqual([]);
  expect(folderState(dataDir)).toEqual(before);
  expect(await app.invoke('manager:unlock', { pin: PIN })).toEqual({ ok: true, value: { unlocked: true } });
}, 120_000);
