// opn-probe against the sandbox (both API versions): every call the terminal makes, parsed with its
// schemas; fields missing from an answer are named; live keys and no network exit 2 with one line.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { runProbe } from '../../electron/probe/probe';
import { diffShape } from '../../electron/probe/shape-diff';
import { startForwarder } from '../../forwarder/index';
import { opnChargeSchema } from '../../shared';
import { nodeBundle } from '../support/node-bundle';
import { tempDir } from '../support/temp';
import type { Sandbox, SandboxOptions } from '../../sandbox/index';
import { API_VERSIONS, startSandbox } from '../../sandbox/index';

const run = promisify(execFile);
const CLI = path.join(import.meta.dirname, '../../electron/probe/cli.ts');
let sb: Sandbox | null = null;
let stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.reverse()) await stop();
  stops = [];
  await sb?.stop();
  sb = null;
});

async function sandbox(o: SandboxOptions = {}): Promise<Sandbox> {
  sb = await startSandbox({ quiet: true, ...o });
  return sb;
}

const EVERY_CALL = [
  'capability', 'capability (public key)', 'create charge (automatic)', 'retrieve charge', 'create charge again (same Idempotency-Key)',
  'create charge (second, for paging)', 'list charges in a window', 'list charges, first page', 'list charges, offset 1', 'expire charge',
  'webhook through the forwarder', 'create charge (authorize-only, capture=false)', 'capture', 'create charge (authorize-only, to reverse)', 'reverse',
  'create charge (for the refunds)', 'refund (partial)', 'refund (void: true)', 'list refunds', 'create charge (for a full refund)', 'refund (full)',
  'list events (account API version)',
];

describe.each(API_VERSIONS)('opn-probe against the sandbox (account on API %s)', (apiVersion) => {
  it('every call answered and parsed, the webhook through the forwarder; the API version read from the events\' data', async () => {
    const s = await sandbox({ apiVersion, allowManualCapture: true, idempotency: true });
    const fwd = await startForwarder({ dataDir: tempDir('probe-fwd').dir, webhookSecret: s.webhookSecret, quiet: true });
    stops.push(() => fwd.stop());
    s.setWebhookEndpoints([fwd.webhookUrl]);
    const token = await fwd.createToken('opn-probe');
    const r = await runProbe({ secretKey: s.secretKey, publicKey: s.publicKey, apiBase: s.baseUrl, forwarder: { url: fwd.wsUrl, terminalId: 'opn-probe', token, waitMs: 15_000 } });
    expect(r.calls.map((c) => [c.name, c.outcome])).toEqual(EVERY_CALL.map((name) => [name, 'ok']));
    for (const c of r.calls) if (c.name !== 'list events (account API version)') expect(c.fields, c.name).toEqual([]);
    expect(r).toMatchObject({
      ready: true, accountApiVersion: apiVersion === '2019-05-29' ? '2019-05-29' : '2017-11-02 or older', kakaopay: { enabled: true, currencies: ['SGD'] },
      manualCapture: 'supported', idempotency: 'honoured', webhook: { outcome: 'arrived', eventKey: 'charge.create', signature: 'verified' },
    });
    expect(r.expiresAt.honoured).toBe(true);
    // Probe charges are closed afterwards: none left pending.
    expect(s.charges().filter((c) => c.status === 'pending')).toHaveLength(0);
  }, 60_000);
});

describe('opn-probe in each sandbox mode', () => {
  it('capture refused (the default) and idempotency off: reported; capture and reverse skipped; still ready', async () => {
    const s = await sandbox({});
    const r = await runProbe({ secretKey: s.secretKey, apiBase: s.baseUrl });
    expect(r).toMatchObject({ ready: true, manualCapture: 'refused', idempotency: 'not honoured', webhook: { outcome: 'not configured' } });
    expect(r.calls.find((c) => c.name === 'create charge (authorize-only, capture=false)')).toMatchObject({ outcome: 'refused', httpStatus: 400 });
    expect(r.calls.filter((c) => c.name === 'capture' || c.name === 'reverse').map((c) => c.outcome)).toEqual(['skipped', 'skipped']);
    // The duplicate the repeated request created is expired; nothing is left pending.
    expect(s.charges().filter((c) => c.status === 'pending')).toHaveLength(0);
  });

  it('a webhook that never comes is said so, after the wait', async () => {
    const s = await sandbox({});
    const fwd = await startForwarder({ dataDir: tempDir('probe-fwd').dir, webhookSecret: s.webhookSecret, quiet: true });
    stops.push(() => fwd.stop());
    const token = await fwd.createToken('opn-probe');
    const r = await runProbe({ secretKey: s.secretKey, apiBase: s.baseUrl, forwarder: { url: fwd.wsUrl, terminalId: 'opn-probe', token, waitMs: 1_500 } });
    expect(r.webhook.outcome).toBe('never came');
    expect(r.calls.find((c) => c.name === 'webhook through the forwarder')).toMatchObject({ outcome: 'network', detail: expect.stringMatching(/never came/) });
  });

  it('classifies extra fields recorded Opn answers carry as known, others as new', () => {
    const diffs = diffShape(opnChargeSchema, { object: 'charge', id: 'chrg_1', status: 'pending', amount: 100, currency: 'SGD', created_at: '2026-01-01T00:00:00Z', can_perform_void: true, brand_new_field: 1, source: { qr_settings: {} } });
    expect(diffs).toEqual(expect.arrayContaining([
      { path: 'can_perform_void', kind: 'extra', found: 'boolean', known: true },
      { path: 'brand_new_field', kind: 'extra', found: 'number', known: false },
    ]));
  });
});

describe('opn-probe reports differences', () => {
  it('names a field the sandbox answer lacks, and expires_at ignored', async () => {
    const s = await sandbox({ country: 'TH', omitFields: ['source.absorption_type', 'transaction_fees'], ignoreExpiresAt: true });
    const r = await runProbe({ secretKey: s.secretKey, apiBase: s.baseUrl });
    expect(r.ready).toBe(true);
    expect(r.kakaopay.currencies).toEqual(['THB']);
    const create = r.calls.find((c) => c.name === 'create charge (automatic)');
    expect(create?.fields).toEqual(
      expect.arrayContaining([
        { path: 'source.absorption_type', kind: 'missing', required: false },
        { path: 'transaction_fees', kind: 'missing', required: false },
      ]),
    );
    expect(r.calls.find((c) => c.name === 'list charges in a window')?.fields).toContainEqual({ path: 'data[].transaction_fees', kind: 'missing', required: false });
    expect(r.expiresAt.honoured).toBe(false);
  });

  it('a field the terminal needs is missing: the call is invalid, the field REQUIRED, not ready', async () => {
    const s = await sandbox({ omitFields: ['status'] });
    const r = await runProbe({ secretKey: s.secretKey, apiBase: s.baseUrl });
    const create = r.calls.find((c) => c.name === 'create charge (automatic)');
    expect(create).toMatchObject({ outcome: 'invalid', httpStatus: 200 });
    expect(create?.fields).toContainEqual({ path: 'status', kind: 'missing', required: true });
    expect(r.ready).toBe(false);
  });
});

describe('opn-probe CLI', () => {
  it('writes a redacted report and a summary; exit 0 when ready', async () => {
    const s = await sandbox({ omitFields: ['source.discounts'] });
    const out = tempDir('probe-out').dir; // removed after the file (it was left behind)
    const res = await run(process.execPath, [await nodeBundle(CLI), '--secret-key', s.secretKey, '--public-key', s.publicKey, '--api-base', s.baseUrl, '--out', out]);
    expect(res.stdout).toMatch(/READY/);
    expect(res.stdout).toMatch(/source\.discounts: missing/);
    const report = readFileSync(path.join(out, 'opn-probe-report.json'), 'utf8');
    expect(report).not.toContain(s.secretKey);
    expect(report).not.toContain(s.publicKey);
    expect(JSON.parse(report)).toMatchObject({ tool: 'opn-probe', ready: true, accountApiVersion: '2019-05-29' });
    expect(res.stdout + res.stderr).not.toContain(s.secretKey);
  });

  it('refuses live keys and bad flags: exit 2, one line, the key never echoed', async () => {
    for (const args of [['--secret-key', 'skey_5abcdefghijk'], ['--secret-key', 'skey_test_x', '--public-key', 'pkey_5live0000'], [], ['--secret-key', 'skey_test_x', '--api-base', 'http://example.com']]) {
      const err = await run(process.execPath, [await nodeBundle(CLI), ...args]).then(() => null, (e: { code: number; stderr: string }) => e);
      expect(err?.code, args.join(' ')).toBe(2);
      expect(err?.stderr.trim().split('\n')).toHaveLength(1);
      expect(err?.stderr).not.toMatch(/skey_5abc|pkey_5live/);
    }
  });

  it('no network: exit 2 with one clear line', async () => {
    // A loopback port that was free a moment ago: nothing listens there.
    const port = await new Promise<number>((resolve) => {
      const srv = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (srv.address() as net.AddressInfo).port;
        srv.close(() => resolve(p));
      });
    });
    const err = await run(process.execPath, [await nodeBundle(CLI), '--secret-key', 'skey_test_abc', '--api-base', `http://127.0.0.1:${port}`]).then(() => null, (e: { code: number; stderr: string }) => e);
    expect(err?.code).toBe(2);
    expect(err?.stderr.trim().split('\n')).toHaveLength(1);
    expect(err?.stderr).toMatch(/no network: cannot reach 127\.0\.0\.1/);
  });
});
