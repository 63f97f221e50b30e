// What the customer display reports about the hosted checkout, against a real sandbox: whether the current
// sale's checkout page lets the display's origin frame it (its headers, read with HEAD), never for a sale
// the display is not showing; and a fallback is logged once per sale and reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sale } from '../../../shared';
import { startSandbox, type Sandbox } from '../../../sandbox/index';
import type { TerminalApp } from '../../../electron/app/terminal-app';
import { terminalApps } from '../../support/terminal-app';

const DISPLAY_ORIGIN = 'http://127.0.0.1:5173';
let sandbox: Sandbox;
let app: TerminalApp;
const apps = terminalApps('display-checkout', { scope: 'file' });

beforeAll(async () => {
  sandbox = await startSandbox({ country: 'SG', quiet: true });
  app = await apps.configured(sandbox, { captureLog: 'warn', pollIntervalMs: 0 });
});
afterAll(async () => {
  await apps.closeAll();
  await sandbox?.stop();
});

describe('display:checkoutFraming and display:checkoutFallback', () => {
  it('reads the current sale\'s page headers for the display\'s origin; anything else is unknown or refused', async () => {
    const started = await app.invoke('sale:start', { amount: 2500, currency: 'SGD' });
    if (!started.ok) throw new Error(JSON.stringify(started.error));
    const sale = started.value as Sale;
    await expect
      .poll(async () => {
        const shown = await app.invoke('display:get', {}, 'display');
        return shown.ok ? (shown.value as { screen: string; checkout?: string }).checkout : null;
      })
      .toBe('hosted');
    const ask = (origin: string, saleId = sale.id) => app.invoke('display:checkoutFraming', { saleId, origin }, 'display');
    expect(await ask(DISPLAY_ORIGIN)).toEqual({ ok: true, value: { framing: 'allowed' } });
    // A tablet on the LAN is not among the sandbox's frame-ancestors.
    expect(await ask('http://192.168.1.20:5173')).toEqual({ ok: true, value: { framing: 'refused' } });
    sandbox.setFraming('deny');
    try {
      expect(await ask(DISPLAY_ORIGIN)).toEqual({ ok: true, value: { framing: 'refused' } });
    } finally {
      sandbox.setFraming('loopback');
    }
    // Not the sale on the display: nothing is fetched.
    expect(await ask(DISPLAY_ORIGIN, 'sale_0000000000aaaaaaaaaa')).toEqual({ ok: true, value: { framing: 'unknown' } });
    expect(await ask('javascript:alert(1)')).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    const report = (reason: string, saleId = sale.id) => app.invoke('display:checkoutFallback', { saleId, reason }, 'display');
    expect(await report('frame_refused')).toEqual({ ok: true, value: { logged: true } });
    expect(await report('frame_refused')).toEqual({ ok: true, value: { logged: false } });
    expect(await report('load_timeout')).toEqual({ ok: true, value: { logged: true } });
    expect(await report('frame_refused', 'sale_0000000000aaaaaaaaaa')).toEqual({ ok: true, value: { logged: false } });
    expect(await report('anything')).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const logged = apps.log().split('\n').filter((l) => l.includes('fell back to the QR'));
    expect(logged.map((l) => (JSON.parse(l) as { reason: string }).reason)).toEqual(['frame_refused', 'load_timeout']);
  });
});
