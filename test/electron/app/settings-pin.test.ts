// Settings are behind the manager PIN: through the app's one door (`invoke`, schema + handler), a
// missing or wrong PIN changes nothing (settings.json byte for byte), the right one applies the change,
// guesses share the payment core's lockout, and the PIN never comes back in a response or a log line.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startSandbox } from '../../../sandbox/index';
import type { TerminalApp } from '../../../electron/app/terminal-app';
import { terminalApps } from '../../support/terminal-app';

const apps = terminalApps('settings-pin');

/** A live install with no keys (no core, no network) and a real logger whose output the test reads. */
async function open(clock?: { t: number }): Promise<{ app: TerminalApp; file: string }> {
  const app = await apps.open({ captureLog: true, ...(clock ? { now: () => new Date(clock.t) } : {}) });
  return { app, file: path.join(app.dataDir, 'settings.json') };
}

async function withPin(pin: string, clock?: { t: number }): Promise<{ app: TerminalApp; file: string }> {
  const opened = await open(clock);
  expect(await opened.app.invoke('settings:update', { managerPin: pin, shopName: 'Kimchi Corner' })).toMatchObject({ ok: true, value: { managerPinSet: true } });
  return opened;
}

describe('settings behind the manager PIN', () => {
  it('a fresh live install: the first update must set a PIN; after that every change needs it', async () => {
    const { app, file } = await open();
    const noPin = await app.invoke('settings:update', { shopName: 'Kimchi Corner' });
    expect(noPin).toMatchObject({ ok: false, error: { code: 'pin_required' } });
    expect(existsSync(file)).toBe(false);

    expect(await app.invoke('settings:update', { managerPin: '482913' })).toMatchObject({ ok: true, value: { managerPinSet: true } });
    const before = readFileSync(file);
    expect(await app.invoke('settings:update', { shopName: 'Seoul Bakery' })).toMatchObject({ ok: false, error: { code: 'pin_required' } });
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('a wrong PIN (or a wrong one trying to set a new PIN) changes nothing, byte for byte; the right one applies', async () => {
    const { app, file } = await withPin('482913');
    const before = readFileSync(file);
    const wrong = await app.invoke('settings:update', { pin: '111111', country: 'TH', forwarderUrl: 'wss://evil.example/terminals', managerPin: '0000' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'pin_invalid' } });
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(app.settings.publicView()).toMatchObject({ country: 'SG', forwarderUrl: '' });

    const right = await app.invoke('settings:update', { pin: '482913', country: 'TH', shopName: 'Bangkok Noodle Bar' });
    expect(right).toMatchObject({ ok: true, value: { country: 'TH', shopName: 'Bangkok Noodle Bar' } });
    expect(readFileSync(file).equals(before)).toBe(false);
  });

  it('changing the PIN needs the current one; the old PIN stops working', async () => {
    const { app } = await withPin('482913');
    expect(await app.invoke('settings:update', { managerPin: '5566' })).toMatchObject({ ok: false, error: { code: 'pin_required' } });
    expect(await app.invoke('settings:update', { pin: '482913', managerPin: '5566' })).toMatchObject({ ok: true });
    expect(await app.invoke('settings:update', { pin: '482913', shopName: 'X' })).toMatchObject({ ok: false, error: { code: 'pin_invalid' } });
    expect(await app.invoke('settings:update', { pin: '5566', shopName: 'X' })).toMatchObject({ ok: true, value: { shopName: 'X' } });
  });

  it('a new PIN with a confirmation that differs is refused as a whole, byte for byte; a matching one applies', async () => {
    const { app, file } = await withPin('482913');
    const before = readFileSync(file);
    const mismatch = await app.invoke('settings:update', { pin: '482913', managerPin: '5566', managerPinAgain: '5567', shopName: 'Typo Deli' });
    expect(mismatch).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(mismatch.ok ? '' : mismatch.error.message).toContain('managerPinAgain');
    expect(mismatch.ok ? '' : mismatch.error.message).not.toMatch(/5566|5567/);
    // A confirmation with no new PIN is a mismatch too.
    expect(await app.invoke('settings:update', { pin: '482913', managerPinAgain: '5566' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(await app.invoke('settings:update', { pin: '482913', shopName: 'Still Here' })).toMatchObject({ ok: true });

    expect(await app.invoke('settings:update', { pin: '482913', managerPin: '5566', managerPinAgain: '5566' })).toMatchObject({ ok: true, value: { managerPinSet: true } });
    expect(await app.invoke('settings:update', { pin: '5566', shopName: 'Y' })).toMatchObject({ ok: true, value: { shopName: 'Y' } });
    expect(JSON.stringify(app.settings.publicView())).not.toContain('managerPinAgain');
  });

  it('only the PIN: checks it and changes nothing (the Settings screen unlocking itself)', async () => {
    const { app, file } = await withPin('482913');
    const before = readFileSync(file);
    let announced = 0;
    app.events.on('settings:changed', () => (announced += 1));
    expect(await app.invoke('settings:update', { pin: '482913' })).toMatchObject({ ok: true, value: { shopName: 'Kimchi Corner' } });
    expect(await app.invoke('settings:update', { pin: '999999' })).toMatchObject({ ok: false, error: { code: 'pin_invalid' } });
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(announced).toBe(0);
  });

  it('five wrong PINs lock Settings (and the reports, one shared count) for five minutes, even for the right PIN', async () => {
    const clock = { t: Date.parse('2026-11-27T10:00:00Z') };
    const { app, file } = await withPin('482913', clock);
    const before = readFileSync(file);
    for (let i = 0; i < 3; i++) expect(await app.invoke('settings:update', { pin: '0000', shopName: 'Y' })).toMatchObject({ ok: false, error: { code: 'pin_invalid' } });
    expect(await app.invoke('reports:listZ', { pin: '0001' })).toMatchObject({ ok: false, error: { code: 'pin_invalid', data: { remaining: 1 } } });
    expect(await app.invoke('settings:update', { pin: '0002', shopName: 'Y' })).toMatchObject({ ok: false, error: { code: 'pin_locked' } });
    const locked = await app.invoke('settings:update', { pin: '482913', shopName: 'Y' });
    expect(locked).toMatchObject({ ok: false, error: { code: 'pin_locked', data: { retryAfterMs: 300_000 } } });
    expect(readFileSync(file).equals(before)).toBe(true);

    clock.t += 5 * 60_000 + 1;
    expect(await app.invoke('settings:update', { pin: '482913', shopName: 'Y' })).toMatchObject({ ok: true, value: { shopName: 'Y' } });
  });

  it('still strict: an unknown key is refused before the PIN is looked at; a malformed PIN is refused without echoing it', async () => {
    const { app, file } = await withPin('482913');
    const before = readFileSync(file);
    expect(await app.invoke('settings:update', { pin: '482913', shopName: 'Z', isAdmin: true })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const bad = await app.invoke('settings:update', { pin: '48291x', shopName: 'Z' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(JSON.stringify(bad)).not.toContain('48291x');
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('the PIN is never echoed in a response, an event or the log', async () => {
    const { app } = await withPin('482913');
    const seen: string[] = [];
    app.events.on('settings:changed', (v) => seen.push(JSON.stringify(v)));
    seen.push(JSON.stringify(await app.invoke('settings:update', { pin: '482913', managerPin: '73195' })));
    seen.push(JSON.stringify(await app.invoke('settings:update', { pin: '482913', shopName: 'W' })));
    seen.push(JSON.stringify(await app.invoke('settings:update', { pin: '73195', shopName: 'W2' })));
    expect(seen.length).toBeGreaterThanOrEqual(4);
    for (const s of [...seen, apps.log()]) {
      expect(s).not.toContain('482913');
      expect(s).not.toContain('73195');
    }
  });
});

describe('leaving the demo', () => {
  it('refuses live keys while the PIN is still the public demo PIN; accepts them with a new PIN', async () => {
    const { app, file } = await withPin('1234');
    // Mark the install as a demo, the way the composition root does when it starts the embedded stack.
    app.settings.update({}, { mode: 'demo' });
    const before = readFileSync(file);
    const keys = { opnSecretKey: 'skey_test_0123456789abcdef' };
    expect(await app.invoke('settings:update', { pin: '1234', ...keys })).toMatchObject({ ok: false, error: { code: 'new_pin_required' } });
    expect(await app.invoke('settings:update', { pin: '1234', ...keys, managerPin: '1234' })).toMatchObject({ ok: false, error: { code: 'new_pin_required' } });
    expect(readFileSync(file).equals(before)).toBe(true);
    // Demo settings that are not credentials still work with the demo PIN.
    expect(await app.invoke('settings:update', { pin: '1234', shopName: 'Demo Shop' })).toMatchObject({ ok: true });
    const live = await app.invoke('settings:update', { pin: '1234', opnApiBase: 'http://127.0.0.1:9', ...keys, managerPin: '864209' });
    expect(live).toMatchObject({ ok: true, value: { mode: 'live', opnSecretKeySet: true, opnApiBase: 'http://127.0.0.1:9' } });
  });
});

describe('one failure count with the payment core', () => {
  it('wrong PINs at Settings, a refund, a void and the reports add up to one lockout that refunds and Settings both honour', async () => {
    const sandbox = await startSandbox({ quiet: true });
    try {
      const { app } = await open();
      const setup = await app.invoke('settings:update', { managerPin: '482913', opnApiBase: sandbox.baseUrl, opnSecretKey: sandbox.secretKey });
      expect(setup).toMatchObject({ ok: true, value: { opnSecretKeySet: true } });
      await expect.poll(() => app.runtime.recovering(), { timeout: 10_000 }).toBe(false);
      const started = await app.invoke('sale:start', { amount: 1000, currency: 'SGD' });
      expect(started.ok).toBe(true);
      const saleId = (started as { ok: true; value: { id: string } }).value.id;

      expect(await app.invoke('settings:update', { pin: '0000', shopName: 'Y' })).toMatchObject({ ok: false, error: { code: 'pin_invalid' } });
      expect(await app.invoke('settings:update', { pin: '0001', shopName: 'Y' })).toMatchObject({ ok: false, error: { code: 'pin_invalid' } });
      // The core's own check (refund) sees the two failures typed at Settings.
      expect(await app.invoke('sale:refund', { saleId, pin: '0002', amount: 100 })).toMatchObject({ ok: false, error: { code: 'pin_invalid', data: { remaining: 2 } } });
      expect(await app.invoke('reports:listZ', { pin: '0003' })).toMatchObject({ ok: false, error: { code: 'pin_invalid', data: { remaining: 1 } } });
      expect(await app.invoke('sale:void', { saleId, pin: '0004' })).toMatchObject({ ok: false, error: { code: 'pin_locked' } });
      expect(await app.invoke('sale:refund', { saleId, pin: '482913', amount: 100 })).toMatchObject({ ok: false, error: { code: 'pin_locked' } });
      expect(await app.invoke('settings:update', { pin: '482913', shopName: 'Y' })).toMatchObject({ ok: false, error: { code: 'pin_locked' } });
      expect(await app.invoke('sale:cancel', { saleId })).toMatchObject({ ok: true, value: { status: 'cancelled' } });
    } finally {
      await apps.closeAll();
      await sandbox.stop();
    }
  });
});
