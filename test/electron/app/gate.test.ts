// The one gate (electron/app/gate.ts) over a real terminal app on a real sandbox: unknown channels,
// the customer display's role, one schema parse, the manager PIN through restarts, the error allow-list,
// and secrets bound to their destination. Every refusal leaves settings.json and the receipt log as
// they were.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../sandbox/index';
import { toAppError } from '../../../electron/app/errors';
import type { TerminalApp } from '../../../electron/app/terminal-app';
import { NO_PDF, TEST_PIN, terminalApps } from '../../support/terminal-app';
import { tempDir } from '../../support/temp';

const PIN = TEST_PIN;
let sandbox: Sandbox;
const apps = terminalApps('gate');

beforeAll(async () => {
  sandbox = await startSandbox({ country: 'SG', quiet: true });
});
afterAll(async () => {
  await sandbox.stop();
});

// Logged at trace level (the test reads it); CSV exports never print, so a PDF here would be a bug.
const open = (dataDir: string, destinations?: { allowedOpnOrigins: readonly string[] }): Promise<TerminalApp> =>
  apps.open({ dataDir, captureLog: true, pollIntervalMs: 0, pdfPrinter: NO_PDF, ...(destinations ? { destinations } : {}) });

/** A live terminal on the sandbox with test keys and the shop's own PIN. */
const configured = (dataDir = tempDir('gate').dir): Promise<TerminalApp> => apps.configured(sandbox, { dataDir, captureLog: true, pollIntervalMs: 0, pdfPrinter: NO_PDF });

async function listener(): Promise<{ url: string; seen: IncomingHttpHeaders[]; close(): Promise<void> }> {
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    seen.push(req.headers);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"object":"list","data":[]}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, close: () => new Promise((r) => server.close(() => r())) };
}

describe('the gate', () => {
  it('refuses unknown channels, the display outside its role and bad shapes, changing nothing', async () => {
    const app = await configured();
    const settingsFile = path.join(app.dataDir, 'settings.json');
    const before = readFileSync(settingsFile);
    expect(await app.invoke('sale:drop', {})).toEqual({ ok: false, error: { code: 'unknown_channel', message: 'Unknown channel "sale:drop".' } });
    expect(await app.invoke('__proto__', {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    for (const channel of ['sale:start', 'settings:get', 'settings:update', 'manager:unlock', 'reports:x']) {
      expect(await app.invoke(channel, {}, 'display'), channel).toEqual({ ok: false, error: { code: 'forbidden', message: 'The customer display is read-only.', data: { reason: 'display_read_only' } } });
    }
    expect(await app.invoke('display:get', {}, 'display')).toMatchObject({ ok: true, value: { screen: 'idle' } });
    expect(await app.invoke('sale:start', { amount: 1.5, currency: 'SGD' })).toEqual({ ok: false, error: { code: 'invalid_input', message: 'amount: Invalid input: expected int, received number', data: { field: 'amount' } } });
    expect(await app.invoke('sale:refund', { saleId: 'sale_0123456789ab', amount: 100 })).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('pin') } });
    // The message names the field and the rule, never the value sent.
    const secret = await app.invoke('settings:update', { pin: PIN, opnSecretKey: 'skey_test_NOT-VALID-secret' });
    expect(secret).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(JSON.stringify(secret)).not.toContain('NOT-VALID-secret');
    expect(readFileSync(settingsFile).equals(before)).toBe(true);
    expect(app.runtime.core().store.sales.list({})).toEqual([]);
  });

  it('domain rules stay in the core: a shop in Singapore cannot charge in baht', async () => {
    const app = await configured();
    await app.runtime.core().recover();
    expect(await app.invoke('sale:start', { amount: 5000, currency: 'THB' })).toEqual({ ok: false, error: { code: 'invalid_currency', message: 'This shop charges in SGD.', data: { currency: 'SGD' } } });
    expect(await app.invoke('sale:start', { amount: 50, currency: 'SGD' })).toMatchObject({ ok: false, error: { code: 'invalid_amount' } });
  });

  it('a restart after five wrong PINs still refuses the right one; unlock then works once the lock ends', async () => {
    const dir = tempDir('gate-restart').dir;
    const app = await configured(dir);
    for (let left = 4; left >= 1; left--) {
      expect(await app.invoke('manager:unlock', { pin: '000000' })).toEqual({ ok: false, error: { code: 'pin_invalid', message: `Wrong PIN (remaining: ${left}).`, data: { remaining: left } } });
    }
    expect(await app.invoke('sale:refund', { saleId: 'sale_0123456789ab', pin: '000000', amount: 100 })).toMatchObject({ ok: false, error: { code: 'pin_locked', data: { retryAfterMs: 300_000 } } });
    await apps.closeAll();

    const again = await open(dir);
    expect(await again.invoke('manager:unlock', { pin: PIN })).toMatchObject({ ok: false, error: { code: 'pin_locked', data: { retryAfterMs: expect.any(Number) } } });
    const locked = await again.invoke('manager:unlock', { pin: PIN });
    expect(!locked.ok && locked.error.data?.retryAfterMs).toBeGreaterThan(3 * 60_000);
    expect(await again.invoke('reports:listZ', { pin: PIN })).toMatchObject({ ok: false, error: { code: 'pin_locked' } });
    expect(apps.log()).not.toContain(PIN);
  });

  it('the right PIN unlocks and reaches the handler without the PIN in its input', async () => {
    const app = await configured();
    expect(await app.invoke('manager:unlock', { pin: PIN })).toEqual({ ok: true, value: { unlocked: true } });
    expect(await app.invoke('sale:refund', { saleId: 'sale_0123456789ab', pin: PIN, amount: 100 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('errors that reach a window', () => {
  it('a file-system error with a path shows only the generic text and a reference the log carries too', () => {
    const mapped = toAppError(Object.assign(new Error("EACCES: permission denied, open '/home/shop/.config/kakaopay/exports/x.csv'"), { code: 'export_failed' }));
    expect(mapped.internal).toBe(true);
    expect(mapped.error.code).toBe('internal');
    expect(mapped.error.message).not.toContain('/home/shop');
    expect(mapped.error.message).toMatch(/\(ref err_[0-9a-f]{10}\)/);
  });

  it('an export that cannot be written names the file and the errno, not the folder', async () => {
    const app = await configured();
    await app.runtime.core().recover();
    writeFileSync(path.join(app.dataDir, 'exports'), 'a file where the folder should be');
    const r = await app.invoke('reports:export', { day: '2026-11-27', pin: PIN, format: 'csv-summary' });
    expect(r).toMatchObject({ ok: false, error: { code: 'export_failed', message: expect.stringMatching(/^Could not write counter-1_2026-11-27_summary\.csv to the exports folder \(E[A-Z]+\)\.$/) } });
    expect(JSON.stringify(r)).not.toContain(app.dataDir);
  });
});

describe('secrets are bound to their destination', () => {
  it('changing the Opn address forgets the key: Test connection sends nothing to the new address', async () => {
    const app = await configured();
    const evil = await listener();
    try {
      const moved = await app.invoke('settings:update', { pin: PIN, opnApiBase: evil.url });
      expect(moved).toMatchObject({ ok: true, value: { opnApiBase: evil.url, opnSecretKeySet: false } });
      const check = await app.invoke('settings:testConnection', { pin: PIN });
      expect(check).toMatchObject({ ok: true, value: { opn: { ok: false, message: 'No Opn secret key is set.' } } });
      // Nor with the form pointing there while the saved address is the sandbox again.
      await app.invoke('settings:update', { pin: PIN, opnApiBase: sandbox.baseUrl, opnSecretKey: sandbox.secretKey });
      await app.invoke('settings:testConnection', { pin: PIN, opnApiBase: evil.url });
      const auth = evil.seen.map((h) => h.authorization ?? '').join(' ');
      expect(auth).not.toContain(Buffer.from(`${sandbox.secretKey}:`).toString('base64'));
      expect(evil.seen).toHaveLength(0);
    } finally {
      await evil.close();
    }
  });

  it('Test connection needs the PIN and tests the values given, not the saved ones', async () => {
    const app = await configured();
    expect(await app.invoke('settings:testConnection', {})).toMatchObject({ ok: false, error: { code: 'pin_required' } });
    const wrongKey = await app.invoke('settings:testConnection', { pin: PIN, opnSecretKey: 'skey_test_wrongwrongwrong' });
    expect(wrongKey).toMatchObject({ ok: true, value: { opn: { ok: false, message: expect.stringContaining('401') } } });
    const saved = await app.invoke('settings:testConnection', { pin: PIN });
    expect(saved).toMatchObject({ ok: true, value: { opn: { ok: true } } });
  });

  it('a live key goes only to api.omise.co (or a listed origin), and the forwarder only over wss', async () => {
    const app = await configured();
    const before = readFileSync(path.join(app.dataDir, 'settings.json'));
    const live = await app.invoke('settings:update', { pin: PIN, opnSecretKey: 'skey_5xrandomlivekey0000' });
    expect(live).toMatchObject({ ok: false, error: { code: 'insecure_destination', message: expect.stringContaining('https://api.omise.co') } });
    const ws = await app.invoke('settings:update', { pin: PIN, opnApiBase: 'https://api.omise.co', opnSecretKey: 'skey_5xrandomlivekey0000', forwarderUrl: 'ws://forwarder.example/terminals' });
    expect(ws).toMatchObject({ ok: false, error: { code: 'insecure_destination', message: expect.stringContaining('wss://') } });
    expect(readFileSync(path.join(app.dataDir, 'settings.json')).equals(before)).toBe(true);

    const listed = await open(tempDir('gate-allow').dir, { allowedOpnOrigins: ['https://api.omise.co', 'https://opn-proxy.shop.example'] });
    expect(await listed.invoke('settings:update', { managerPin: PIN, opnApiBase: 'https://opn-proxy.shop.example', opnSecretKey: 'skey_5xrandomlivekey0000' })).toMatchObject({ ok: true, value: { opnSecretKeySet: true } });
  });
});
