// End to end on loopback: real forwarder (SQLite), real RelayClient, real terminal SQLite files.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { RelayClient } from '../../electron/relay/client';
import { startForwarder } from '../../forwarder/index';
import type { Forwarder } from '../../forwarder/index';
import { forwarderMessageSchema } from '../../shared';
import type { ForwarderMessage } from '../../shared';
import type { LinkStatus } from '../../shared';
import { tempDir } from '../support/temp';
import { waitFor } from '../support/wait';
import { opnEvent, postWebhook, TerminalDb, TEST_SECRET, upgradeStatus } from './helpers';

const tmp = tempDir('relay');
let fwd: Forwarder;
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  fwd = await startForwarder({ dataDir: tmp.dir, webhookSecret: TEST_SECRET, quiet: true, heartbeatMs: 200, deadAfterMs: 2000, maxInFlight: 8, metricsPort: 0 });
});
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
afterAll(async () => {
  await fwd.stop();
  tmp.cleanup();
});

function terminal(id: string, token: string, extra: { onStatus?: (s: LinkStatus) => void } = {}): { db: TerminalDb; client: RelayClient } {
  const db = new TerminalDb(`${tmp.dir}/${id}-${Math.random().toString(36).slice(2)}.sqlite`);
  const client = new RelayClient({ url: fwd.wsUrl, terminalId: id, token, lastSeq: db.lastSeq, onEvent: db.commit, backoff: { initialMs: 20, maxMs: 200 }, ...extra });
  cleanups.push(async () => {
    await client.stop();
    db.close();
  });
  return { db, client };
}

/** A bare websocket, to speak the protocol (or break it) by hand. */
async function rawSocket(id: string, token: string, answerPings = false): Promise<{ ws: WebSocket; messages: ForwarderMessage[]; closed: Promise<{ code: number }> }> {
  const ws = new WebSocket(fwd.wsUrl, { headers: { 'x-terminal-id': id, authorization: `Bearer ${token}` } });
  const messages: ForwarderMessage[] = [];
  ws.on('message', (d) => {
    const m = forwarderMessageSchema.parse(JSON.parse((d as Buffer).toString('utf8')));
    messages.push(m);
    if (answerPings && m.type === 'ping') ws.send(JSON.stringify({ type: 'pong', t: m.t }));
  });
  const closed = new Promise<{ code: number }>((res) => ws.on('close', (code) => res({ code })));
  cleanups.push(() => ws.terminate());
  await new Promise<void>((res, rej) => {
    ws.once('open', () => res());
    ws.once('error', rej);
  });
  return { ws, messages, closed };
}

describe('routing and isolation', () => {
  it('delivers each webhook to its own terminal only, with the raw body and verdict untouched', async () => {
    const [ta, tb] = [await fwd.createToken('iso-a'), await fwd.createToken('iso-b')];
    const a = terminal('iso-a', ta);
    const b = terminal('iso-b', tb);
    a.client.start();
    b.client.start();
    const bodyA = opnEvent('evnt_test_iso_a1', 'iso-a').replace('{', '{ '); // odd spacing: bytes must survive
    expect((await postWebhook(fwd.webhookUrl, bodyA, { secret: TEST_SECRET })).status).toBe(200);
    expect((await postWebhook(fwd.webhookUrl, opnEvent('evnt_test_iso_b1', 'iso-b'), { secret: TEST_SECRET })).status).toBe(200);
    expect((await postWebhook(fwd.webhookUrl, opnEvent('evnt_test_iso_a2', 'iso-a'), { secret: TEST_SECRET })).status).toBe(200);
    await waitFor(() => a.db.rows().length === 2 && b.db.rows().length === 1, 'both terminals to commit');
    expect(a.db.rows().map((r) => r.event_id)).toEqual(['evnt_test_iso_a1', 'evnt_test_iso_a2']);
    expect(a.db.rows()[0]?.raw_body).toBe(bodyA);
    expect(a.db.rows()[0]?.signature).toBe('verified');
    expect(b.db.rows().map((r) => r.event_id)).toEqual(['evnt_test_iso_b1']);
    expect(a.client.status.state).toBe('connected');
  });

  it('refuses a wrong token and an unknown terminal with 401 before upgrading, and a revoked token too', async () => {
    const token = await fwd.createToken('auth-1');
    expect(await upgradeStatus(fwd.wsUrl, 'auth-1', token)).toBe(101);
    expect(await upgradeStatus(fwd.wsUrl, 'auth-1', `${token}x`)).toBe(401);
    expect(await upgradeStatus(fwd.wsUrl, 'auth-unknown', token)).toBe(401);
    const other = await fwd.createToken('auth-2');
    expect(await upgradeStatus(fwd.wsUrl, 'auth-2', token)).toBe(401); // one terminal's token never opens another's log
    expect(await upgradeStatus(fwd.wsUrl, 'auth-2', other)).toBe(101);
    expect(await upgradeStatus(fwd.wsUrl, 'bad id!', token)).toBe(401);
    // a live connection is closed with 'revoked' when its token is revoked
    const raw = await rawSocket('auth-1', token);
    raw.ws.send(JSON.stringify({ type: 'hello', lastSeq: 0 }));
    await waitFor(() => raw.messages.some((m) => m.type === 'welcome'), 'welcome');
    await fwd.revokeToken('auth-1');
    expect((await raw.closed).code).toBe(4003);
    expect(raw.messages.some((m) => m.type === 'closing' && m.code === 'revoked')).toBe(true);
    expect(await upgradeStatus(fwd.wsUrl, 'auth-1', token)).toBe(401);
  });

  it('a second connection of a terminal replaces the first, and both are told', async () => {
    const token = await fwd.createToken('dup-1');
    const first = await rawSocket('dup-1', token);
    first.ws.send(JSON.stringify({ type: 'hello', lastSeq: 0 }));
    await waitFor(() => first.messages.length > 0, 'first welcome');
    const second = await rawSocket('dup-1', token);
    second.ws.send(JSON.stringify({ type: 'hello', lastSeq: 0 }));
    expect((await first.closed).code).toBe(4001);
    expect(first.messages.some((m) => m.type === 'closing' && m.code === 'replaced')).toBe(true);
    const welcome = await waitFor(() => second.messages.find((m) => m.type === 'welcome'), 'second welcome');
    expect(welcome).toMatchObject({ type: 'welcome', replacedPrevious: true });
  });
});

describe('offline terminal', () => {
  it('receives all 100 events sent while offline, in order, each committed exactly once, across a reconnect mid-stream', async () => {
    const token = await fwd.createToken('off-1');
    const { db, client } = terminal('off-1', token);
    for (let i = 1; i <= 100; i++) {
      const r = await postWebhook(fwd.webhookUrl, opnEvent(`evnt_test_off_${i}`, 'off-1'), { secret: TEST_SECRET });
      expect(r.status).toBe(200);
    }
    client.start();
    await waitFor(() => db.rows().length >= 30, '30 commits');
    // drop the link mid-stream; the client reconnects and resumes from its cursor
    await client.stop();
    client.start();
    await waitFor(() => db.rows().length === 100, 'all 100 commits');
    const rows = db.rows();
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(rows.map((r) => r.event_id)).toEqual(Array.from({ length: 100 }, (_, i) => `evnt_test_off_${i + 1}`));
    expect(db.duplicateCommits).toBe(0);
    await waitFor(async () => (await fwd.store.ackedSeq('off-1')) === 100, 'forwarder to record the acks');
  });

  it('a terminal whose cursor is above the forwarder log (forwarder data lost) still commits every new event', async () => {
    const token = await fwd.createToken('wiped-1');
    const { db, client } = terminal('wiped-1', token);
    db.db.prepare('UPDATE cursor SET seq = 50').run(); // committed up to 50 from a log that no longer exists
    for (const i of [1, 2]) expect((await postWebhook(fwd.webhookUrl, opnEvent(`evnt_test_wiped_${i}`, 'wiped-1'), { secret: TEST_SECRET })).status).toBe(200);
    client.start();
    await waitFor(() => db.rows().length === 2, 'two commits');
    expect((await postWebhook(fwd.webhookUrl, opnEvent('evnt_test_wiped_3', 'wiped-1'), { secret: TEST_SECRET })).json).toMatchObject({ seq: 53 });
    await waitFor(() => db.rows().length === 3, 'third commit');
    expect(db.rows().map((r) => [r.seq, r.event_id])).toEqual([[51, 'evnt_test_wiped_1'], [52, 'evnt_test_wiped_2'], [53, 'evnt_test_wiped_3']]);
  });

  it('stores a duplicate event id once (and still answers 2xx)', async () => {
    const token = await fwd.createToken('dupe-ev');
    const body = opnEvent('evnt_test_dupe', 'dupe-ev');
    const r1 = await postWebhook(fwd.webhookUrl, body, { secret: TEST_SECRET });
    const r2 = await postWebhook(fwd.webhookUrl, body, { secret: TEST_SECRET });
    expect(r1).toMatchObject({ status: 200, json: { seq: 1, duplicate: false } });
    expect(r2).toMatchObject({ status: 200, json: { seq: 1, duplicate: true } });
    const { db, client } = terminal('dupe-ev', token);
    client.start();
    await waitFor(() => db.rows().length === 1, 'commit');
    expect(await fwd.store.readAfter('dupe-ev', 0, 10)).toHaveLength(1);
  });
});

describe('protocol abuse', () => {
  it('closes a malformed frame with protocol_error and an oversize frame with 1009', async () => {
    const token = await fwd.createToken('abuse-1');
    const a = await rawSocket('abuse-1', token);
    a.ws.send('{not json');
    expect((await a.closed).code).toBe(1008);
    expect(a.messages.some((m) => m.type === 'closing' && m.code === 'protocol_error')).toBe(true);
    const b = await rawSocket('abuse-1', token);
    b.ws.send(JSON.stringify({ type: 'ack', seq: -1 }));
    expect((await b.closed).code).toBe(1008);
    const c = await rawSocket('abuse-1', token);
    c.ws.send(JSON.stringify({ type: 'hello', lastSeq: 0 }));
    await waitFor(() => c.messages.length > 0, 'welcome');
    c.ws.send(JSON.stringify({ type: 'ack', seq: 50 })); // never sent
    expect((await c.closed).code).toBe(1008);
    const d = await rawSocket('abuse-1', token);
    d.ws.send(JSON.stringify({ type: 'ping', t: 1, pad: 'x'.repeat(600 * 1024) }));
    expect((await d.closed).code).toBe(1009);
  });

  it('keeps at most maxInFlight events on the wire for a terminal that never acks', async () => {
    const token = await fwd.createToken('slow-1');
    for (let i = 1; i <= 40; i++) await postWebhook(fwd.webhookUrl, opnEvent(`evnt_test_slow_${i}`, 'slow-1'), { secret: TEST_SECRET });
    const s = await rawSocket('slow-1', token, true); // alive (answers heartbeats) but never acks
    s.ws.send(JSON.stringify({ type: 'hello', lastSeq: 0 }));
    await waitFor(() => s.messages.filter((m) => m.type === 'event').length === 8, '8 events');
    // more webhooks and heartbeats pass; nothing more is sent until an ack
    for (let i = 41; i <= 50; i++) await postWebhook(fwd.webhookUrl, opnEvent(`evnt_test_slow_${i}`, 'slow-1'), { secret: TEST_SECRET });
    await waitFor(() => s.messages.filter((m) => m.type === 'ping').length >= 3 || s.ws.readyState !== WebSocket.OPEN, 'three heartbeats');
    expect(s.ws.readyState).toBe(WebSocket.OPEN);
    expect(s.messages.filter((m) => m.type === 'event')).toHaveLength(8);
    expect(fwd.inFlight().get('slow-1')).toBe(8);
    const metrics = await (await fetch(fwd.metricsUrl ?? '')).text();
    expect(metrics).toContain('forwarder_terminal_in_flight{terminal="slow-1"} 8');
    expect(metrics).toContain('forwarder_terminal_backlog{terminal="slow-1"} 50');
    // one cumulative ack opens the window again
    s.ws.send(JSON.stringify({ type: 'ack', seq: 8 }));
    await waitFor(() => s.messages.filter((m) => m.type === 'event').length === 16, 'next 8 events');
    const seqs = s.messages.flatMap((m) => (m.type === 'event' ? [m.seq] : []));
    expect(seqs).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
  });

  it('drops a link that stops answering heartbeats', async () => {
    const token = await fwd.createToken('silent-1');
    const s = await rawSocket('silent-1', token);
    s.ws.send(JSON.stringify({ type: 'hello', lastSeq: 0 }));
    // this socket never sends anything again: the forwarder (heartbeat 200 ms, dead after 2 s) cuts it. Not
    // 600 ms (3 heartbeats): the forwarder runs in this process, where a pause of the event loop over ~0.6 s
    // on a loaded machine can cut a live link (the test above once waited 15 s for pings, at load 10)
    const { code } = await s.closed;
    expect(code).toBe(1006);
    expect(fwd.inFlight().has('silent-1')).toBe(false);
  });
});
