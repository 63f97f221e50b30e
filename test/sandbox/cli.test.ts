// `npm run sandbox` as a child process: flags and env, the printed banner, bad flags (exit 2), SIGTERM.
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeOptionsError, parseCli, UsageError } from '../../sandbox/cli-args';
import { startSandbox } from '../../sandbox/index';
import { nodeBundle } from '../support/node-bundle';
import { waitFor } from '../support/wait';

const ROOT = path.resolve(import.meta.dirname, '../..');
const children: ChildProcessWithoutNullStreams[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});

async function run(args: string[], env: Record<string, string> = {}): Promise<{ child: ChildProcessWithoutNullStreams; out: () => string; err: () => string; exit: Promise<number | null> }> {
  // What `npm run sandbox` runs, bundled once (test/support/node-bundle.ts), without the npm and tsx wrappers.
  const child = spawn(process.execPath, [await nodeBundle('sandbox/cli.ts'), ...args], { cwd: ROOT, env: { ...process.env, ...env } });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exit = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, out: () => out, err: () => err, exit };
}

describe('sandbox CLI', () => {
  it('serves on the given port with keys from env and flags, prints them, and stops on SIGTERM', async () => {
    const p = await run(['--port', '0', '--country', 'th', '--secret-key', 'skey_test_fromflag1', '--quiet'], { SANDBOX_PUBLIC_KEY: 'pkey_test_fromenv1' });
    await waitFor(() => /idempotency/.test(p.out()), 'banner', 20_000);
    const base = /base URL\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(p.out())?.[1];
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(p.out()).toContain('pkey_test_fromenv1');
    expect(p.out()).toContain('skey_test_fromflag1');
    const auth = `Basic ${Buffer.from('pkey_test_fromenv1:').toString('base64')}`;
    const cap = (await (await fetch(`${base}/capability`, { headers: { Authorization: auth } })).json()) as { payment_methods: { currencies: string[] }[] };
    expect(cap.payment_methods[0]?.currencies).toEqual(['THB']);
    p.child.kill('SIGTERM');
    expect(await p.exit).toBe(0);
  });

  // Two spawns cover both exit-2 paths (flag syntax, option validation); the other cases are checked in process below.
  it.each([[['--bogus']], [['--secret-key', 'not-a-key-SECRETVALUE']]])('exits 2 with a clear error for %j, never echoing a secret value', async (args) => {
    const p = await run(args);
    expect(await p.exit).toBe(2);
    expect(p.err()).toMatch(/sandbox: /);
    expect(p.err()).not.toContain('SECRETVALUE');
  });
});

describe('flag parsing', () => {
  it('names the flag, not the value, when an option is invalid', async () => {
    for (const [args, flag] of [
      [['--secret-key', 'not-a-key-SECRETVALUE'], '--secret-key'],
      [['--webhook-endpoint', 'ftp://x'], '--webhook-endpoint'],
      [['--webhook-secret', '!!'], '--webhook-secret'],
    ] as const) {
      const parsed = parseCli(args, {});
      if (parsed.help) throw new Error('unexpected help');
      const err = await startSandbox({ ...parsed.options, port: 0 }).then(
        (sb) => sb.stop().then(() => null),
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(z.ZodError);
      const message = describeOptionsError(err as z.ZodError);
      expect(message).toContain(flag);
      expect(message).not.toContain('SECRETVALUE');
    }
  });

  it('maps flags and env to options; flags win', () => {
    const r = parseCli(['--port', '5000', '--webhook-endpoint', 'https://a.example/h', '--webhook-endpoint', 'https://b.example/h', '--no-idempotency', '--allow-insecure-return-uri', '--public-base-url', 'http://192.168.1.20:5000'], {
      SANDBOX_PORT: '6000',
      SANDBOX_SECRET_KEY: 'skey_test_env',
    });
    expect(r).toEqual({
      help: false,
      options: {
        port: 5000,
        host: '127.0.0.1',
        country: 'SG',
        secretKey: 'skey_test_env',
        webhookEndpoints: ['https://a.example/h', 'https://b.example/h'],
        idempotency: false,
        apiVersion: '2019-05-29',
        ignoreExpiresAt: false,
        allowInsecureReturnUri: true,
        quiet: false,
        publicBaseUrl: 'http://192.168.1.20:5000',
      },
    });
    expect(parseCli(['--idempotency', '--api-version', '2017-11-02', '--ignore-expires-at', '--omit-field', 'transaction_fees', '--omit-field', 'source.discounts'], {})).toMatchObject({
      options: { idempotency: true, apiVersion: '2017-11-02', ignoreExpiresAt: true, omitFields: ['transaction_fees', 'source.discounts'] },
    });
    expect(parseCli([], {})).toMatchObject({ options: { idempotency: false, apiVersion: '2019-05-29' } });
    for (const bad of [['--api-version', '2015-11-17'], ['--idempotency', '--no-idempotency'], ['--port'], ['--port', 'abc'], ['--port', '70000'], ['--country', 'JP'], ['stray'], ['--bogus']]) {
      expect(() => parseCli(bad, {}), bad.join(' ')).toThrow(UsageError);
    }
    expect(parseCli(['--help'], {})).toEqual({ help: true });
  });
});
