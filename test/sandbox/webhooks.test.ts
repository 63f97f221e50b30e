/* eslint-disable @typescript-eslint/no-unsafe-call -- responses are untyped JSON asserted field by field */
// Signed webhooks to a real receiver on loopback, checked by an independent verifier; retries on the
// sandbox clock recorded in webhook_deliveries; secret rotation; the whole app_redirect life for SG and TH.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { opnChargeSchema, opnEventSchema } from '../../shared';
import { authorizeViaPage, call, createCharge, RETURN_URI, sandboxWithReceiver, startReceiver, verifySignature } from './helpers';

const { setup, receiver } = sandboxWithReceiver();

describe.each([
  ['SG', 'SGD', 150000],
  ['TH', 'THB', 150000],
] as const)('the app_redirect life on a %s account', (country, currency, amount) => {
  it('create → authorize page → signed charge.complete webhook → retrieve', async () => {
    const { sb, rx } = await setup({ country });
    const src = await call(sb, 'POST', '/sources', { key: sb.publicKey, form: { type: 'kakaopay', amount, currency, platform_type: 'IOS' } });
    const charge = await call(sb, 'POST', '/charges', { form: { amount, currency, return_uri: RETURN_URI, source: src.body.id, metadata: { sale_id: 'sale-1', terminal_id: 'T1', store_id: 'S1' } } });
    expect(charge.status).toBe(200);
    const created = await rx.waitFor(1);
    expect(created[0]?.body.key).toBe('charge.create');

    const redirect = await authorizeViaPage(charge.body.authorize_uri as string, 'successful');
    expect(redirect.headers.get('location')).toBe(RETURN_URI);
    const [, complete] = await rx.waitFor(2);
    expect(rx.received.map((r) => (r.body as { key?: string }).key)).toEqual(['charge.create', 'charge.complete']);
    expect(verifySignature(complete!, sb.webhookSecret)).toBe(true);
    expect(complete!.headers['content-type']).toBe('application/json');
    const event = opnEventSchema.parse(complete!.body);
    expect(event.key).toBe('charge.complete');
    const pushed = opnChargeSchema.parse(event.data);
    expect(pushed).toMatchObject({ id: charge.body.id, status: 'successful', currency, metadata: { sale_id: 'sale-1' } });

    // the terminal re-fetches rather than trusting the push
    const fetched = opnChargeSchema.parse((await call(sb, 'GET', `/charges/${charge.body.id}`)).body);
    expect(fetched.status).toBe(pushed.status);
    const stored = (await call(sb, 'GET', `/events/${event.id}`)).body;
    expect(stored.webhook_deliveries).toEqual([expect.objectContaining({ object: 'webhook_delivery', uri: rx.url, status: 200, key: 'charge.complete', error: null, payload: complete!.raw })]);
    expect(stored.webhook_deliveries[0].id).toMatch(/^whdl_test_[0-9a-z]{19}$/);
  });
});

describe('signatures', () => {
  it('a tampered body, another secret or a missing header fail the independent verifier', async () => {
    const { sb, rx } = await setup();
    await createCharge(sb, {}, 1000);
    const [got] = await rx.waitFor(1);
    expect(verifySignature(got!, sb.webhookSecret)).toBe(true);
    expect(verifySignature({ ...got!, raw: got!.raw.replace('"amount":1000', '"amount":1') }, sb.webhookSecret)).toBe(false);
    expect(verifySignature(got!, randomBytes(32).toString('base64'))).toBe(false);
    expect(Math.abs(Number(got!.headers['omise-signature-timestamp']) - Date.now() / 1000)).toBeLessThan(600);
  });

  it('sends two comma-separated signatures during a rotation; each secret verifies', async () => {
    const previous = randomBytes(32).toString('base64');
    const current = randomBytes(32).toString('base64');
    const { sb, rx } = await setup({ webhookSecret: current, previousWebhookSecret: previous });
    await createCharge(sb, {}, 1000);
    const [got] = await rx.waitFor(1);
    const header = got!.headers['omise-signature'] as string;
    expect(header.split(',')).toHaveLength(2);
    expect(header).toMatch(/^[0-9a-f]{64},[0-9a-f]{64}$/);
    expect(verifySignature(got!, current)).toBe(true);
    expect(verifySignature(got!, previous)).toBe(true);
  });
});

describe('delivery', () => {
  it('retries on non-2xx along the schedule (driven by the clock) and records every attempt', async () => {
    const { sb, rx } = await setup({ webhookRetryScheduleMs: [0, 60_000, 600_000] });
    rx.answers.push(500, 503);
    const c = await createCharge(sb, {}, 1000);
    await rx.waitFor(1);
    // Margins are far wider than any stall: the sandbox clock also moves in real time.
    await sb.clock.advance(30_000);
    expect(rx.received).toHaveLength(1);
    await sb.clock.advance(30_000);
    expect(rx.received).toHaveLength(2);
    await sb.clock.advance(300_000);
    expect(rx.received).toHaveLength(2);
    await sb.clock.advance(300_000);
    expect(rx.received).toHaveLength(3);
    await sb.clock.advance(3_600_000);
    expect(rx.received).toHaveLength(3); // delivered: no more attempts
    expect(new Set(rx.received.map((r) => r.raw)).size).toBe(1); // same body each time
    const events = (await call(sb, 'GET', `/charges/${c.id}/events`)).body;
    const deliveries = events.data[0].webhook_deliveries;
    expect(deliveries.map((d: { status: number }) => d.status)).toEqual([500, 503, 200]);
    expect(deliveries.map((d: { attempt: number }) => d.attempt)).toEqual([1, 2, 3]);
    expect(deliveries[0].error).toMatch(/500/);
  });

  it('records an unreachable endpoint as status 0 and gives up after the schedule', async () => {
    const { sb } = await setup({ webhookRetryScheduleMs: [0, 1000] });
    const dead = await startReceiver();
    const deadUrl = dead.url;
    await dead.close();
    sb.setWebhookEndpoints([deadUrl]);
    const c = await createCharge(sb, {}, 1000);
    await sb.clock.advance(0);
    await sb.clock.advance(1000);
    await sb.clock.advance(60_000);
    const e = (await call(sb, 'GET', `/charges/${c.id}/events`)).body.data[0];
    expect(e.webhook_deliveries).toHaveLength(2);
    expect(e.webhook_deliveries[0]).toMatchObject({ status: 0, error: 'ECONNREFUSED' });
  });

  it("also delivers to the charge's own webhook_endpoints (once per distinct URL)", async () => {
    const { sb, rx } = await setup();
    const own = await receiver();
    await createCharge(sb, { webhook_endpoints: [own.url, rx.url] }, 1000);
    await own.waitFor(1);
    await rx.waitFor(1);
    await sb.clock.advance(0);
    expect(own.received).toHaveLength(1);
    expect(rx.received).toHaveLength(1);
  });
});
