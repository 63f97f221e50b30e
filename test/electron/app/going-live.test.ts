// Going live from the demo in ONE settings:update (issue 12, point 1): the Opn address, both keys, the
// forwarder address and token and the new PIN all land in settings.json, the link comes up on the
// standalone sandbox + forwarder, and every page hears settings:changed at once. Going back to the demo
// needs the PIN and leaves the live receipt log byte for byte. A real demo stack, sandbox and forwarder.
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LinkStatus, PublicSettings, Sale } from '../../../shared';
import { startSandbox, type Sandbox } from '../../../sandbox/index';
import { startForwarder, type Forwarder } from '../../../forwarder/index';
import { demoLauncher } from '../../../electron/demo/index';
import type { TerminalApp } from '../../../electron/app/terminal-app';
import { fingerprint } from '../../support/sqlite';
import { tempDir } from '../../support/temp';
import { terminalApps } from '../../support/terminal-app';

const PIN = '583014';
let sandbox: Sandbox;
let forwarder: Forwarder;
let app: TerminalApp;
let dir: string;
let fwdDir: string;
const apps = terminalApps('going-live', { scope: 'file' });

beforeAll(async () => {
  sandbox = await startSandbox({ country: 'SG', quiet: true });
  fwdDir = tempDir('going-live-fwd').dir;
  forwarder = await startForwarder({ dataDir: fwdDir, store: 'sqlite', webhookSecret: sandbox.webhookSecret, quiet: true });
  sandbox.setWebhookEndpoints([forwarder.webhookUrl]);
  app = await apps.open({ demo: demoLauncher() });
  dir = app.dataDir;
}, 30_000);
afterAll(async () => {
  await apps.closeAll();
  await forwarder?.stop();
  await sandbox?.stop();
  rmSync(fwdDir, { recursive: true, force: true });
});

describe('going live and back', () => {
  it('one update takes the address, both keys, forwarder and token and the new PIN; nothing typed is dropped; pages hear it at once', async () => {
    expect(app.settings.get().mode).toBe('demo');
    const token = await forwarder.createToken('counter-1');
    const heard: PublicSettings[] = [];
    const links: LinkStatus[] = [];
    app.events.on('settings:changed', (s) => heard.push(s));
    app.events.on('link:changed', (l) => links.push(l));
    const candidate = {
      opnApiBase: `${sandbox.baseUrl}/`,
      opnPublicKey: sandbox.publicKey,
      opnSecretKey: sandbox.secretKey,
      forwarderUrl: forwarder.wsUrl,
      forwarderToken: token,
      terminalId: 'counter-1',
    };
    // "Test all" with exactly these values, before anything is saved (a wrong key is caught here).
    const before = readFileSync(app.settings.file);
    expect(await app.invoke('settings:testConnection', { pin: '1234', ...candidate, opnSecretKey: 'skey_test_wrongwrongwrong' })).toMatchObject({ ok: true, value: { opn: { ok: false }, forwarder: { ok: true } } });
    expect(await app.invoke('settings:testConnection', { pin: '1234', ...candidate })).toMatchObject({ ok: true, value: { opn: { ok: true }, forwarder: { ok: true } } });
    expect(readFileSync(app.settings.file).equals(before)).toBe(true);

    const r = await app.invoke('settings:update', { pin: '1234', ...candidate, managerPin: PIN });
    expect(r).toMatchObject({ ok: true, value: { mode: 'live', opnApiBase: sandbox.baseUrl, forwarderUrl: forwarder.wsUrl, opnSecretKeySet: true, opnPublicKeySet: true, forwarderTokenSet: true } });
    const onDisk = JSON.parse(readFileSync(app.settings.file, 'utf8')) as Record<string, unknown>;
    expect(onDisk).toMatchObject({ mode: 'live', opnApiBase: sandbox.baseUrl, forwarderUrl: forwarder.wsUrl, opnPublicKey: sandbox.publicKey });
    // The new address did not forget the new key typed with it (address first, then the key).
    expect(app.settings.secrets()).toEqual({ opnSecretKey: sandbox.secretKey, forwarderToken: token });
    expect(heard.at(-1)).toMatchObject({ mode: 'live' });
    await expect.poll(() => links.at(-1)?.state, { timeout: 10_000 }).toBe('connected');
    // The demo PIN is gone; the new one works.
    expect(await app.invoke('manager:unlock', { pin: '1234' })).toMatchObject({ ok: false, error: { code: 'pin_invalid' } });
    expect(await app.invoke('manager:unlock', { pin: PIN })).toEqual({ ok: true, value: { unlocked: true } });
  });

  it('a live sale is paid through the standalone forwarder; back to the demo needs the PIN and leaves the live receipt log untouched', async () => {
    const started = await app.invoke('sale:start', { amount: 3100, currency: 'SGD' });
    expect(started).toMatchObject({ ok: true, value: { status: 'pending' } });
    const sale = (started as { value: Sale }).value;
    const paid = new Promise<void>((resolve) => app.events.on('sale:updated', (s) => s.id === sale.id && s.status === 'successful' && resolve()));
    await sandbox.completeCharge(sale.chargeId!, 'successful');
    await paid;
    const liveLog = path.join(dir, 'receipts.sqlite');

    const heard: PublicSettings[] = [];
    app.events.on('settings:changed', (s) => heard.push(s));
    expect(await app.invoke('settings:useDemo', { pin: '000000' })).toMatchObject({ ok: false, error: { code: 'pin_invalid' } });
    expect(app.settings.get().mode).toBe('live');
    const before = fingerprint(liveLog);
    expect(before.counts.sales).toBe(1);
    const back = await app.invoke('settings:useDemo', { pin: PIN });
    expect(back).toMatchObject({ ok: true, value: { mode: 'demo', opnSecretKeySet: true } });
    expect(heard.at(-1)).toMatchObject({ mode: 'demo' });
    expect(app.runtime.dbPath()).toBe(path.join(dir, 'demo-receipts.sqlite'));
    expect(fingerprint(liveLog)).toEqual(before);
    // The demo's sandbox, not the shop's: its keys were forgotten, the demo works with the demo PIN.
    expect(app.settings.get().opnApiBase).not.toBe(sandbox.baseUrl);
    expect(await app.invoke('manager:unlock', { pin: '1234' })).toEqual({ ok: true, value: { unlocked: true } });
    expect(await app.invoke('sale:start', { amount: 1000, currency: 'SGD' })).toMatchObject({ ok: true, value: { status: 'pending' } });
  });
});
