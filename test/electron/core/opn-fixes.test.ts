// Issue 10, point 6: refunds routed and settled by their events, `voided` from Opn's answer, only Opn's
// own not_found error counts as an unknown charge, and a second charge refunded by its own id.
import { afterEach, describe, expect, it } from 'vitest';
import type { Rig } from './harness';
import { startRig } from './harness';
import { fingerprint } from '../../support/sqlite';

let rig: Rig | null = null;
afterEach(async () => {
  await rig?.stop();
  rig = null;
});

const processed = (r: Rig): number => fingerprint(r.dbPath).counts.processed_events ?? 0;
const auth = (r: Rig) => ({ Authorization: `Basic ${Buffer.from(`${r.sandbox.secretKey}:`).toString('base64')}`, 'Content-Type': 'application/json' });

async function paidSale(r: Rig, amount = 1000) {
  const sale = await r.core.startSale({ amount, currency: 'SGD' });
  await r.sandbox.completeCharge(sale.chargeId ?? '', 'successful');
  for (const ev of await r.eventsFor(sale.chargeId ?? '')) await r.core.handleRelayEvent(ev);
  expect(r.core.getReceipt(sale.id).sale.status).toBe('successful');
  return sale;
}

describe('refunds and their events', () => {
  it("a refund's metadata names the terminal, and its refund.create event settles a refund whose answer was lost", async () => {
    rig = await startRig({ sandbox: { voidCutoff: null } });
    const sale = await paidSale(rig);
    // The refund is made at Opn but its answer is lost, and the look-up fails too: the row stays open.
    rig.sandbox.faults.inject({ method: 'POST', path: `/charges/${sale.chargeId}/refunds`, dropAfterCommit: true });
    rig.sandbox.faults.inject({ method: 'GET', path: `/charges/${sale.chargeId}/refunds`, status: 503, times: 10 });
    await expect(rig.core.refund({ saleId: sale.id, amount: 400 })).rejects.toMatchObject({ code: 'opn_unavailable' });
    rig.sandbox.faults.clear();
    expect(rig.core.getReceipt(sale.id).refunds.map((r) => r.status)).toEqual(['creating']);
    const opnRefund = rig.sandbox.charges().find((c) => c.id === sale.chargeId)?.refunds?.data[0];
    // The forwarder routes by data.metadata.terminal_id: a refund event now reaches this terminal.
    expect(opnRefund?.metadata).toMatchObject({ terminal_id: 'T1', store_id: 'S1', sale_id: sale.id });
    const refundEvents = (await rig.eventsFor(sale.chargeId ?? '')).filter((e) => e.eventKey === 'refund.create');
    expect(refundEvents).toHaveLength(1);
    for (const ev of refundEvents) await rig.core.handleRelayEvent(ev);
    const after = rig.core.getReceipt(sale.id);
    expect(after.refunds).toMatchObject([{ status: 'succeeded', opnRefundId: opnRefund?.id, amount: 400 }]);
    expect(after.sale).toMatchObject({ status: 'partially_refunded', refundedAmount: 400 });
  });

  it('a full refund Opn answers as a void (inside the void window) makes the sale voided', async () => {
    rig = await startRig();
    const sale = await paidSale(rig);
    const receipt = await rig.core.refund({ saleId: sale.id, amount: 1000 });
    expect(receipt.sale.status).toBe('voided');
    expect(receipt.refunds[0]?.voided).toBe(true);
  });
});

describe('unknown charge', () => {
  it.each([404, 502] as const)('a proxy %i (not Opn\'s not_found) leaves the event unacknowledged for retry', async (proxyStatus) => {
    rig = await startRig();
    const sale = await rig.core.startSale({ amount: 1000, currency: 'SGD' });
    await rig.sandbox.completeCharge(sale.chargeId ?? '', 'successful');
    const [complete] = (await rig.eventsFor(sale.chargeId ?? '')).filter((e) => e.eventKey === 'charge.complete');
    if (!complete) throw new Error('no charge.complete');
    const cursor = rig.core.relayCursor();
    rig.sandbox.faults.inject({ method: 'GET', path: `/charges/${sale.chargeId}`, proxyStatus, times: Infinity });
    await expect(rig.core.handleRelayEvent(complete)).rejects.toBeDefined();
    expect(processed(rig)).toBe(0);
    expect(rig.core.relayCursor()).toBe(cursor);
    expect(rig.core.getReceipt(sale.id).sale.status).toBe('pending');
    rig.sandbox.faults.clear();
    await rig.core.handleRelayEvent(complete);
    expect(rig.core.getReceipt(sale.id).sale.status).toBe('successful');
  });
});

describe('a second charge for one sale', () => {
  it('is stored in its own column and refunded by its own id; the first charge keeps its money', async () => {
    rig = await startRig({ sandbox: { voidCutoff: null } });
    const sale = await paidSale(rig);
    // A second charge naming the same sale (a late request Opn created after all), paid by the customer.
    const res = await fetch(`${rig.sandbox.baseUrl}/charges`, {
      method: 'POST',
      headers: auth(rig),
      body: JSON.stringify({ amount: 1000, currency: 'SGD', return_uri: 'https://shop.example/return', source: { type: 'kakaopay', platform_type: 'WEB' }, metadata: { terminal_id: 'T1', store_id: 'S1', sale_id: sale.id } }),
    });
    const second = (await res.json()) as { id: string };
    await rig.sandbox.completeCharge(second.id, 'successful');
    for (const ev of await rig.eventsFor(second.id)) await rig.core.handleRelayEvent(ev);
    const flagged = rig.core.getReceipt(sale.id).sale;
    expect(flagged).toMatchObject({ status: 'needs_attention', chargeId: sale.chargeId, secondChargeId: second.id });
    expect(rig.core.store.sales.byChargeId(second.id)?.id).toBe(sale.id);

    const resolved = await rig.core.resolveAttention({ saleId: sale.id, action: 'refund' });
    const charges = new Map(rig.sandbox.charges().map((c) => [c.id, c]));
    expect(charges.get(second.id)?.refunded_amount).toBe(1000);
    expect(charges.get(sale.chargeId ?? '')?.refunded_amount).toBe(0);
    expect(resolved.refunds).toMatchObject([{ chargeId: second.id, status: 'succeeded', amount: 1000 }]);
    expect(resolved.sale).toMatchObject({ status: 'successful', refundedAmount: 0, secondChargeId: second.id });
  });

  it('a paid second charge for a sale already voided: recorded in its column, the event acknowledged, the sale stays voided', async () => {
    rig = await startRig();
    const sale = await paidSale(rig);
    expect((await rig.core.voidSale(sale.id)).sale.status).toBe('voided');
    const res = await fetch(`${rig.sandbox.baseUrl}/charges`, {
      method: 'POST',
      headers: auth(rig),
      body: JSON.stringify({ amount: 1000, currency: 'SGD', return_uri: 'https://shop.example/return', source: { type: 'kakaopay', platform_type: 'WEB' }, metadata: { terminal_id: 'T1', store_id: 'S1', sale_id: sale.id } }),
    });
    const second = (await res.json()) as { id: string };
    await rig.sandbox.completeCharge(second.id, 'successful');
    const before = processed(rig);
    for (const ev of await rig.eventsFor(second.id)) await rig.core.handleRelayEvent(ev);
    expect(processed(rig)).toBeGreaterThan(before);
    expect(rig.core.getReceipt(sale.id).sale).toMatchObject({ status: 'voided', secondChargeId: second.id });
  });
});
