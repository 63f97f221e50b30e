// Faults injected by the real sandbox: error statuses, lost responses, latency past the timeout.
import { afterEach, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { CoreError, createLogger } from '../../../electron/core/index';
import type { Rig } from './harness';
import { startRig } from './harness';

let rig: Rig | null = null;
afterEach(async () => {
  await rig?.stop();
  rig = null;
});

const codeOf = (p: Promise<unknown>) => p.then(() => 'resolved', (e: unknown) => (e instanceof CoreError ? e.code : `untyped: ${String(e)}`));

describe('faults', () => {
  it.each([
    [500, false],
    [503, false],
    [429, false],
    [500, true],
  ] as const)('POST /charges answered %i once (idempotency %s), then success: one pending charge', async (status, idempotency) => {
    rig = await startRig({ sandbox: { idempotency } });
    rig.sandbox.faults.inject({ method: 'POST', path: '/charges', status, times: 1 });
    // Record what goes on the wire: every attempt must be byte-identical under the same key.
    const sent: string[] = [];
    const realFetch = globalThis.fetch;
    globalThis.fetch = (input: string | URL | Request, init?: RequestInit) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (init?.method === 'POST' && url.endsWith('/charges')) sent.push(`${JSON.stringify(init.headers)}|${typeof init.body === 'string' ? init.body : ''}`);
      return realFetch(input, init);
    };
    let sale;
    try {
      sale = await rig.core.startSale({ amount: 1000, currency: 'SGD' });
    } finally {
      globalThis.fetch = realFetch;
    }
    expect(sale.status).toBe('pending');
    expect(rig.chargesForSale(sale.id)).toHaveLength(1);
    expect(rig.chargesForSale(sale.id)[0]?.id).toBe(sale.chargeId);
    expect(sent).toHaveLength(2);
    expect(sent[1]).toBe(sent[0]);
  });

  it('GETs are retried through 500/503/429', async () => {
    rig = await startRig();
    rig.core.setRelayHealthy(false);
    const sale = await rig.core.startSale({ amount: 1000, currency: 'SGD' });
    await rig.sandbox.completeCharge(sale.chargeId ?? '', 'successful');
    for (const status of [500, 503, 429] as const) rig.sandbox.faults.inject({ method: 'GET', path: '/charges/', status, times: 1 });
    await rig.core.tick();
    expect(rig.core.getReceipt(sale.id).sale.status).toBe('successful');
  });

  it.each([true, false])('response lost after the charge was created (idempotency %s): exactly one charge', async (idempotency) => {
    rig = await startRig({ sandbox: { idempotency } });
    rig.sandbox.faults.inject({ method: 'POST', path: '/charges', dropAfterCommit: true, times: 1 });
    const sale = await rig.core.startSale({ amount: 1000, currency: 'SGD' });
    const charges = rig.chargesForSale(sale.id);
    expect(charges).toHaveLength(1);
    expect(sale).toMatchObject({ status: 'pending', chargeId: charges[0]?.id, authorizeUri: charges[0]?.authorize_uri });
    expect(rig.sandbox.charges()).toHaveLength(1);
  });

  it.each([false, true])('latency past the timeout (idempotency %s): searched for until settled, then sent again once; one charge', async (idempotency) => {
    rig = await startRig({ sandbox: { idempotency }, timeoutMs: 300, core: { tuning: { settleMs: 1_500 } } });
    rig.sandbox.faults.inject({ method: 'POST', path: '/charges', latencyMs: 900, times: 1 });
    const lists: number[] = [];
    const started = Date.now();
    const listCharges = rig.core.opn.listCharges.bind(rig.core.opn);
    rig.core.opn.listCharges = (p) => {
      lists.push(Date.now() - started);
      return listCharges(p);
    };
    const sale = await rig.core.startSale({ amount: 1000, currency: 'SGD' });
    expect(sale.status).toBe('pending');
    expect(rig.chargesForSale(sale.id)).toHaveLength(1);
    // It looked more than once, for longer than the injected latency, before the second POST.
    expect(lists.length).toBeGreaterThan(1);
    expect(lists[lists.length - 1]).toBeGreaterThanOrEqual(900);
  });

  it('refund response lost: the refund is found by its id in metadata, not sent again', async () => {
    rig = await startRig({ sandbox: { idempotency: false } });
    const sale = await rig.core.startSale({ amount: 1000, currency: 'SGD' });
    await rig.sandbox.completeCharge(sale.chargeId ?? '', 'successful');
    for (const ev of await rig.eventsFor(sale.chargeId ?? '')) await rig.core.handleRelayEvent(ev);
    rig.sandbox.faults.inject({ method: 'POST', path: `/charges/${sale.chargeId}/refunds`, dropAfterCommit: true, times: 1 });
    const receipt = await rig.core.refund({ saleId: sale.id, amount: 400 });
    expect(receipt.sale).toMatchObject({ status: 'partially_refunded', refundedAmount: 400 });
    expect(receipt.refunds).toMatchObject([{ amount: 400, status: 'succeeded' }]);
    expect(rig.chargesForSale(sale.id)[0]?.refunded_amount).toBe(400);
  });

  it('Opn unreachable: the sale fails as never created, with a typed error', async () => {
    rig = await startRig();
    const core = rig.core;
    await rig.sandbox.stop();
    const before = core.store.sales.count();
    expect(await codeOf(core.startSale({ amount: 1000, currency: 'SGD' }))).toBe('opn_unavailable');
    const [sale] = core.listSales({});
    expect(core.store.sales.count()).toBe(before + 1);
    expect(sale).toMatchObject({ status: 'failed', failureCode: 'opn_unavailable', chargeId: null });
  });

  it('start-up reconciliation that fails keeps sales refused, and the tick retries it', async () => {
    rig = await startRig({ core: { tuning: { settleMs: 300 } } });
    rig.sandbox.faults.inject({ method: 'POST', path: '/charges', dropAfterCommit: true, times: 1 });
    rig.sandbox.faults.inject({ method: 'GET', path: '/charges', status: 503, times: 1_000 });
    expect(await codeOf(rig.core.startSale({ amount: 1000, currency: 'SGD' }))).toBe('opn_unavailable');
    const [left] = rig.core.listSales({});
    expect(left?.status).toBe('creating');
    const restarted = rig.reopen();
    expect(await codeOf(restarted.recover())).toBe('opn_unavailable');
    expect(await codeOf(restarted.startSale({ amount: 1000, currency: 'SGD' }))).toBe('recovering');
    rig.sandbox.faults.clear();
    await restarted.tick();
    expect(restarted.getReceipt(left?.id ?? '').sale).toMatchObject({ status: 'pending', chargeId: rig.chargesForSale(left?.id ?? '')[0]?.id });
    expect((await restarted.startSale({ amount: 1000, currency: 'SGD' })).status).toBe('pending');
  });

  it('logs of a faulty sale never contain the secret key or the Basic header', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, cb) {
        lines.push(chunk.toString());
        cb();
      },
    });
    rig = await startRig({ core: { logger: createLogger({ destination: sink, level: 'debug' }) } });
    rig.sandbox.faults.inject({ method: 'POST', path: '/charges', status: 500, times: 1 });
    rig.sandbox.faults.inject({ method: 'POST', path: '/charges', dropAfterCommit: true, times: 1 });
    await rig.core.startSale({ amount: 1000, currency: 'SGD' });
    const out = lines.join('');
    expect(out).toMatch(/POST \/charges failed/);
    expect(out).not.toContain(rig.sandbox.secretKey);
    expect(out).not.toContain(Buffer.from(`${rig.sandbox.secretKey}:`).toString('base64'));
  });

  it('a refund whose outcome could not be checked stays open, blocks double refunds, and the tick settles it', async () => {
    rig = await startRig({ sandbox: { voidCutoff: null }, core: { tuning: { settleMs: 10_000 } } });
    const sale = await rig.core.startSale({ amount: 1000, currency: 'SGD' });
    await rig.sandbox.completeCharge(sale.chargeId ?? '', 'successful');
    for (const ev of await rig.eventsFor(sale.chargeId ?? '')) await rig.core.handleRelayEvent(ev);
    rig.sandbox.faults.inject({ method: 'POST', path: `/charges/${sale.chargeId}/refunds`, dropAfterCommit: true, times: 1 });
    rig.sandbox.faults.inject({ method: 'GET', path: `/charges/${sale.chargeId}/refunds`, status: 503, times: 1_000 });
    expect(await codeOf(rig.core.refund({ saleId: sale.id, amount: 1000 }))).toBe('opn_unavailable');
    expect(rig.core.getReceipt(sale.id).refunds).toMatchObject([{ status: 'creating', amount: 1000 }]);
    // The outcome is unknown, so the money counts as spoken for: no second refund can be started.
    expect(await codeOf(rig.core.refund({ saleId: sale.id, amount: 1 }))).toBe('refund_exceeds');
    rig.sandbox.faults.clear();
    await rig.core.tick();
    expect(rig.core.getReceipt(sale.id).refunds[0]?.status).toBe('creating');
    await rig.sandbox.clock.advance(11_000);
    await rig.core.tick();
    const after = rig.core.getReceipt(sale.id);
    expect(after.refunds).toMatchObject([{ status: 'succeeded', amount: 1000 }]);
    expect(after.sale).toMatchObject({ status: 'refunded', refundedAmount: 1000 });
    expect(rig.chargesForSale(sale.id)[0]?.refunded_amount).toBe(1000);
  });
});
