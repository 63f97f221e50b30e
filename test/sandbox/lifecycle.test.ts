/* eslint-disable @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-argument -- responses are untyped JSON asserted field by field */
// A charge's life over HTTP: the authorize page, completion, expiry (request and clock), manual capture,
// reversal, refunds and voids, with derived flags, events and transactions kept consistent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { opnChargeSchema, opnRefundSchema } from '../../shared';
import type { Sandbox } from '../../sandbox/index';
import type { Json } from './helpers';
import { RETURN_URI, authorizeViaPage, call, createCharge, quietSandbox } from './helpers';

let sb: Sandbox;
// 2030-01-01 10:00 SGT: well inside the void window (until 00:15 SGT the next day).
const START = new Date('2030-01-01T02:00:00Z');
beforeAll(async () => {
  sb = await quietSandbox({ startTime: START, merchantName: 'Kimchi <Bar> & Co', allowManualCapture: true });
});
afterAll(() => sb.stop());

const eventKeys = async (chargeId: string): Promise<string[]> => (await call(sb, 'GET', `/charges/${chargeId}/events`)).body.data.map((e: Json) => e.key as string);

describe('authorize page', () => {
  it('shows merchant, amount and currency, escaped, and completes the charge then redirects to return_uri', async () => {
    const c = await createCharge(sb, { description: '<script>alert(1)</script>' }, 150000);
    const page = await fetch(c.authorize_uri as string);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('Kimchi &#60;Bar&#62; &#38; Co');
    expect(html).toContain('S$1,500.00');
    expect(html).toContain('SGD');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toMatch(/value="successful"/);
    expect(html).toMatch(/<option value="insufficient_fund">/);

    const done = await authorizeViaPage(c.authorize_uri as string, 'successful');
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe(RETURN_URI);
    const got = opnChargeSchema.parse((await call(sb, 'GET', `/charges/${c.id}`)).body);
    expect(got).toMatchObject({ status: 'successful', paid: true, authorized: true, refundable: true, capturable: false, reversible: false, expired: false });
    // the sandbox clock started at START and also runs in real time
    expect(Date.parse(got.paid_at ?? '')).toBeGreaterThanOrEqual(Date.parse(got.created_at));
    expect(got.paid_at?.startsWith('2030-01-01T')).toBe(true);
    expect(got.source?.charge_status).toBe('successful');
    expect(got.transaction).toMatch(/^trxn_test_[0-9a-z]{19}$/);
    expect(await eventKeys(c.id)).toEqual(['charge.create', 'charge.complete']);
    const txn = await call(sb, 'GET', `/transactions/${String(got.transaction)}`);
    expect(txn.body).toMatchObject({ object: 'transaction', direction: 'credit', amount: 145650, currency: 'SGD', origin: c.id });

    // the page now shows the outcome, and a second POST cannot change it
    expect(await (await fetch(c.authorize_uri as string)).text()).toContain('Payment successful');
    const again = await authorizeViaPage(c.authorize_uri as string, 'failed').catch(() => null);
    expect(again).toBeNull(); // no form any more
    const post = await fetch(c.authorize_uri as string, { method: 'POST', body: new URLSearchParams({ outcome: 'failed' }), redirect: 'manual' });
    expect(post.status).toBe(409);
    expect((await call(sb, 'GET', `/charges/${c.id}`)).body.status).toBe('successful');
  });

  it('fails a charge with the chosen failure code', async () => {
    const c = await createCharge(sb, {}, 1000);
    const done = await authorizeViaPage(c.authorize_uri as string, 'failed', 'insufficient_fund');
    expect(done.status).toBe(302);
    const got = (await call(sb, 'GET', `/charges/${c.id}`)).body;
    expect(got).toMatchObject({ status: 'failed', paid: false, authorized: false, failure_code: 'insufficient_fund', refundable: false });
    expect(got.failure_message).toMatch(/Insufficient funds/);
    expect(got.source.charge_status).toBe('failed');
  });

  it('rejects an unknown failure code and an unknown payment', async () => {
    const c = await createCharge(sb, {}, 1000);
    const bad = await fetch(c.authorize_uri as string, { method: 'POST', body: new URLSearchParams({ outcome: 'failed', failure_code: 'nope' }), redirect: 'manual' });
    expect(bad.status).toBe(400);
    expect((await call(sb, 'GET', `/charges/${c.id}`)).body.status).toBe('pending');
    expect((await fetch(`${sb.baseUrl}/payments/pay2_test_0000000000000000000/authorize`)).status).toBe(404);
  });
});

describe('test-mode controls', () => {
  it('mark_as_paid and mark_as_failed complete a pending charge once', async () => {
    const a = await createCharge(sb, {}, 1000);
    expect((await call(sb, 'POST', `/charges/${a.id}/mark_as_paid`)).body.status).toBe('successful');
    expect((await call(sb, 'POST', `/charges/${a.id}/mark_as_failed`)).body.code).toBe('invalid_charge');
    const b = await createCharge(sb, {}, 1000);
    expect((await call(sb, 'POST', `/charges/${b.id}/mark_as_failed`, { form: { failure_code: 'payment_rejected' } })).body).toMatchObject({ status: 'failed', failure_code: 'payment_rejected' });
  });

  it('completeCharge (in process) and /__sandbox/charges/:id/complete (over HTTP)', async () => {
    const a = await createCharge(sb, {}, 1000);
    expect((await sb.completeCharge(a.id as string, { failureCode: 'invalid_account' })).status).toBe('failed');
    await expect(sb.completeCharge(a.id as string, 'successful')).rejects.toThrow(/invalid_charge/);
    const b = await createCharge(sb, {}, 1000);
    const r = await call(sb, 'POST', `/__sandbox/charges/${b.id}/complete`, { json: { outcome: 'successful' } });
    expect(r.body.status).toBe('successful');
    const c = await createCharge(sb, {}, 1000);
    const f = await call(sb, 'POST', `/__sandbox/charges/${c.id}/complete`, { json: { outcome: { failureCode: 'timeout' } } });
    expect(f.body).toMatchObject({ status: 'failed', failure_code: 'timeout' });
  });
});

describe('expiry', () => {
  it('POST /expire expires a pending charge; expired_at == expires_at == now', async () => {
    const c = await createCharge(sb, {}, 1000);
    const r = await call(sb, 'POST', `/charges/${c.id}/expire`);
    expect(r.body).toMatchObject({ status: 'expired', expired: true, paid: false });
    expect(r.body.expired_at).toBe(r.body.expires_at);
    expect(r.body.source.charge_status).toBe('expired');
    expect(await eventKeys(c.id)).toEqual(['charge.create', 'charge.expire']);
    // the payer can no longer pay
    expect((await call(sb, 'POST', `/charges/${c.id}/mark_as_paid`)).body.code).toBe('expired_charge');
    expect(await (await fetch(c.authorize_uri as string)).text()).toContain('Payment expired');
  });

  it('answers 400 failed_expire when the charge already succeeded (and leaves it successful)', async () => {
    const c = await createCharge(sb, {}, 1000);
    await sb.completeCharge(c.id as string, 'successful');
    const r = await call(sb, 'POST', `/charges/${c.id}/expire`);
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('failed_expire');
    expect((await call(sb, 'GET', `/charges/${c.id}`)).body.status).toBe('successful');
  });

  it('expires by the clock at expires_at (given or default 7 days)', async () => {
    const s = await quietSandbox({ startTime: START });
    try {
      const short = await createCharge(s, { expires_at: new Date(START.getTime() + 5 * 60_000).toISOString() }, 1000);
      const long = await createCharge(s, {}, 1000);
      await s.clock.advance(3 * 60_000);
      expect((await call(s, 'GET', `/charges/${short.id}`)).body.status).toBe('pending');
      await s.clock.advance(2 * 60_000);
      const expired = (await call(s, 'GET', `/charges/${short.id}`)).body;
      expect(expired).toMatchObject({ status: 'expired', expired: true, expired_at: expired.expires_at });
      expect((await call(s, 'GET', `/charges/${long.id}`)).body.status).toBe('pending');
      await s.clock.advance(7 * 86_400_000);
      expect((await call(s, 'GET', `/charges/${long.id}`)).body.status).toBe('expired');
    } finally {
      await s.stop();
    }
  });
});

describe('manual capture (capture=false)', () => {
  it('is refused for KakaoPay by default (Opn documents capture for cards only), creating nothing', async () => {
    const strict = await quietSandbox({});
    try {
      const res = await call(strict, 'POST', '/charges', { json: { amount: 5000, currency: 'SGD', return_uri: 'https://example.com/r', source: { type: 'kakaopay' }, capture: false } });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ object: 'error', code: 'bad_request' });
      expect(strict.charges()).toHaveLength(0);
    } finally {
      await strict.stop();
    }
  });

  it('authorize → pending{authorized, capturable, reversible} → capture → successful', async () => {
    const c = await createCharge(sb, { capture: 'false' }, 5000);
    expect(c.capture).toBe(false);
    await authorizeViaPage(c.authorize_uri as string, 'successful');
    const auth = (await call(sb, 'GET', `/charges/${c.id}`)).body;
    expect(auth).toMatchObject({ status: 'pending', authorized: true, capturable: true, reversible: true, paid: false, refundable: false });
    expect((await call(sb, 'POST', `/charges/${c.id}/capture`, { json: { capture_amount: 100 } })).body.code).toBe('failed_capture');
    const cap = await call(sb, 'POST', `/charges/${c.id}/capture`);
    expect(cap.body).toMatchObject({ status: 'successful', paid: true, capturable: false, reversible: false, refundable: true });
    expect((await call(sb, 'POST', `/charges/${c.id}/capture`)).body.code).toBe('failed_capture');
    expect(await eventKeys(c.id)).toEqual(['charge.create', 'charge.complete', 'charge.capture']);
  });

  it('reverse releases an authorization; capture of a non-authorized charge fails', async () => {
    const c = await createCharge(sb, { capture: false }, 5000);
    expect((await call(sb, 'POST', `/charges/${c.id}/capture`)).body.code).toBe('failed_capture');
    expect((await call(sb, 'POST', `/charges/${c.id}/reverse`)).body.code).toBe('invalid_charge');
    await sb.completeCharge(c.id as string, 'successful');
    const rev = await call(sb, 'POST', `/charges/${c.id}/reverse`);
    expect(rev.body).toMatchObject({ status: 'reversed', reversed: true, reversible: false, capturable: false, paid: false });
    expect(rev.body.reversed_at).toMatch(/Z$/);
    expect((await call(sb, 'POST', `/charges/${c.id}/capture`)).body.code).toBe('failed_capture');
    expect(await eventKeys(c.id)).toEqual(['charge.create', 'charge.complete', 'charge.reverse']);
  });
});

describe('refunds', () => {
  it('inside the void window: partial then full refunds are voids; charge.voided once fully voided', async () => {
    const c = await createCharge(sb, {}, 10000);
    expect((await call(sb, 'POST', `/charges/${c.id}/refunds`, { form: { amount: 100 } })).body.code).toBe('failed_refund');
    await sb.completeCharge(c.id as string, 'successful');
    const r1 = await call(sb, 'POST', `/charges/${c.id}/refunds`, { form: { amount: '4000', metadata: { reason: 'partial' } } });
    expect(r1.status).toBe(200);
    const refund = opnRefundSchema.parse(r1.body);
    expect(refund).toMatchObject({ amount: 4000, currency: 'SGD', voided: true, charge: c.id, status: 'closed', metadata: { reason: 'partial' } });
    expect(refund.id).toMatch(/^rfnd_test_[0-9a-z]{19}$/);
    let got = (await call(sb, 'GET', `/charges/${c.id}`)).body;
    expect(got).toMatchObject({ refunded_amount: 4000, refundable: true, voided: false, status: 'successful' });
    expect(got.refunds).toMatchObject({ total: 1, data: [{ id: refund.id }] });

    expect((await call(sb, 'POST', `/charges/${c.id}/refunds`, { json: { amount: 6001 } })).body.code).toBe('failed_refund');
    for (const amount of [0, -1, 1.5, 'x']) expect((await call(sb, 'POST', `/charges/${c.id}/refunds`, { json: { amount } })).body.code).toBe('invalid_amount');
    await call(sb, 'POST', `/charges/${c.id}/refunds`, { json: { amount: 6000 } });
    got = (await call(sb, 'GET', `/charges/${c.id}`)).body;
    expect(got).toMatchObject({ refunded_amount: 10000, refundable: false, voided: true });
    expect((await call(sb, 'GET', `/charges/${c.id}/refunds`)).body.total).toBe(2);
    expect((await call(sb, 'GET', `/charges/${c.id}/refunds/${refund.id}`)).body.id).toBe(refund.id);
    expect((await call(sb, 'GET', `/charges/${c.id}/refunds/rfnd_test_0000000000000000000`)).status).toBe(404);
    expect((await call(sb, 'GET', '/refunds')).body.data.map((r: Json) => r.id)).toContain(refund.id);
    const keys = await eventKeys(c.id);
    expect(keys.filter((k) => k === 'refund.create')).toHaveLength(2);
    const txn = (await call(sb, 'GET', `/transactions/${refund.transaction}`)).body;
    expect(txn).toMatchObject({ direction: 'debit', amount: 4000, origin: refund.id });
  });

  it('after the cut-off (00:15 GMT+8 the next day) a refund is not a void, and void=true fails', async () => {
    const s = await quietSandbox({ startTime: new Date('2030-01-01T16:00:00Z') }); // 00:00 SGT
    try {
      const c = await createCharge(s, {}, 10000);
      await s.completeCharge(c.id as string, 'successful');
      await s.clock.advance(10 * 60_000); // 00:10 SGT: still a void
      expect((await call(s, 'POST', `/charges/${c.id}/refunds`, { json: { amount: 1000 } })).body.voided).toBe(true);
      await s.clock.advance(5 * 60_000); // past 00:15 SGT
      expect((await call(s, 'POST', `/charges/${c.id}/refunds`, { json: { amount: 1000, void: true } })).body.code).toBe('failed_void');
      const late = (await call(s, 'POST', `/charges/${c.id}/refunds`, { json: { amount: 9000 } })).body;
      expect(late.voided).toBe(false);
      expect((await call(s, 'GET', `/charges/${c.id}`)).body).toMatchObject({ refunded_amount: 10000, voided: false, refundable: false });
    } finally {
      await s.stop();
    }
  });
});

describe('TH account', () => {
  it('uses THB and the THB limits', async () => {
    const s = await quietSandbox({ country: 'TH' });
    try {
      expect((await call(s, 'POST', '/charges', { json: { amount: 1999, currency: 'THB', return_uri: RETURN_URI, source: { type: 'kakaopay' } } })).body.code).toBe('invalid_amount');
      const c = await createCharge(s, {}, 2000, 'thb');
      expect(c).toMatchObject({ currency: 'THB', amount: 2000, fee: 58, net: 1942 });
      expect((await call(s, 'GET', '/capability', { key: s.publicKey })).body.payment_methods[0].currencies).toEqual(['THB']);
      expect(await (await fetch(c.authorize_uri as string)).text()).toContain('฿20.00');
    } finally {
      await s.stop();
    }
  });
});
