/* eslint-disable @typescript-eslint/no-unsafe-return -- responses are untyped JSON asserted field by field */
// Fault injection (latency, error statuses, a connection dropped after commit), Idempotency-Key replay on
// and off, webhook faults (pause, duplicate, reorder, delay), and the same controls over HTTP.
import { afterEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/index';
import type { Receiver } from './helpers';
import { RETURN_URI, call, createCharge, quietSandbox, startReceiver } from './helpers';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function sandbox(options: Parameters<typeof quietSandbox>[0] = {}): Promise<Sandbox> {
  const sb = await quietSandbox(options);
  cleanup.push(() => sb.stop());
  return sb;
}

async function receiver(sb: Sandbox): Promise<Receiver> {
  const rx = await startReceiver();
  cleanup.push(() => rx.close());
  sb.setWebhookEndpoints([rx.url]);
  return rx;
}

const chargeBody = { amount: 1000, currency: 'SGD', return_uri: RETURN_URI, source: { type: 'kakaopay' } };

describe('request faults', () => {
  it('answers the next N matching requests with the chosen status, changing nothing, then recovers', async () => {
    const sb = await sandbox();
    sb.faults.inject({ method: 'POST', path: '/charges', status: 503, times: 2 });
    for (let i = 0; i < 2; i++) {
      const r = await call(sb, 'POST', '/charges', { json: chargeBody });
      expect(r.status).toBe(503);
      expect(r.body).toMatchObject({ object: 'error', code: 'service_unavailable' });
    }
    expect(sb.charges()).toHaveLength(0);
    expect((await call(sb, 'GET', '/charges')).status).toBe(200); // GET did not match
    expect((await call(sb, 'POST', '/charges', { json: chargeBody })).status).toBe(200);
  });

  it.each([
    [429, 'too_many_requests'],
    [500, 'internal_error'],
  ] as const)('%i → %s', async (status, code) => {
    const sb = await sandbox();
    sb.faults.inject({ path: /^\/charges\/chrg_/, status });
    const c = await createCharge(sb, {}, 1000);
    const r = await call(sb, 'GET', `/charges/${c.id}`);
    expect(r.status).toBe(status);
    expect(r.body.code).toBe(code);
    expect((await call(sb, 'GET', `/charges/${c.id}`)).status).toBe(200);
  });

  it('adds latency to matching requests only', async () => {
    const sb = await sandbox();
    sb.faults.inject({ path: '/capability', latencyMs: 400 });
    const t0 = Date.now();
    expect((await call(sb, 'GET', '/capability', { key: sb.publicKey })).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(390); // a lower bound only: never flaky on a slow machine
    sb.faults.inject({ path: '/capability', latencyMs: 60_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    await expect(fetch(`${sb.baseUrl}/capability`, { signal: controller.signal, headers: { Authorization: `Basic ${Buffer.from(`${sb.publicKey}:`).toString('base64')}` } })).rejects.toMatchObject({ name: 'AbortError' });
    sb.faults.clear();
    expect((await call(sb, 'GET', '/capability', { key: sb.publicKey })).status).toBe(200);
  });

  it('release holds a request, its body read, until the test lets it take effect', async () => {
    const sb = await sandbox();
    let open!: () => void;
    const release = new Promise<void>((r) => (open = r));
    let held!: () => void;
    const isHeld = new Promise<void>((r) => (held = r));
    sb.faults.inject({ method: 'POST', path: '/charges', release, onHeld: () => held() });
    const answer = call(sb, 'POST', '/charges', { json: { ...chargeBody, metadata: { sale_id: 'S1' } } });
    await isHeld;
    expect(sb.charges()).toHaveLength(0);
    open();
    expect((await answer).status).toBe(200);
    expect(sb.charges().filter((c) => c.metadata.sale_id === 'S1')).toHaveLength(1);
  });

  it('dropAfterCommit commits the charge and drops the connection; a naive retry charges twice', async () => {
    const sb = await sandbox({ idempotency: false });
    sb.faults.inject({ method: 'POST', path: '/charges', dropAfterCommit: true });
    await expect(call(sb, 'POST', '/charges', { json: { ...chargeBody, metadata: { sale_id: 'S1' } } })).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(sb.charges().filter((c) => c.metadata.sale_id === 'S1')).toHaveLength(1);
    await call(sb, 'POST', '/charges', { json: { ...chargeBody, metadata: { sale_id: 'S1' } }, headers: { 'Idempotency-Key': 'k1' } });
    expect(sb.charges().filter((c) => c.metadata.sale_id === 'S1')).toHaveLength(2);
  });

  it('dropAfterCommit then a retry with the same Idempotency-Key returns the committed charge (--idempotency)', async () => {
    const sb = await sandbox({ idempotency: true });
    sb.faults.inject({ method: 'POST', path: '/charges', dropAfterCommit: true });
    const headers = { 'Idempotency-Key': 'sale-42-attempt' };
    const body = { ...chargeBody, metadata: { sale_id: 'S42' } };
    await expect(call(sb, 'POST', '/charges', { json: body, headers })).rejects.toThrow(/socket hang up|ECONNRESET/);
    const retry = await call(sb, 'POST', '/charges', { json: body, headers });
    expect(retry.status).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    const mine = sb.charges().filter((c) => c.metadata.sale_id === 'S42');
    expect(mine).toHaveLength(1);
    expect(retry.body.id).toBe(mine[0]?.id);
  });

  it('times: Infinity keeps a fault until cleared; control paths are never faulted', async () => {
    const sb = await sandbox();
    sb.faults.inject({ status: 500, times: Infinity });
    for (let i = 0; i < 3; i++) expect((await call(sb, 'GET', '/events')).status).toBe(500);
    expect((await call(sb, 'POST', '/__sandbox/clock', { json: { advanceMs: 0 } })).status).toBe(200);
    sb.faults.clear();
    expect((await call(sb, 'GET', '/events')).status).toBe(200);
  });
});

describe('idempotency', () => {
  it('is off by default (unverified upstream): the same key twice makes two charges', async () => {
    const sb = await sandbox();
    const headers = { 'Idempotency-Key': 'default-off' };
    await call(sb, 'POST', '/charges', { json: chargeBody, headers });
    const b = await call(sb, 'POST', '/charges', { json: chargeBody, headers });
    expect(b.headers['idempotent-replayed']).toBeUndefined();
    expect(sb.charges()).toHaveLength(2);
  });

  it('replays the first response for the same key and body, for 24 hours', async () => {
    const sb = await sandbox({ idempotency: true });
    const headers = { 'Idempotency-Key': 'abc' };
    const a = await call(sb, 'POST', '/charges', { json: chargeBody, headers });
    const b = await call(sb, 'POST', '/charges', { json: chargeBody, headers });
    expect(b.body).toEqual(a.body);
    expect(b.headers['idempotent-replayed']).toBe('true');
    expect(sb.charges()).toHaveLength(1);
    const other = await call(sb, 'POST', '/charges', { json: chargeBody, headers: { 'Idempotency-Key': 'def' } });
    expect(other.body.id).not.toBe(a.body.id);
    // same key, different parameters: refused, nothing created
    const clash = await call(sb, 'POST', '/charges', { json: { ...chargeBody, amount: 2000 }, headers });
    expect(clash.status).toBe(422);
    expect(clash.body.object).toBe('error');
    expect(sb.charges()).toHaveLength(2);
    // errors replay too
    const bad = await call(sb, 'POST', '/charges', { json: { ...chargeBody, amount: -1 }, headers: { 'Idempotency-Key': 'bad' } });
    const bad2 = await call(sb, 'POST', '/charges', { json: { ...chargeBody, amount: -1 }, headers: { 'Idempotency-Key': 'bad' } });
    expect([bad.status, bad2.status]).toEqual([400, 400]);
    expect(bad2.headers['idempotent-replayed']).toBe('true');
    await sb.clock.advance(24 * 3_600_000);
    const later = await call(sb, 'POST', '/charges', { json: chargeBody, headers });
    expect(later.body.id).not.toBe(a.body.id);
    expect(sb.charges()).toHaveLength(3);
  });

  it('concurrent requests with one key create one charge', async () => {
    const sb = await sandbox({ idempotency: true });
    sb.faults.inject({ method: 'POST', path: '/charges', latencyMs: 50, times: 5 });
    const replies = await Promise.all(Array.from({ length: 5 }, () => call(sb, 'POST', '/charges', { json: chargeBody, headers: { 'Idempotency-Key': 'race' } })));
    expect(new Set(replies.map((r) => r.body.id)).size).toBe(1);
    expect(sb.charges()).toHaveLength(1);
  });

  it('scopes keys per API key and ignores them when turned off', async () => {
    const sb = await sandbox({ idempotency: false });
    const headers = { 'Idempotency-Key': 'same' };
    await call(sb, 'POST', '/charges', { json: chargeBody, headers });
    await call(sb, 'POST', '/charges', { json: chargeBody, headers });
    expect(sb.charges()).toHaveLength(2);
  });
});

describe('webhook faults', () => {
  it('paused: nothing is delivered until resumed, then everything is', async () => {
    const sb = await sandbox();
    const rx = await receiver(sb);
    sb.faults.webhooks({ paused: true });
    await createCharge(sb, {}, 1000);
    await sb.clock.advance(60_000);
    expect(rx.received).toHaveLength(0);
    sb.faults.webhooks({ paused: false });
    await rx.waitFor(1);
    expect(rx.received[0]?.body.key).toBe('charge.create');
  });

  it('duplicate: each event arrives twice with the same id', async () => {
    const sb = await sandbox();
    const rx = await receiver(sb);
    sb.faults.webhooks({ duplicate: true });
    const c = await createCharge(sb, {}, 1000);
    await rx.waitFor(2);
    expect(rx.received.map((r) => r.body.id)).toEqual([rx.received[0]?.body.id, rx.received[0]?.body.id]);
    const deliveries = (await call(sb, 'GET', `/charges/${c.id}/events`)).body.data[0].webhook_deliveries;
    expect(deliveries).toHaveLength(2);
  });

  it('reorder: a later event overtakes an earlier one', async () => {
    const sb = await sandbox({ webhookReorderHoldMs: 60_000 });
    const rx = await receiver(sb);
    sb.faults.webhooks({ reorder: true });
    const c = await createCharge(sb, {}, 1000);
    await sb.completeCharge(c.id as string, 'successful');
    await rx.waitFor(2);
    expect(rx.received.map((r) => r.body.key)).toEqual(['charge.complete', 'charge.create']);
  });

  it('reorder: a lone held event still goes out after the hold', async () => {
    const sb = await sandbox({ webhookReorderHoldMs: 60_000 });
    const rx = await receiver(sb);
    sb.faults.webhooks({ reorder: true });
    await createCharge(sb, {}, 1000);
    // Margins are far wider than any stall: the sandbox clock also moves in real time.
    await sb.clock.advance(30_000);
    expect(rx.received).toHaveLength(0);
    await sb.clock.advance(30_000);
    expect(rx.received).toHaveLength(1);
  });

  it('delayMs: delivery waits on the sandbox clock', async () => {
    const sb = await sandbox();
    const rx = await receiver(sb);
    sb.faults.webhooks({ delayMs: 30_000 });
    await createCharge(sb, {}, 1000);
    await sb.clock.advance(15_000);
    expect(rx.received).toHaveLength(0);
    await sb.clock.advance(15_000);
    expect(rx.received).toHaveLength(1);
  });
});

describe('controls over HTTP', () => {
  it('faults, webhook faults, clock, endpoints and clearing, behind the secret key', async () => {
    const sb = await sandbox({ startTime: new Date('2030-01-01T00:00:00Z') });
    const rx = await startReceiver();
    cleanup.push(() => rx.close());
    expect((await call(sb, 'PUT', '/__sandbox/webhook-endpoints', { json: { urls: [rx.url] } })).status).toBe(200);
    expect((await call(sb, 'POST', '/__sandbox/faults', { json: { method: 'post', path: '/charges', status: 429, times: 1 } })).status).toBe(200);
    expect((await call(sb, 'POST', '/charges', { json: chargeBody })).status).toBe(429);
    expect((await call(sb, 'POST', '/__sandbox/faults', { json: { pathRegex: '^/events', status: 500, times: 'always' } })).status).toBe(200);
    expect((await call(sb, 'GET', '/events')).status).toBe(500);
    expect((await call(sb, 'POST', '/__sandbox/webhook-faults', { json: { paused: true } })).body.paused).toBe(true);
    const c = await createCharge(sb, { expires_at: '2030-01-01T00:10:00Z' }, 1000);
    const clock = await call(sb, 'POST', '/__sandbox/clock', { json: { advanceMs: 600_000 } });
    expect(Date.parse(clock.body.now as string)).toBeGreaterThanOrEqual(Date.parse('2030-01-01T00:10:00Z'));
    expect((await call(sb, 'GET', `/charges/${c.id}`)).body.status).toBe('expired');
    expect(rx.received).toHaveLength(0);
    expect((await call(sb, 'DELETE', '/__sandbox/faults')).status).toBe(200);
    expect((await call(sb, 'GET', '/events')).status).toBe(200);
    await rx.waitFor(2); // unpaused by the clear
    for (const bad of [{ status: 418 }, { times: 0 }, { pathRegex: '(' }, { bogus: true }]) {
      const r = await call(sb, 'POST', '/__sandbox/faults', { json: bad });
      expect(r.status).toBe(400);
      expect(r.body.object).toBe('error');
    }
    expect((await call(sb, 'POST', '/__sandbox/clock', { json: { advanceMs: -5 } })).status).toBe(400);
    expect((await call(sb, 'POST', '/__sandbox/faults', { key: null, json: {} })).status).toBe(401);
  });
});
