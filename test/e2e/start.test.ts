// The browser-mode entry as a newcomer runs it: two lines on stdout (the URLs), a clean stop on
// SIGTERM, and a refused flag with a message and exit code 2.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../electron/core';
import { startBrowserMode } from '../../electron/browser-server/start';
import { demoLauncher } from '../../electron/demo/index';
import { buildRenderer, ROOT } from './stack';
import { nodeBundle } from '../support/node-bundle';
import { tempDir } from '../support/temp';

let rendererDir: string;
let dataDir: string;
beforeAll(async () => {
  rendererDir = await buildRenderer();
  dataDir = tempDir('start').dir;
}, 90_000);
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

/** The entry bundled as `npm run build` bundles it (dist/electron/browser.mjs), once per file. */
async function run(args: string[]) {
  return spawn(process.execPath, [await nodeBundle('electron/browser-server/main.ts'), ...args], {
    cwd: ROOT,
    env: { ...process.env, KAKAOPAY_RENDERER_DIR: rendererDir, LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

describe('browser-mode entry', () => {
  it('prints exactly the cashier and customer display URLs, serves them, and stops on SIGTERM', async () => {
    const child = await run(['--port', '0', '--data', dataDir]);
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    try {
      await expect.poll(() => out.split('\n').filter(Boolean).length, { timeout: 45_000, interval: 200 }).toBe(2);
      const [cashier, display] = out.trim().split('\n');
      expect(cashier).toMatch(/^cashier: http:\/\/127\.0\.0\.1:\d+\/cashier\.html#token=[\w-]{20,}$/);
      expect(display).toMatch(/^customer display: http:\/\/127\.0\.0\.1:\d+\/display\.html$/);
      const page = await fetch(display!.slice('customer display: '.length));
      expect(page.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(out.trim().split('\n')).toHaveLength(2);
  }, 60_000);

  it('refuses an unknown flag with a message and exit code 2', async () => {
    const child = await run(['--colour', 'blue']);
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    expect(code).toBe(2);
    expect(err).toContain('Unknown flag --colour');
  }, 30_000);

  it('a demo restarted with a payment left open takes new sales at once (fresh demo log, real log untouched)', async () => {
    const dir = tempDir('restart').dir;
    const opts = { dataDir: dir, port: 0, staticDir: rendererDir, tuning: { logger: silentLogger() } };
    try {
      let mode = await startBrowserMode({ ...opts, demo: demoLauncher() });
      expect(await mode.app.invoke('sale:start', { amount: 1000, currency: 'SGD' })).toMatchObject({ ok: true, value: { status: 'pending' } });
      await mode.close();
      mode = await startBrowserMode({ ...opts, demo: demoLauncher() });
      try {
        await expect.poll(async () => ((await mode.app.invoke('app:info', {})) as { value: { recovering: boolean } }).value.recovering).toBe(false);
        expect(await mode.app.invoke('sale:list', {})).toEqual({ ok: true, value: [] });
        expect(await mode.app.invoke('sale:start', { amount: 2000, currency: 'SGD' })).toMatchObject({ ok: true, value: { status: 'pending', amount: 2000 } });
        expect(mode.app.runtime.dbPath()).toBe(path.join(dir, 'demo-receipts.sqlite'));
      } finally {
        await mode.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
