// Webhooks to the till: a real HTTP server stands in for the till. Every event of its key arrives in
// order, signed HMAC-SHA256 over "timestamp.body"; a till answering 500 gets the same event again (backoff)
// until it answers 2xx; deliveries resume after the terminal restarts; clearing the URL stops them.
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { PosCheckout, PosEvent } from '../../../shared';
import { listenLoopback } from '../../support/servers';
import { waitFor } from '../../support/wait';
import { startPosRig, type PosRig } from './rig';

let t: PosRig | null = null;
afterEach(async () => {
  await t?.stop();
  t = null;
});

interface Received {
  readonly event: PosEvent;
  readonly verified: boolean;
}

async function tillServer(secret: () => string, failFirst = 0) {
  const received: Received[] = [];
  let calls = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      calls += 1;
      if (calls <= failFirst) {
        res.writeHead(500).end();
        return;
      }
      const ts = String(req.headers['x-pos-timestamp']);
      const expected = `v1=${createHmac('sha256', secret()).update(`${ts}.${body}`).digest('hex')}`;
      received.push({ event: JSON.parse(body) as PosEvent, verified: req.headers['x-pos-signature'] === expected && req.headers['x-pos-event-id'] === String((JSON.parse(body) as PosEvent).id) });
      res.writeHead(204).end();
    });
  });
  const { port, close } = await listenLoopback(server);
  return { url: `http://127.0.0.1:${port}/hook`, received, calls: () => calls, close };
}

const body = (ref: string) => ({ amount: 1250, currency: 'SGD', reference_id: ref, idempotency_key: `k-${ref}` });

describe('webhooks to the till', () => {
  it('delivers every event of the key in order, signed; a 500 is retried until 2xx; resumes after a restart; null stops', async () => {
    t = await startPosRig({ session: { webhookBackoff: { initialMs: 20, maxMs: 50 } } });
    let secret = '';
    const till = await tillServer(() => secret, 2);
    const set = await t.api('PUT', '/v1/webhook', { body: { url: till.url } });
    expect(set.status).toBe(200);
    secret = (set.body as { secret: string }).secret;
    expect(secret).toMatch(/^[\w-]{43}$/);

    const ck = (await t.api('POST', '/v1/checkouts', { body: body('W-1') })).body as PosCheckout;
    const open = await waitFor(() => till.received.find((r) => r.event.type === 'checkout.updated' && r.event.data.status === 'in_progress'), 'in_progress delivered');
    expect(till.calls()).toBeGreaterThan(2);
    // The terminal restarts; the payment completes meanwhile; the webhook picks up where it was.
    await t.restart({ webhookBackoff: { initialMs: 20, maxMs: 50 } });
    await t.pay((open.event.data as PosCheckout).sale_id!);
    await waitFor(() => till.received.find((r) => r.event.type === 'checkout.updated' && r.event.data.status === 'completed'), 'completed delivered');
    const mine = till.received.filter((r) => r.event.type === 'checkout.updated' && r.event.data.id === ck.id);
    expect(mine.map((r) => (r.event.data as PosCheckout).status)).toEqual(['pending', 'in_progress', 'completed']);
    expect(till.received.every((r) => r.verified)).toBe(true);
    const ids = till.received.map((r) => r.event.id);
    expect(ids).toEqual([...new Set(ids)].sort((a, b) => a - b));

    const cleared = await t.api('PUT', '/v1/webhook', { body: { url: null } });
    expect(cleared.body).toEqual({ url: null, secret: null });
    const before = till.calls();
    const next = (await t.api('POST', '/v1/checkouts', { body: body('W-2') })).body as PosCheckout;
    await waitFor(async () => ((await t!.api('GET', `/v1/checkouts/${next.id}`)).body as PosCheckout).status === 'in_progress', 'next in progress');
    expect(till.calls()).toBe(before);
  });

  it('refuses a URL that is not http(s), changing nothing', async () => {
    t = await startPosRig();
    for (const url of ['ftp://till.example/x', 'javascript:alert(1)', 'http://', 'http://a b/']) {
      const r = await t.api('PUT', '/v1/webhook', { body: { url } });
      expect(r.body, url).toMatchObject({ error: { code: 'invalid_request', field: 'url' } });
    }
  });
});
