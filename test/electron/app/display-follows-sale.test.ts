// The customer display follows the sales the payment core emits, not the `sale:start` handler: one
// `display:changed` per sale state over a whole sale (started → waiting → paid / cancelled / expired /
// failed), and a relay event that settles the sale between the commit and the handler's return never
// leaves the display on a stale QR. Real sandbox over HTTP, real SQLite, the app's own gate.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CustomerDisplayState, Sale } from '../../../shared';
import type { PaymentCore } from '../../../electron/core';
import { startSandbox, type Sandbox } from '../../../sandbox/index';
import type { TerminalApp } from '../../../electron/app/terminal-app';
import { relayEventOf } from '../core/harness';
import { terminalApps, value } from '../../support/terminal-app';

let sandbox: Sandbox;
const apps = terminalApps('display-follows');

// One sandbox per test: the expiry test moves its clock.
beforeEach(async () => {
  sandbox = await startSandbox({ country: 'SG', quiet: true });
});
afterEach(async () => {
  await apps.closeAll();
  await sandbox.stop();
});

/** A configured app (recovery done) and every display change from here on. */
async function configured(): Promise<{ app: TerminalApp; seen: CustomerDisplayState[]; core: PaymentCore }> {
  const app = await apps.configured(sandbox, { pollIntervalMs: 0, displayHoldMs: 60_000 });
  const seen: CustomerDisplayState[] = [];
  app.events.on('display:changed', (s) => seen.push(s));
  return { app, seen, core: app.runtime.core() };
}

const screens = (seen: readonly CustomerDisplayState[]) => seen.map((s) => ('saleId' in s ? `${s.screen}:${s.saleId}` : s.screen));

/** Relays every event the sandbox emitted about the charge, as the forwarder would. */
async function relay(core: PaymentCore, chargeId: string): Promise<void> {
  const res = await fetch(`${sandbox.baseUrl}/charges/${chargeId}/events?limit=100`, { headers: { Authorization: `Basic ${Buffer.from(`${sandbox.secretKey}:`).toString('base64')}` } });
  const list = (await res.json()) as { data: (Record<string, unknown> & { id: string; key: string })[] };
  for (const body of list.data) await core.handleRelayEvent(relayEventOf(body));
}

describe('the customer display follows the core', () => {
  it('start → waiting → paid: one display change per sale state', async () => {
    const { app, seen, core } = await configured();
    const sale = await value<Sale>(app.invoke('sale:start', { amount: 2500, currency: 'SGD' }));
    expect(screens(seen)).toEqual(['idle', `pending:${sale.id}`]);
    await sandbox.completeCharge(sale.chargeId!, 'successful');
    await relay(core, sale.chargeId!);
    expect(screens(seen)).toEqual(['idle', `pending:${sale.id}`, `paid:${sale.id}`]);
    expect(seen[1]).toMatchObject({ authorizeUri: sale.authorizeUri, amount: 2500, expiresAt: sale.expiresAt });
  });

  it('cancelled, failed and expired: one change each, after the same two', async () => {
    const { app, seen, core } = await configured();
    const a = await value<Sale>(app.invoke('sale:start', { amount: 1100, currency: 'SGD' }));
    await value(app.invoke('sale:cancel', { saleId: a.id }));
    const b = await value<Sale>(app.invoke('sale:start', { amount: 1200, currency: 'SGD' }));
    await sandbox.completeCharge(b.chargeId!, { failureCode: 'payment_rejected' });
    await relay(core, b.chargeId!);
    const c = await value<Sale>(app.invoke('sale:start', { amount: 1300, currency: 'SGD' }));
    // The QR's lifetime passes at Opn; the poll finds the charge expired.
    await sandbox.clock.advance(Date.parse(c.expiresAt!) - sandbox.clock.now().getTime() + 60_000);
    await core.tick();
    expect(screens(seen)).toEqual([
      'idle', `pending:${a.id}`, `cancelled:${a.id}`,
      'idle', `pending:${b.id}`, `failed:${b.id}`,
      'idle', `pending:${c.id}`, `expired:${c.id}`,
    ]);
    expect(seen[5]).toMatchObject({ failureCode: 'payment_rejected' });
  });

  it('a relay event that pays the sale between the commit and the handler resuming: the display shows paid, never the stale QR', async () => {
    const { app, seen, core } = await configured();
    // The core commits `pending` and returns it; before the handler gets that answer, the customer pays
    // and the forwarder's event is processed (the race the old handler lost: it re-showed the QR).
    const startSale = core.startSale.bind(core);
    core.startSale = async (input) => {
      const committed = await startSale(input);
      await sandbox.completeCharge(committed.chargeId!, 'successful');
      await relay(core, committed.chargeId!);
      return committed;
    };
    const answer = await value<Sale>(app.invoke('sale:start', { amount: 4200, currency: 'SGD' }));
    expect(answer.status).toBe('pending');
    expect(await value<CustomerDisplayState>(app.invoke('display:get', {}))).toMatchObject({ screen: 'paid', saleId: answer.id });
    expect(screens(seen)).toEqual(['idle', `pending:${answer.id}`, `paid:${answer.id}`]);
    expect(await value<Sale>(app.invoke('sale:current', {}))).toMatchObject({ id: answer.id, status: 'successful' });
  });

  it('a refused start (below the minimum) leaves the display as it was', async () => {
    const { app, seen } = await configured();
    expect(await app.invoke('sale:start', { amount: 1, currency: 'SGD' })).toMatchObject({ ok: false });
    expect(seen).toEqual([]);
  });
});
