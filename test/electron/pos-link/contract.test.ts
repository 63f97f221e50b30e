// Every endpoint of the POS link against the real sandbox and core, each answer validated against the
// OpenAPI document the server serves (generated from shared/pos-link/api.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POS_OPERATIONS, type PosCheckout, type PosRefund } from '../../../shared';
import { waitFor } from '../../support/wait';
import { checked, startPosRig, type PosRig } from './rig';

let t: PosRig;
beforeAll(async () => {
  // Files share modules (no isolation): count only this file's answers, as the last test means.
  checked.count = 0;
  checked.routes.clear();
  t = await startPosRig();
});
afterAll(async () => {
  await t?.stop();
});

const create = (ref: string, extra: Record<string, unknown> = {}) =>
  t.api('POST', '/v1/checkouts', { body: { amount: 1250, currency: 'SGD', reference_id: ref, idempotency_key: `idem-${ref}`, ...extra } });

describe('POS link contract', () => {
  it('serves an OpenAPI 3.1 document naming every operation, generated from the schemas', async () => {
    const r = await t.api('GET', '/v1/openapi.json', { key: null });
    const doc = r.body as { openapi: string; paths: Record<string, Record<string, { operationId: string }>>; servers: { url: string }[] };
    expect(doc.openapi).toBe('3.1.0');
    const ops = Object.values(doc.paths).flatMap((p) => Object.values(p).map((o) => o.operationId));
    expect(ops.sort()).toEqual(POS_OPERATIONS.map((o) => o.id).sort());
    expect(doc.servers).toEqual([{ url: t.base }]);
    const create = doc.paths['/v1/checkouts']?.post as unknown as { requestBody: { content: { 'application/json': { schema: { required: string[] } } } } };
    expect(create.requestBody.content['application/json'].schema.required.sort()).toEqual(['amount', 'currency', 'idempotency_key', 'reference_id']);
  });

  it('a checkout from creation to completed: create, get, list by reference, the sale carries it, refund', async () => {
    const created = await create('A-1042', { note: 'table 4', line_items: [{ name: 'Kimchi stew', quantity: 2, unit_amount: 625 }] });
    expect(created.status).toBe(201);
    const ck = created.body as PosCheckout;
    expect(ck).toMatchObject({ status: 'pending', amount: 1250, currency: 'SGD', reference_id: 'A-1042', till: { name: 'Till 1' }, line_items: [{ name: 'Kimchi stew', quantity: 2, unit_amount: 625 }] });
    expect(created.headers.get('location')).toBe(`/v1/checkouts/${ck.id}`);

    const inProgress = await waitStatus(ck.id, 'in_progress');
    expect(inProgress.sale_id).toMatch(/^sale_/);
    expect(inProgress.charge_id).toMatch(/^chrg_/);
    const sale = t.rig.core.getReceipt(inProgress.sale_id!).sale;
    expect(sale).toMatchObject({ status: 'pending', amount: 1250, chargeId: inProgress.charge_id });
    // The sale carries the till's request: name, reference, note and cart (receipts, reports, the display).
    expect(sale.origin).toEqual({ source: 'pos', tillId: ck.till.id, tillName: 'Till 1', referenceId: 'A-1042', note: 'table 4', lineItems: [{ name: 'Kimchi stew', quantity: 2, unitAmount: 625 }] });

    await t.pay(inProgress.sale_id!);
    const done = await waitStatus(ck.id, 'completed');
    expect(done.failure_code).toBeNull();

    const list = await t.api('GET', '/v1/checkouts?reference_id=A-1042');
    expect((list.body as { data: PosCheckout[] }).data.map((c) => c.id)).toEqual([ck.id]);

    const partial = await t.api('POST', '/v1/refunds', { body: { checkout_id: ck.id, amount: 250, idempotency_key: 'r1' } });
    expect(partial.status).toBe(201);
    expect(partial.body).toMatchObject({ status: 'succeeded', amount: 250, checkout_id: ck.id });
    const again = await t.api('POST', '/v1/refunds', { body: { checkout_id: ck.id, amount: 250, idempotency_key: 'r1' } });
    expect(again.status).toBe(200);
    expect((again.body as PosRefund).id).toBe((partial.body as PosRefund).id);
    const got = await t.api('GET', `/v1/refunds/${(partial.body as PosRefund).id}`);
    expect(got.body).toEqual(partial.body);
    const tooMuch = await t.api('POST', '/v1/refunds', { body: { checkout_id: ck.id, amount: 1001, idempotency_key: 'r2' } });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body).toMatchObject({ error: { code: 'refund_exceeds' } });
    expect(t.rig.core.getReceipt(sale.id).sale.refundedAmount).toBe(250);
    const after = await t.api('GET', `/v1/checkouts/${ck.id}`);
    expect(after.body).toMatchObject({ status: 'completed', refunded_amount: 250 });
  });

  it('cancel: the open checkout is canceled and its charge expired at Opn; a second cancel is invalid_state', async () => {
    const ck = (await create('B-1')).body as PosCheckout;
    const open = await waitStatus(ck.id, 'in_progress');
    const canceled = await t.api('POST', `/v1/checkouts/${ck.id}/cancel`);
    expect(canceled.status).toBe(200);
    expect(canceled.body).toMatchObject({ status: 'canceled' });
    expect(t.rig.sandbox.charges().find((c) => c.id === open.charge_id)?.status).toBe('expired');
    expect(t.rig.core.getReceipt(open.sale_id!).sale.status).toBe('cancelled');
    const twice = await t.api('POST', `/v1/checkouts/${ck.id}/cancel`);
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ error: { code: 'invalid_state' } });
  });

  it('terminal: ready when nothing is open, busy with the open checkout', async () => {
    expect((await t.api('GET', '/v1/terminal')).body).toMatchObject({ state: 'ready', mode: 'demo', currency: 'SGD', max_deadline_seconds: 300, open_checkout_id: null });
    const ck = (await create('C-1')).body as PosCheckout;
    expect((await t.api('GET', '/v1/terminal')).body).toMatchObject({ state: 'busy', open_checkout_id: ck.id });
    await waitStatus(ck.id, 'in_progress');
    await t.api('POST', `/v1/checkouts/${ck.id}/cancel`);
    expect((await t.api('GET', '/v1/terminal')).body).toMatchObject({ state: 'ready' });
  });

  it('webhook: set (a new secret, shown once) and cleared', async () => {
    const set = await t.api('PUT', '/v1/webhook', { body: { url: 'http://127.0.0.1:9/hook' } });
    expect(set.body).toMatchObject({ url: 'http://127.0.0.1:9/hook', secret: expect.any(String) });
    expect((await t.api('PUT', '/v1/webhook', { body: { url: null } })).body).toEqual({ url: null, secret: null });
  });

  it('unknown ids and paths are 404, wrong methods 405, all in the documented error shape', async () => {
    expect((await t.api('GET', '/v1/checkouts/chk_nope')).body).toMatchObject({ error: { code: 'not_found' } });
    expect((await t.api('GET', '/v1/refunds/rfd_nope')).status).toBe(404);
    const r = await fetch(`${t.base}/v1/nothing`);
    expect(r.status).toBe(404);
    expect(await r.json()).toMatchObject({ error: { code: 'not_found' } });
    const m = await fetch(`${t.base}/v1/terminal`, { method: 'DELETE', headers: { authorization: `Bearer ${t.key}` } });
    expect(m.status).toBe(405);
  });

  it('checked answers of every route against the document', () => {
    expect(checked.count).toBeGreaterThan(15);
    for (const op of POS_OPERATIONS.filter((o) => o.id !== 'events')) expect(checked.routes).toContain(`${op.method.toUpperCase()} ${op.path}`);
  });
});

async function waitStatus(id: string, status: PosCheckout['status']): Promise<PosCheckout> {
  return waitFor(async () => {
    const ck = (await t.api('GET', `/v1/checkouts/${id}`)).body as PosCheckout;
    return ck.status === status ? ck : null;
  }, `checkout ${id} ${status}`);
}
