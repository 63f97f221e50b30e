// Idempotency, one checkout at a time, pairing codes, scopes and rate limits, against the real core.
import { afterEach, describe, expect, it } from 'vitest';
import type { PosCheckout } from '../../../shared';
import { waitFor } from '../../support/wait';
import { startPosRig, type PosRig } from './rig';

let t: PosRig | null = null;
afterEach(async () => {
  await t?.stop();
  t = null;
});

const body = (ref: string, extra: Record<string, unknown> = {}) => ({ amount: 1250, currency: 'SGD', reference_id: ref, idempotency_key: `k-${ref}`, ...extra });

describe('POS link requests', () => {
  it('the same key and body returns the same checkout; another body is idempotency_mismatch; one sale in all', async () => {
    t = await startPosRig();
    const tries = await Promise.all([1, 2, 3, 4, 5].map(() => t!.api('POST', '/v1/checkouts', { body: body('D-1') })));
    expect(tries.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 201]);
    const ids = new Set(tries.map((r) => (r.body as PosCheckout).id));
    expect(ids.size).toBe(1);
    const other = await t.api('POST', '/v1/checkouts', { body: body('D-1', { amount: 1300 }) });
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({ error: { code: 'idempotency_mismatch', field: 'idempotency_key' } });
    // Field order does not matter; the same request written differently is the same request.
    const reordered = await t.api('POST', '/v1/checkouts', { raw: JSON.stringify({ idempotency_key: 'k-D-1', reference_id: 'D-1', currency: 'SGD', amount: 1250 }) });
    expect(reordered.status).toBe(200);
    await waitFor(() => t!.rig.core.store.sales.listOpen().find((s) => s.status === 'pending'), 'the sale pending');
    expect(t.rig.sandbox.charges()).toHaveLength(1);
  });

  it('a second create while one is open is terminal_busy with the open one; after it ends the next is taken', async () => {
    t = await startPosRig();
    const first = (await t.api('POST', '/v1/checkouts', { body: body('F-1') })).body as PosCheckout;
    const busy = await t.api('POST', '/v1/checkouts', { body: body('F-2') });
    expect(busy.status).toBe(409);
    expect(busy.body).toMatchObject({ error: { code: 'terminal_busy' }, checkout: { id: first.id } });
    await waitFor(async () => ((await t!.api('GET', `/v1/checkouts/${first.id}`)).body as PosCheckout).status === 'in_progress', 'in progress');
    await t.api('POST', `/v1/checkouts/${first.id}/cancel`);
    expect((await t.api('POST', '/v1/checkouts', { body: body('F-2') })).status).toBe(201);
  });

  it("a cashier's own open sale makes the terminal busy too", async () => {
    t = await startPosRig();
    const sale = await t.rig.core.startSale({ amount: 500, currency: 'SGD' });
    const busy = await t.api('POST', '/v1/checkouts', { body: body('G-1') });
    expect(busy.body).toMatchObject({ error: { code: 'terminal_busy' }, checkout: null });
    await t.rig.core.cancelSale(sale.id);
  });

  it('limits: amount outside KakaoPay limits, other currency, deadline over the QR validity: typed 422, no sale', async () => {
    t = await startPosRig({ qrValidityMs: 120_000 });
    expect((await t.api('POST', '/v1/checkouts', { body: body('L-1', { amount: 99 }) })).body).toMatchObject({ error: { code: 'invalid_amount', field: 'amount' } });
    expect((await t.api('POST', '/v1/checkouts', { body: body('L-2', { amount: 2_000_001 }) })).status).toBe(422);
    expect((await t.api('POST', '/v1/checkouts', { body: body('L-3', { currency: 'THB', amount: 5000 }) })).body).toMatchObject({ error: { code: 'invalid_currency' } });
    expect((await t.api('POST', '/v1/checkouts', { body: body('L-4', { deadline_seconds: 121 }) })).body).toMatchObject({ error: { code: 'deadline_too_long', field: 'deadline_seconds' } });
    expect(t.rig.sandbox.charges()).toHaveLength(0);
    expect(t.rig.core.listSales({})).toHaveLength(0);
  });

  it('a deadline that passes cancels the charge at Opn and reports expired (deadline_exceeded)', async () => {
    t = await startPosRig();
    const ck = (await t.api('POST', '/v1/checkouts', { body: body('X-1', { deadline_seconds: 30 }) })).body as PosCheckout;
    expect(Date.parse(ck.deadline_at!) - Date.parse(ck.created_at)).toBe(30_000);
    const open = await waitFor(async () => {
      const c = (await t!.api('GET', `/v1/checkouts/${ck.id}`)).body as PosCheckout;
      return c.status === 'in_progress' ? c : null;
    }, 'in progress');
    // The deadline is kept on disk: a session whose clock is past it (31 s on) acts on it when it opens.
    await t.restart({ now: () => new Date(Date.now() + 31_000) });
    const expired = await waitFor(async () => {
      const c = (await t!.api('GET', `/v1/checkouts/${ck.id}`)).body as PosCheckout;
      return c.status === 'expired' ? c : null;
    }, 'expired');
    expect(expired.failure_code).toBe('deadline_exceeded');
    expect(t.rig.sandbox.charges().find((c) => c.id === open.charge_id)?.status).toBe('expired');
  });

  it('pairing codes are one-time, wrong ones count, five wrong ones burn every live code; refunds need their scope', async () => {
    t = await startPosRig();
    const code = t.session.control.createPairingCode({ name: 'Till 3', scopes: ['payments'] });
    expect(code.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const ok = await t.api('POST', '/v1/pair', { body: { code: code.code.toLowerCase() }, key: null });
    expect(ok.status).toBe(201);
    const paymentsOnly = (ok.body as { api_key: string }).api_key;
    expect((await t.api('POST', '/v1/pair', { body: { code: code.code }, key: null })).body).toMatchObject({ error: { code: 'pairing_code_invalid' } });
    const refund = await t.api('POST', '/v1/refunds', { body: { checkout_id: 'chk_x', amount: 100, idempotency_key: 'r' }, key: paymentsOnly });
    expect(refund.status).toBe(403);
    expect(refund.body).toMatchObject({ error: { code: 'forbidden_scope' } });

    const live = t.session.control.createPairingCode({ name: 'Till 4', scopes: ['payments'] });
    for (let i = 0; i < 5; i++) expect((await t.api('POST', '/v1/pair', { body: { code: `WRONG${i}XX` }, key: null })).status).toBe(400);
    expect((await t.api('POST', '/v1/pair', { body: { code: live.code }, key: null })).body).toMatchObject({ error: { code: 'pairing_code_invalid' } });
    expect(t.session.control.status().keys.map((k) => k.name)).toEqual(['Till 1', 'Till 3']);
  });

  it('keys are stored hashed: the file holds no key, only ids, and a key with a wrong secret is refused', async () => {
    t = await startPosRig();
    const { readFileSync } = await import('node:fs');
    const secret = t.key.split('_').slice(2).join('_');
    expect(readFileSync(t.dbFile).includes(Buffer.from(secret))).toBe(false);
    const forged = t.key.slice(0, -4) + (t.key.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect((await t.api('GET', '/v1/terminal', { key: forged })).status).toBe(401);
    expect((await t.api('GET', '/v1/terminal', { key: null })).status).toBe(401);
  });
});

describe('POS link rate limits', () => {
  it('a key past its burst gets 429 with Retry-After; another key is not affected', async () => {
    t = await startPosRig({ session: { rateLimit: { burst: 5, perSecond: 0.01 } } });
    const other = await t.pair('Till 2', ['payments']);
    const answers = [];
    for (let i = 0; i < 7; i++) answers.push(await t.api('GET', '/v1/terminal'));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 429, 429]);
    expect(answers[5]?.body).toMatchObject({ error: { code: 'rate_limited' } });
    expect(Number(answers[5]?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await t.api('GET', '/v1/terminal', { key: other })).status).toBe(200);
  });
});
