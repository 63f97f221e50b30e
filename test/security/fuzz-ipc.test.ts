// Fuzzing the one gate (electron/app/gate.ts) as every transport reaches it: app.invoke(channel, input,
// role) on a real terminal app configured against a real sandbox, with a paid sale in its receipt log.
// Random channel names, random JSON values, and near-miss shapes built from each channel's own schema
// (a valid request with one field broken, dropped or added), from both roles. Valid requests on
// channels that change something are not fuzz cases (a valid refund is supposed to refund), so they
// are filtered out before they are sent; every other request must be refused with a typed error and
// change nothing: the SQLite tables, settings.json and pin-attempts.json stay byte for byte the same.
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { INVOKE_CHANNEL_NAMES, requestSchema, isInvokeChannel, roleMayCall, type InvokeChannel, type Role } from '../../shared';
import { startSandbox, type Sandbox } from '../../sandbox/index';
import type { TerminalApp } from '../../electron/app/terminal-app';
import { tempDir } from '../support/temp';
import { NO_PDF, TEST_PIN, terminalApps } from '../support/terminal-app';
import { waitFor } from '../support/wait';
import { folderState, FUZZ_RUNS, FUZZ_SEED, NASTY_STRINGS, watchProcess } from './fuzz-support';

const PIN = TEST_PIN;
const apps = terminalApps('fuzz-ipc', { scope: 'file' });
/** Channels that only read: a valid call on them is allowed in the run (it must change nothing too). */
const READ_ONLY = new Set<InvokeChannel>(['app:info', 'display:get', 'settings:get', 'sale:get', 'sale:list']);

let sandbox: Sandbox;
let app: TerminalApp;
let saleId: string;
const dir = tempDir('fuzz-ipc').dir;

beforeAll(async () => {
  sandbox = await startSandbox({ country: 'SG', quiet: true });
  app = await apps.configured(sandbox, { dataDir: dir, pollIntervalMs: 50, pdfPrinter: NO_PDF });
  // One paid sale, so near-miss sale ids can name a real one; settled before the fingerprint is taken.
  const started = await app.invoke('sale:start', { amount: 1250, currency: 'SGD' });
  if (!started.ok) throw new Error(`sale:start failed: ${JSON.stringify(started.error)}`);
  saleId = (started.value as { id: string }).id;
  const charge = await waitFor(() => sandbox.charges()[0], 'the sale\'s charge', 10_000);
  await sandbox.completeCharge(charge.id, 'successful');
  await waitFor(async () => {
    const r = await app.invoke('sale:get', { saleId });
    return r.ok && (r.value as { sale: { status: string } }).sale.status === 'successful' ? true : undefined;
  }, 'the sale to be successful', 15_000);
}, 60_000);
afterAll(async () => {
  await apps.closeAll();
  await sandbox?.stop();
});

/** A request each channel accepts (with the right PIN): the base that near-misses break one field of. */
function validBase(channel: InvokeChannel): Record<string, unknown> {
  const values: Record<string, unknown> = {
    amount: 100,
    currency: 'SGD',
    saleId,
    pin: PIN,
    day: '2026-11-29',
    format: 'csv-summary',
    action: 'accept',
    query: 'x',
    limit: 5,
    shopName: 'Fuzz shop',
    opnApiBase: sandbox.baseUrl,
  };
  const shape = requestSchema(channel).shape;
  return Object.fromEntries(Object.keys(shape).filter((k) => k in values).map((k) => [k, values[k]]));
}

const nasty: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(...NASTY_STRINGS, null, true, false, 0, -1, 1.5, 2 ** 53, -(2 ** 53), Number.MAX_VALUE, [], {}, [null], { pin: PIN }),
  fc.string({ maxLength: 80 }),
  fc.integer(),
  fc.double(),
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom('000000', '12345', '1234567', '48291３', ' 482913', 'sale_', 'sale_ABC', `${'sale_'}${'a'.repeat(41)}`, '2026-13-45', '2026-1-1', 'csv', 'PDF', 'refund ', 'ftp://x', 'http://127.0.0.1:1'),
);

const channelName: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...INVOKE_CHANNEL_NAMES),
  fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'sale:Start', 'sale:start ', ' sale:start', 'SALE:START', 'sale:', ':', 'settings:update\u0000', 'reports:z/../x'),
  fc.string({ maxLength: 70 }),
);

/** A near-miss of a channel's own shape: one field broken, one dropped, or one unknown added. */
function nearMiss(channel: InvokeChannel): fc.Arbitrary<unknown> {
  const base = validBase(channel);
  const keys = Object.keys(base);
  const all = Object.keys(requestSchema(channel).shape);
  return fc.oneof(
    fc.tuple(fc.constantFrom(...(all.length ? all : ['x'])), nasty).map(([k, v]) => ({ ...base, [k]: v })),
    keys.length ? fc.constantFrom(...keys).map((k) => Object.fromEntries(Object.entries(base).filter(([key]) => key !== k))) : fc.constant(base),
    fc.tuple(fc.string({ minLength: 1, maxLength: 20 }), nasty).map(([k, v]) => ({ ...base, [k]: v })),
    nasty,
  );
}

const request = fc.oneof(
  fc.constantFrom(...INVOKE_CHANNEL_NAMES).chain((channel) => fc.record({ channel: fc.constant<string>(channel), input: nearMiss(channel) })),
  fc.record({ channel: channelName, input: fc.oneof(fc.jsonValue({ maxDepth: 4 }), nasty, fc.constant(undefined)) }),
);
const role = fc.constantFrom<Role>('cashier', 'display');

/** Whether the gate is supposed to act on this request (a valid call): then it is not a fuzz case. */
function wouldAct(channel: string, input: unknown, caller: Role): boolean {
  if (!isInvokeChannel(channel) || !roleMayCall(caller, channel)) return false;
  return requestSchema(channel).safeParse(input ?? {}).success;
}

it(`the gate refuses ${FUZZ_RUNS} generated bad requests with a typed error and changes nothing (seed ${FUZZ_SEED})`, async () => {
  const before = folderState(dir);
  const watch = watchProcess();
  const codes = new Map<string, number>();
  let readOnlyValid = 0;
  const started = Date.now();
  try {
    await fc.assert(
      fc.asyncProperty(request, role, async ({ channel, input }, caller) => {
        const valid = wouldAct(channel, input, caller);
        fc.pre(!valid || READ_ONLY.has(channel as InvokeChannel));
        const r = await app.invoke(channel, input, caller);
        if (valid) {
          readOnlyValid += 1;
          return;
        }
        expect(r.ok).toBe(false);
        if (r.ok) return;
        codes.set(r.error.code, (codes.get(r.error.code) ?? 0) + 1);
        expect(['unknown_channel', 'forbidden', 'invalid_input']).toContain(r.error.code);
        // The refusal names the field and the rule, never the value (it may be a PIN or a key).
        expect(r.error.message).not.toContain(PIN);
      }),
      { numRuns: FUZZ_RUNS, seed: FUZZ_SEED, endOnFailure: true },
    );
  } finally {
    watch.stop();
  }
  console.log(`fuzz ipc seed ${FUZZ_SEED}: ${FUZZ_RUNS} cases in ${Date.now() - started} ms, codes ${JSON.stringify(Object.fromEntries(codes))}, valid read-only calls ${readOnlyValid}`);
  expect(watch.problems).toEqual([]);
  expect(folderState(dir)).toEqual(before);
  // the terminal still answers, and the right PIN still works (no lock from the run)
  expect(await app.invoke('manager:unlock', { pin: PIN })).toEqual({ ok: true, value: { unlocked: true } });
}, 120_000);
