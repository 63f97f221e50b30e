// The cashier never loses a sale: `sale:current` answers the terminal's current sale from the receipt
// log (the one the customer display follows), and a sale left pending by a crash comes back on the
// display with its QR and countdown after a restart, then settles on both. Real sandbox, real SQLite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CustomerDisplayState, Sale } from '../../../shared';
import { startSandbox, type Sandbox } from '../../../sandbox/index';
import type { TerminalApp } from '../../../electron/app/terminal-app';
import { tempDir } from '../../support/temp';
import { TEST_PIN, terminalApps, value } from '../../support/terminal-app';

const PIN = TEST_PIN;
let sandbox: Sandbox;
const apps = terminalApps('current-sale');

beforeAll(async () => {
  sandbox = await startSandbox({ country: 'SG', quiet: true });
});
afterAll(async () => {
  await sandbox.stop();
});

const open = (dataDir: string): Promise<TerminalApp> => apps.open({ dataDir, pollIntervalMs: 0 });

async function configured(): Promise<{ app: TerminalApp; dir: string }> {
  const dir = tempDir('current-sale').dir;
  return { app: await apps.configured(sandbox, { dataDir: dir, pollIntervalMs: 0 }), dir };
}

async function recovered(app: TerminalApp): Promise<void> {
  await expect.poll(async () => (await value<{ recovering: boolean }>(app.invoke('app:info', {}))).recovering).toBe(false);
}

describe('the terminal current sale', () => {
  it('is null before any sale, the open sale while waiting, its result while the display shows it', async () => {
    const { app } = await configured();
    expect(await app.invoke('sale:current', {})).toEqual({ ok: true, value: null });
    expect(await app.invoke('sale:current', {}, 'display')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const sale = await value<Sale>(app.invoke('sale:start', { amount: 2500, currency: 'SGD' }));
    expect(await value<Sale>(app.invoke('sale:current', {}))).toMatchObject({ id: sale.id, status: 'pending', authorizeUri: sale.authorizeUri });
    await sandbox.completeCharge(sale.chargeId!, 'successful');
    await app.runtime.core().tick();
    expect(await value<Sale>(app.invoke('sale:current', {}))).toMatchObject({ id: sale.id, status: 'successful' });
  });

  it('after a crash mid-payment: the restarted terminal shows the same QR and countdown, answers it as current, and it can still be paid', async () => {
    const { app, dir } = await configured();
    const sale = await value<Sale>(app.invoke('sale:start', { amount: 4200, currency: 'SGD' }));
    // The process dies: nothing is cancelled or expired on the way out.
    await apps.closeAll();
    const again = await open(dir);
    const shown = await value<CustomerDisplayState>(again.invoke('display:get', {}, 'display'));
    expect(shown).toMatchObject({ screen: 'pending', saleId: sale.id, amount: 4200, authorizeUri: sale.authorizeUri, expiresAt: sale.expiresAt });
    expect(await value<Sale>(again.invoke('sale:current', {}))).toMatchObject({ id: sale.id, status: 'pending' });
    await recovered(again);
    // An open sale is still open: settings that rebuild the core wait for it.
    expect(await again.invoke('settings:update', { pin: PIN, terminalId: 'counter-2' })).toMatchObject({ ok: false, error: { code: 'sale_open' } });
    const seen: CustomerDisplayState[] = [];
    again.events.on('display:changed', (s) => seen.push(s));
    await sandbox.completeCharge(sale.chargeId!, 'successful');
    await again.runtime.core().tick();
    expect(seen.at(-1)).toMatchObject({ screen: 'paid', saleId: sale.id });
    expect(await value<Sale>(again.invoke('sale:current', {}))).toMatchObject({ id: sale.id, status: 'successful' });
  });

  it('after a crash, the recovered sale can be cancelled instead: expired at Opn, cancelled on the display', async () => {
    const { app, dir } = await configured();
    const sale = await value<Sale>(app.invoke('sale:start', { amount: 1800, currency: 'SGD' }));
    await apps.closeAll();
    const again = await open(dir);
    await recovered(again);
    expect(await value<Sale>(again.invoke('sale:cancel', { saleId: sale.id }))).toMatchObject({ status: 'cancelled' });
    expect(await value<CustomerDisplayState>(again.invoke('display:get', {}))).toMatchObject({ screen: 'cancelled', saleId: sale.id });
    expect(sandbox.charges().find((c) => c.id === sale.chargeId)).toMatchObject({ status: 'expired' });
  });
});
