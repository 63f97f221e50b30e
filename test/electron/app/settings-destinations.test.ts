// Issue 21 pt 2: the destination rule runs whatever wrote settings.json. A file edited on disk to send a
// live key over http, to a foreign origin, or its forwarder over ws, makes the next start send nothing
// (a loopback listener sees no connection at all) and say why, in the cashier's language.
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../sandbox/index';
import { createOpnClient } from '../../../electron/core';
import { requestGuard } from '../../../electron/app/destinations';
import { openFileSecretBox } from '../../../electron/app/file-secret-box';
import type { TerminalApp } from '../../../electron/app/terminal-app';
import { cashierTexts, SETTINGS_ATTENTION } from '../../../shared';
import { TEST_PIN, terminalApps } from '../../support/terminal-app';

const LIVE_KEY = 'skey_5xrandomlivekey0000';
const POLICY = { allowedOpnOrigins: ['https://api.omise.co'] };
let sandbox: Sandbox;
const apps = terminalApps('dest');

beforeAll(async () => {
  sandbox = await startSandbox({ country: 'SG', quiet: true });
});
afterAll(() => sandbox.stop());

/** A loopback TCP listener that counts every connection made to it (http, https or ws alike). */
async function tcpListener(): Promise<{ port: number; connections: () => number; close(): Promise<void> }> {
  let n = 0;
  const server: Server = createServer((socket) => {
    n++;
    socket.destroy();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { port: (server.address() as AddressInfo).port, connections: () => n, close: () => new Promise((r) => server.close(() => r())) };
}

const open = (dataDir: string): Promise<TerminalApp> => apps.open({ dataDir, pollIntervalMs: 0, destinations: POLICY });

/** A terminal set up through the app (test keys on the sandbox), then closed, so its settings.json is real. */
async function savedTerminal(): Promise<string> {
  const app = await apps.configured(sandbox, { pollIntervalMs: 0, destinations: POLICY });
  await apps.closeAll();
  return app.dataDir;
}

/** What an editor (or anything else) writes into settings.json, with the key sealed as the app seals it. */
function editOnDisk(dir: string, edit: Record<string, unknown>, secretKey = LIVE_KEY): void {
  const file = path.join(dir, 'settings.json');
  const s = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  writeFileSync(file, JSON.stringify({ ...s, opnSecretKeySealed: openFileSecretBox(dir).encrypt(secretKey), ...edit }));
}

describe('settings.json edited on disk to send a live key elsewhere', () => {
  const cases = [
    { name: 'the Opn address over plain http', code: 'live_key_opn_not_allowed', edit: (port: number) => ({ opnApiBase: `http://127.0.0.1:${port}` }) },
    { name: 'a foreign https origin', code: 'live_key_opn_not_allowed', edit: (port: number) => ({ opnApiBase: `https://127.0.0.1:${port}` }) },
    { name: 'plain http with the mode edited to "demo"', code: 'live_key_opn_not_allowed', edit: (port: number) => ({ opnApiBase: `http://127.0.0.1:${port}`, mode: 'demo' }) },
    { name: 'the forwarder over ws', code: 'live_forwarder_not_wss', edit: (port: number) => ({ opnApiBase: 'https://api.omise.co', forwarderUrl: `ws://127.0.0.1:${port}/terminals`, forwarderTokenSealed: '' }) },
  ] as const;

  it.each(cases)('$name: the next start sends nothing and says why ($code)', async ({ code, edit }) => {
    const target = await tcpListener();
    try {
      const dir = await savedTerminal();
      editOnDisk(dir, edit(target.port));
      if (code === 'live_forwarder_not_wss') {
        // A token too, so a relay link would be opened if the rule did not hold.
        const file = path.join(dir, 'settings.json');
        const s = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
        writeFileSync(file, JSON.stringify({ ...s, forwarderTokenSealed: openFileSecretBox(dir).encrypt('ftok_someone') }));
      }
      const before = readFileSync(path.join(dir, 'settings.json'));
      const app = await open(dir);

      const view = await app.invoke('settings:get', {});
      expect(view).toMatchObject({ ok: true, value: { attention: code, opnSecretKeySet: true } });
      expect(app.runtime.link()).toMatchObject({ state: 'offline', detail: expect.stringContaining('Settings need attention') });
      const sale = await app.invoke('sale:start', { amount: 1000, currency: 'SGD' });
      expect(sale).toMatchObject({ ok: false, error: { code: 'insecure_destination' } });
      expect(target.connections()).toBe(0);
      // The refused file is left as it was: the manager fixes it.
      expect(readFileSync(path.join(dir, 'settings.json')).equals(before)).toBe(true);
    } finally {
      await target.close();
    }
  });

  it('the cashier reads why in each language, and setting the address back clears it', async () => {
    for (const lang of ['en', 'ko', 'th'] as const) {
      const t = cashierTexts(lang).settingsAttention;
      for (const code of SETTINGS_ATTENTION) expect(t.reason[code].length).toBeGreaterThan(10);
    }
    expect(new Set(['en', 'ko', 'th'].map((l) => cashierTexts(l as 'en').settingsAttention.title)).size).toBe(3);
    const target = await tcpListener();
    try {
      const dir = await savedTerminal();
      editOnDisk(dir, { opnApiBase: `http://127.0.0.1:${target.port}` });
      const app = await open(dir);
      // Changing the address forgets the key (the binding), so the terminal is usable again with test keys.
      const fixed = await app.invoke('settings:update', { pin: TEST_PIN, opnApiBase: sandbox.baseUrl, opnSecretKey: sandbox.secretKey });
      expect(fixed).toMatchObject({ ok: true, value: { opnSecretKeySet: true } });
      expect((fixed as { value: { attention?: string } }).value.attention).toBeUndefined();
      expect(await app.invoke('sale:start', { amount: 1000, currency: 'SGD' })).toMatchObject({ ok: true });
      expect(target.connections()).toBe(0);
    } finally {
      await target.close();
    }
  });
});

describe('the Opn transport checks the destination before every request', () => {
  it('a client built with a live key for http sends nothing; the same client with a test key does connect', async () => {
    const target = await tcpListener();
    try {
      const baseUrl = `http://127.0.0.1:${target.port}`;
      const live = createOpnClient({ baseUrl, secretKey: LIVE_KEY, retries: 0, guard: requestGuard(LIVE_KEY, POLICY) });
      await expect(live.retrieveCharge('chrg_test_1')).rejects.toMatchObject({ code: 'insecure_destination' });
      expect(target.connections()).toBe(0);
      // The guard, not the listener, stopped it: a test key to the same address goes through.
      const test = createOpnClient({ baseUrl, secretKey: 'skey_test_abc', retries: 0, guard: requestGuard('skey_test_abc', POLICY) });
      await expect(test.retrieveCharge('chrg_test_1')).rejects.toBeDefined();
      expect(target.connections()).toBe(1);
    } finally {
      await target.close();
    }
  });
});
