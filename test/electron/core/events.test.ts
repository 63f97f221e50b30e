// Relay events: duplicates, out of order, unknown charges, and pushed bodies that lie (the API wins).
import { afterEach, describe, expect, it } from 'vitest';
import type { Sale } from '../../../shared';
import { API_VERSIONS } from '../../../sandbox/index';
import { fingerprint } from '../../support/sqlite';
import type { Rig } from './harness';
import { relayEventOf, startRig } from './harness';

let rig: Rig | null = null;
afterEach(async () => {
  await rig?.stop();
  rig = null;
});

const processedCount = (r: Rig): number => fingerprint(r.dbPath).counts.processed_events ?? 0;
const allSales = (r: Rig): string => JSON.stringify(r.core.store.sales.list({ limit: 1000 }));

// Webhooks come in the ACCOUNT's API version: every case runs for each version KakaoPay accepts.
describe.each(API_VERSIONS)('relay events (account on API %s)', (apiVersion) => {
  it('a duplicate is a no-op; the cursor still covers it', async () => {
    rig = await startRig({ apiVersion });
    const sale = await rig.core.startSale({ amount: 1000, currency: 'SGD' });
    await rig.sandbox.completeCharge(sale.chargeId ?? '', 'successful');
    const [complete] = (await rig.eventsFor(sale.chargeId ?? '')).filter((e) => e.eventKey === 'charge.complete');
    if (!complete) throw new Error('no charge.complete event');
    const changes: Sale[] = [];
    rig.core.onSaleChanged((s) => changes.push(s));
    await rig.core.handleRelayEvent(complete);
    const after = fingerprint(rig.dbPath);
    await rig.core.handleRelayEvent(complete);
    expect(fingerprint(rig.dbPath)).toEqual(after);
    await rig.core.handleRelayEvent({ ...complete, seq: complete.seq + 10 });
    expect(rig.core.relayCursor()).toBe(complete.seq + 10);
    expect(changes.map((s) => s.status)).toEqual(['successful']);
    expect(processedCount(rig)).toBe(1);
  });

  it('out of order: an older event after the final one changes nothing (the API says successful)', async () => {
    rig = await startRig({ apiVersion });
    const sale = await rig.core.startSale({ amount: 1000, currency: 'SGD' });
    await rig.sandbox.completeCharge(sale.chargeId ?? '', 'successful');
    const events = await rig.eventsFor(sale.chargeId ?? '');
    expect(events.map((e) => e.eventKey)).toEqual(['charge.create', 'charge.complete']);
    for (const ev of [...events].reverse()) await rig.core.handleRelayEvent(ev);
    // A pending-looking body (as a charge.create would carry) replayed late.
    const stale = relayEventOf({ object: 'event', id: 'evnt_test_stale0000000000000', livemode: false, location: '/events/x', key: 'charge.create', created_at: '2020-01-01T00:00:00Z', data: { object: 'charge', id: sale.chargeId, status: 'pending' } });
    await rig.core.handleRelayEvent(stale);
    expect(rig.core.getReceipt(sale.id).sale.status).toBe('successful');
    expect(rig.core.relayCursor()).toBe(stale.seq);
  });

  it('a pushed body whose status disagrees with the API: the API wins', async () => {
    rig = await startRig({ apiVersion });
    const sale = await rig.core.startSale({ amount: 1000, currency: 'SGD' });
    await rig.sandbox.completeCharge(sale.chargeId ?? '', { failureCode: 'payment_rejected' });
    const [real] = (await rig.eventsFor(sale.chargeId ?? '')).filter((e) => e.eventKey === 'charge.complete');
    const body = JSON.parse(real?.rawBody ?? '{}') as { data: Record<string, unknown> };
    body.data.status = 'successful';
    body.data.paid = true;
    if (!real) throw new Error('no charge.complete event');
    const forged = { ...real, rawBody: JSON.stringify(body) };
    await rig.core.handleRelayEvent(forged);
    expect(rig.core.getReceipt(sale.id).sale).toMatchObject({ status: 'failed', failureCode: 'payment_rejected', paidAt: null });
  });

  it('an event for a charge this terminal does not know: recorded, nothing else changes', async () => {
    rig = await startRig({ apiVersion });
    const mine = await rig.core.startSale({ amount: 1000, currency: 'SGD' });
    // A charge made by someone else on the same account (another terminal).
    const res = await fetch(`${rig.sandbox.baseUrl}/charges`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from(`${rig.sandbox.secretKey}:`).toString('base64')}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ amount: 5000, currency: 'SGD', return_uri: 'https://x.example/r', source: { type: 'kakaopay', platform_type: 'WEB' }, metadata: { terminal_id: 'OTHER', store_id: 'S1', sale_id: mine.id } }),
    });
    const other = (await res.json()) as { id: string };
    await rig.sandbox.completeCharge(other.id, 'successful');
    const salesBefore = allSales(rig);
    const processedBefore = processedCount(rig);
    const foreign = await rig.eventsFor(other.id);
    for (const ev of foreign) await rig.core.handleRelayEvent(ev);
    expect(allSales(rig)).toBe(salesBefore);
    // Each foreign event is recorded as processed (never retried), and nothing else changes.
    expect(foreign.length).toBeGreaterThanOrEqual(1);
    expect(processedCount(rig)).toBe(processedBefore + foreign.length);
    // An event naming a charge Opn has never heard of (404): recorded, not retried forever.
    const ghost = relayEventOf({ object: 'event', id: 'evnt_test_ghost000000000000', livemode: false, location: '/events/g', key: 'charge.complete', created_at: '2026-01-01T00:00:00Z', data: { object: 'charge', id: 'chrg_test_doesnotexist0000000', status: 'successful' } });
    await rig.core.handleRelayEvent(ghost);
    expect(rig.core.relayCursor()).toBe(ghost.seq);
    // And a body that is not an Opn event at all, or an event about a refund: cursor only.
    const junk = relayEventOf({ id: 'evnt_junk', key: 'charge.complete', nonsense: true });
    await rig.core.handleRelayEvent(junk);
    expect(rig.core.relayCursor()).toBe(junk.seq);
    expect(allSales(rig)).toBe(salesBefore);
  });

  it('the response to POST /charges was lost and the completion event arrives first: the charge is adopted', async () => {
    rig = await startRig({ apiVersion, sandbox: { idempotency: false }, core: { tuning: { settleMs: 300 } } });
    // Simulate the window between the lost response and the search: make the search fail once.
    rig.sandbox.faults.inject({ method: 'POST', path: '/charges', dropAfterCommit: true, times: 1 });
    rig.sandbox.faults.inject({ method: 'GET', path: '/charges', status: 503, times: 100 });
    await expect(rig.core.startSale({ amount: 1000, currency: 'SGD' })).rejects.toMatchObject({ code: 'opn_unavailable' });
    rig.sandbox.faults.clear();
    const [sale] = rig.core.listSales({});
    expect(sale?.status).toBe('creating');
    const [charge] = rig.chargesForSale(sale?.id ?? '');
    await rig.sandbox.completeCharge(charge?.id ?? '', 'successful');
    for (const ev of await rig.eventsFor(charge?.id ?? '')) await rig.core.handleRelayEvent(ev);
    expect(rig.core.getReceipt(sale?.id ?? '').sale).toMatchObject({ status: 'successful', chargeId: charge?.id });
    expect(rig.chargesForSale(sale?.id ?? '')).toHaveLength(1);
  });

  it('a later event says successful for a sale the terminal already cancelled: needs attention, never lost', async () => {
    rig = await startRig({ apiVersion });
    const sale = await rig.core.startSale({ amount: 1000, currency: 'SGD' });
    // The customer pays; the cashier's cancel was recorded locally before any word of it arrived.
    await rig.sandbox.completeCharge(sale.chargeId ?? '', 'successful');
    rig.core.store.transaction(() => rig?.core.store.sales.update(sale.id, { status: 'cancelled' }, new Date().toISOString()));
    for (const ev of await rig.eventsFor(sale.chargeId ?? '')) await rig.core.handleRelayEvent(ev);
    const after = rig.core.getReceipt(sale.id).sale;
    expect(after.status).toBe('needs_attention');
    expect(after.attentionReason).toMatch(/paid after/);
    expect(after.paidAt).not.toBeNull();
    const accepted = await rig.core.resolveAttention({ saleId: sale.id, action: 'accept' });
    expect(accepted.sale.status).toBe('successful');
  });

  it('a jump the state machine does not allow (reversed at Opn while the sale looked pending): needs attention', async () => {
    rig = await startRig({ apiVersion, sandbox: { allowManualCapture: true }, core: { terminal: { terminalId: 'T1', storeId: 'S1', country: 'SG', returnUri: 'https://shop.example/return', captureMode: 'manual' } } });
    const sale = await rig.core.startSale({ amount: 1000, currency: 'SGD' });
    await rig.sandbox.completeCharge(sale.chargeId ?? '', 'successful');
    await fetch(`${rig.sandbox.baseUrl}/charges/${sale.chargeId}/reverse`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from(`${rig.sandbox.secretKey}:`).toString('base64')}` },
    });
    rig.core.setRelayHealthy(false);
    await rig.core.tick();
    const after = rig.core.getReceipt(sale.id).sale;
    expect(after.status).toBe('needs_attention');
    expect(after.attentionReason).toMatch(/reversed/);
    // No longer open: the next tick leaves it alone.
    expect(rig.core.store.sales.listOpen()).toHaveLength(0);
  });
});
