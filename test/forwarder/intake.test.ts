// POST /webhooks/opn on a real forwarder: signatures over raw bytes, limits, parsing, dead letters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startForwarder } from '../../forwarder/index';
import type { Forwarder } from '../../forwarder/index';
import { RelayClient } from '../../electron/relay/client';
import { tempDir } from '../support/temp';
import { waitFor } from '../support/wait';
import { opnEvent, postWebhook, sign, TerminalDb, TEST_SECRET } from './helpers';

const OLD_SECRET = Buffer.from('the-previous-webhook-secret-value').toString('base64');
const tmp = tempDir('intake');
let fwd: Forwarder;
let unsigned: Forwarder;

beforeAll(async () => {
  fwd = await startForwarder({ dataDir: `${tmp.dir}/signed`, webhookSecret: TEST_SECRET, quiet: true, metricsPort: 0 });
  unsigned = await startForwarder({ dataDir: `${tmp.dir}/unsigned`, quiet: true, webhookPath: '/hooks/custom', allowUnsigned: true });
  await fwd.createToken('shop-1');
  await unsigned.createToken('shop-1');
});
afterAll(async () => {
  await fwd.stop();
  await unsigned.stop();
  tmp.cleanup();
});

async function stored(f: Forwarder): Promise<string[]> {
  return (await f.store.readAfter('shop-1', 0, 1000)).map((e) => e.eventId);
}

describe('signature verification', () => {
  it('accepts a valid signature and either of two during a rotation', async () => {
    expect((await postWebhook(fwd.webhookUrl, opnEvent('evnt_test_ok1', 'shop-1'), { secret: TEST_SECRET })).status).toBe(200);
    const body = opnEvent('evnt_test_rot', 'shop-1');
    const ts = Math.floor(Date.now() / 1000);
    const both = `${sign(OLD_SECRET, ts, body)}, ${sign(TEST_SECRET, ts, body)}`;
    expect((await postWebhook(fwd.webhookUrl, body, { ts, signature: both })).status).toBe(200);
    expect(await stored(fwd)).toEqual(['evnt_test_ok1', 'evnt_test_rot']);
  });

  it('refuses a forged signature, a signature over other bytes, a missing one and a timestamp older than the maximum age with 401, storing nothing', async () => {
    const body = opnEvent('evnt_test_forged', 'shop-1');
    const forged = await postWebhook(fwd.webhookUrl, body, { secret: Buffer.from('not-the-secret-at-all-xxxxxxxx').toString('base64') });
    expect(forged).toMatchObject({ status: 401, json: { error: { code: 'bad_signature' } } });
    const ts = Math.floor(Date.now() / 1000);
    // re-serialised JSON (what smee does) no longer matches the signature of the original bytes
    const reserialised = JSON.stringify(JSON.parse(body));
    const resigned = await postWebhook(fwd.webhookUrl, `${reserialised} `, { ts, signature: sign(TEST_SECRET, ts, body) });
    expect(resigned.status).toBe(401);
    const missing = await fetch(fwd.webhookUrl, { method: 'POST', body });
    expect(missing.status).toBe(401);
    // Older than the tolerance is accepted for a new event id up to the maximum age (3 days); beyond it, 401.
    const stale = await postWebhook(fwd.webhookUrl, body, { secret: TEST_SECRET, ts: ts - 3 * 86_400 - 301 });
    expect(stale).toMatchObject({ status: 401, json: { error: { code: 'stale_timestamp' } } });
    const future = await postWebhook(fwd.webhookUrl, body, { secret: TEST_SECRET, ts: ts + 3600 });
    expect(future.status).toBe(401);
    expect(await stored(fwd)).not.toContain('evnt_test_forged');
    const metrics = await (await fetch(fwd.metricsUrl ?? '')).text();
    expect(metrics).toMatch(/forwarder_events_rejected_total\{reason="bad_signature"\} [1-9]/);
    expect(metrics).toMatch(/forwarder_events_rejected_total\{reason="stale_timestamp"\} [1-9]/);
  });

  it('marks events "unsigned" when no secret is configured, on a custom path', async () => {
    expect(unsigned.webhookUrl.endsWith('/hooks/custom')).toBe(true);
    expect((await postWebhook(unsigned.webhookUrl, opnEvent('evnt_test_u1', 'shop-1'))).status).toBe(200);
    const [e] = await unsigned.store.readAfter('shop-1', 0, 10);
    expect(e?.signature).toBe('unsigned');
  });
});

describe('body limits and parsing', () => {
  it('answers 413 for a body over 256 KB', async () => {
    const big = opnEvent('evnt_test_big', 'shop-1', 'charge.complete', { pad: 'x'.repeat(257 * 1024) });
    const r = await postWebhook(fwd.webhookUrl, big, { secret: TEST_SECRET });
    expect(r.status).toBe(413);
    expect(await stored(fwd)).not.toContain('evnt_test_big');
  });

  it('answers 400 for malformed JSON and for JSON that is not an event', async () => {
    expect(await postWebhook(fwd.webhookUrl, '{"id": "evnt_', { secret: TEST_SECRET })).toMatchObject({ status: 400, json: { error: { code: 'malformed_json' } } });
    expect(await postWebhook(fwd.webhookUrl, '{"hello": 1}', { secret: TEST_SECRET })).toMatchObject({ status: 400, json: { error: { code: 'invalid_event' } } });
  });

  it('answers 405 to GET on the webhook path, serves /healthz, 404 elsewhere', async () => {
    expect((await fetch(fwd.webhookUrl)).status).toBe(405);
    expect(await (await fetch(`${fwd.url}/healthz`)).json()).toMatchObject({ ok: true, store: 'sqlite' });
    expect((await fetch(`${fwd.url}/nope`)).status).toBe(404);
  });
});

describe('dead letters', () => {
  it('keeps events with no or an unknown terminal, and replays one to a terminal', async () => {
    const unknown = await postWebhook(fwd.webhookUrl, opnEvent('evnt_test_dl1', 'shop-404'), { secret: TEST_SECRET });
    expect(unknown).toMatchObject({ status: 202, json: { reason: 'unknown_terminal' } });
    const none = await postWebhook(fwd.webhookUrl, opnEvent('evnt_test_dl2', null), { secret: TEST_SECRET });
    expect(none).toMatchObject({ status: 202, json: { reason: 'no_terminal' } });
    const again = await postWebhook(fwd.webhookUrl, opnEvent('evnt_test_dl1', 'shop-404'), { secret: TEST_SECRET });
    expect(again).toMatchObject({ status: 202, json: { duplicate: true } });
    const list = await fwd.listDeadLetters();
    expect(list.map((d) => [d.eventId, d.reason, d.terminalHint])).toEqual([
      ['evnt_test_dl1', 'unknown_terminal', 'shop-404'],
      ['evnt_test_dl2', 'no_terminal', null],
    ]);

    // the operator creates the terminal and replays the dead letter to it; the terminal commits it
    const token = await fwd.createToken('shop-dl');
    const dead = list[0];
    if (!dead) throw new Error('no dead letter');
    const replay = await fwd.replayDeadLetter(dead.id, 'shop-dl');
    expect(replay).toMatchObject({ terminalId: 'shop-dl', seq: 1, duplicate: false });
    const db = new TerminalDb(`${tmp.dir}/dl-terminal.sqlite`);
    const client = new RelayClient({ url: fwd.wsUrl, terminalId: 'shop-dl', token, lastSeq: db.lastSeq, onEvent: db.commit });
    client.start();
    try {
      await waitFor(() => db.rows().length === 1, 'replayed dead letter commit');
      expect(db.rows()[0]).toMatchObject({ event_id: 'evnt_test_dl1', raw_body: dead.rawBody, signature: 'verified' });
      expect((await fwd.listDeadLetters())[0]?.replayedTo).toBe('shop-dl');
    } finally {
      await client.stop();
      db.close();
    }
  });
});
