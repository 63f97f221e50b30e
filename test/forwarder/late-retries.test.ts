// Webhook retries are delivered whatever timestamp they carry (issue 20, point 2). The sandbox's retries keep
// their first attempt's Omise-Signature-Timestamp (a mode: Opn's behaviour is undocumented) while the
// forwarder is down for over 10 minutes — of the sandbox's clock and the forwarder's, advanced, not waited.
// Back up, the forwarder accepts each correctly signed late retry whose event id it never stored, once;
// a replay of a stored event answers duplicate and is not delivered again; older than the maximum age is 401.
import { afterAll, expect, it } from 'vitest';
import { RelayClient } from '../../electron/relay/client';
import { startForwarder } from '../../forwarder/index';
import type { Forwarder } from '../../forwarder/index';
import { startSandbox } from '../../sandbox/index';
import { freePort, postWebhook, tempDir, TerminalDb, waitFor } from './helpers';

const tmp = tempDir('late-retries');
const stops: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const s of stops.reverse()) await s();
  tmp.cleanup();
});

interface EventList { data: { id: string; key: string; webhook_deliveries: { status: number }[] }[] }

it('retries keeping their first timestamp reach the terminal once after a 10-minute outage; a replay is not delivered twice', async () => {
  const port = await freePort();
  let offsetMs = 0;
  const forwarderNow = (): number => Date.now() + offsetMs;
  const sandbox = await startSandbox({
    quiet: true, retryKeepsFirstTimestamp: true,
    // attempt 1 at +1 min, 2 at +6 min, 3 at +21 min (each delay counts from the previous attempt)
    webhookRetryScheduleMs: [0, 60_000, 300_000, 900_000],
    webhookEndpoints: [`http://127.0.0.1:${port}/webhooks/opn`],
  });
  stops.push(() => sandbox.stop());
  const start = (): Promise<Forwarder> => startForwarder({ port, dataDir: tmp.dir, webhookSecret: sandbox.webhookSecret, now: forwarderNow, metricsPort: 0, quiet: true });
  const first = await start();
  const token = await first.createToken('till-1');
  await first.stop(); // the outage begins

  const auth = { authorization: `Basic ${Buffer.from(`${sandbox.secretKey}:`).toString('base64')}` };
  for (let i = 0; i < 3; i++) {
    const form = new URLSearchParams({ amount: String(1000 + i), currency: 'SGD', return_uri: 'https://shop.example/r', 'source[type]': 'kakaopay', 'metadata[terminal_id]': 'till-1', 'metadata[sale_id]': `sale_${i}` });
    const charge = (await (await fetch(`${sandbox.baseUrl}/charges`, { method: 'POST', body: form, headers: auth })).json()) as { id: string };
    await sandbox.completeCharge(charge.id, 'successful');
  }
  const events = async (): Promise<EventList['data']> => ((await (await fetch(`${sandbox.baseUrl}/events?limit=100`, { headers: auth })).json()) as EventList).data;
  await waitFor(async () => (await events()).every((e) => e.webhook_deliveries.length >= 1), 'every first attempt to fail');
  expect(await events()).toHaveLength(6);

  // 10 minutes pass with the forwarder down: attempts 1 and 2 fail too.
  await sandbox.clock.advance(10 * 60_000);
  offsetMs += 10 * 60_000;
  expect((await events()).every((e) => e.webhook_deliveries.length === 3 && e.webhook_deliveries.every((d) => d.status === 0))).toBe(true);

  const fwd = await start();
  stops.push(() => fwd.stop());
  const db = new TerminalDb(`${tmp.dir}/till-1.sqlite`);
  const relay = new RelayClient({ url: fwd.wsUrl, terminalId: 'till-1', token, lastSeq: db.lastSeq, onEvent: db.commit });
  relay.start();
  stops.push(async () => {
    await relay.stop();
    db.close();
  });
  // Attempt 3, 21 minutes after the first, still signed with the first attempt's timestamp.
  await sandbox.clock.advance(11 * 60_000);
  offsetMs += 11 * 60_000;
  const rows = await waitFor(() => (db.rows().length === 6 ? db.rows() : null), 'all six events at the terminal');
  expect(new Set(rows.map((r) => r.event_id)).size).toBe(6);
  expect(rows.every((r) => r.signature === 'verified')).toBe(true);
  const last = await events();
  expect(last.every((e) => e.webhook_deliveries.at(-1)?.status === 200)).toBe(true);
  const metrics = await (await fetch(fwd.metricsUrl ?? '')).text();
  expect(metrics).toMatch(/^forwarder_events_late_accepted_total 6$/m);

  // A replay of a stored event (validly signed 20 minutes ago): duplicate, nothing new in the terminal's log.
  const replayed = rows[0];
  const ts = Math.floor(forwarderNow() / 1000) - 20 * 60;
  const again = await postWebhook(fwd.webhookUrl, replayed?.raw_body ?? '', { secret: sandbox.webhookSecret, ts });
  expect(again).toMatchObject({ status: 200, json: { duplicate: true } });
  expect(await fwd.store.headSeq('till-1')).toBe(6);
  // Older than the maximum age (3 days): refused, even correctly signed.
  const ancient = await postWebhook(fwd.webhookUrl, replayed?.raw_body ?? '', { secret: sandbox.webhookSecret, ts: Math.floor(forwarderNow() / 1000) - 3 * 86_400 - 1 });
  expect(ancient).toMatchObject({ status: 401, json: { error: { code: 'stale_timestamp' } } });
  expect(db.duplicateCommits).toBe(0);
}, 60_000);
