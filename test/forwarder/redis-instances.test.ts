// Two forwarder instances on one Redis, as behind a load balancer: a webhook that reaches instance A
// is delivered to a terminal connected to instance B; a terminal moving between instances is handed over.
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { RelayClient } from '../../electron/relay/client';
import { startForwarder } from '../../forwarder/index';
import type { Forwarder } from '../../forwarder/index';
import { forwarderMessageSchema } from '../../shared';
import type { ForwarderMessage } from '../../shared';
import { needsRedis } from '../support/programs';
import { useRedis } from '../support/servers';
import { tempDir } from '../support/temp';
import { waitFor } from '../support/wait';
import { opnEvent, postWebhook, TerminalDb, TEST_SECRET, uniquePrefix } from './helpers';

const redis = useRedis();
let a: Forwarder;
let b: Forwarder;
const tmp = tempDir('redis2');

beforeAll(async () => {
  if (needsRedis.missing) return;
  const redisPrefix = uniquePrefix('two');
  const common = { store: 'redis' as const, redisUrl: redis.url, redisPrefix, webhookSecret: TEST_SECRET, quiet: true, metricsPort: 0 };
  a = await startForwarder(common);
  b = await startForwarder(common);
});
afterAll(async () => {
  if (!needsRedis.missing) {
    await a.stop();
    await b.stop();
  }
  tmp.cleanup();
});

it.skipIf(needsRedis.missing)(needsRedis.title('delivers a webhook received by instance A to the terminal connected to instance B, in order, once'), async () => {
  const token = await a.createToken('lb-1');
  const db = new TerminalDb(`${tmp.dir}/lb-1.sqlite`);
  const client = new RelayClient({ url: b.wsUrl, terminalId: 'lb-1', token, lastSeq: db.lastSeq, onEvent: db.commit, backoff: { initialMs: 20, maxMs: 200 } });
  client.start();
  try {
    await waitFor(() => client.status.state === 'connected', 'connected to B');
    // Bodies with odd spacing, escapes, slashes and Thai/Korean text: the event rides on the append
    // notice to the other instance, and must reach the terminal byte for byte.
    const bodies: string[] = [];
    for (let i = 1; i <= 20; i++) {
      const target = i % 2 === 0 ? b : a;
      const body = opnEvent(`evnt_test_lb_${i}`, 'lb-1', 'charge.complete', { description: `กาแฟ / 커피 "${i}"\\n\u00e9 ` }).replace('{', '{  ');
      bodies.push(body);
      expect((await postWebhook(target.webhookUrl, body, { secret: TEST_SECRET })).status).toBe(200);
    }
    // the same event posted to both instances (Opn retry landing elsewhere) is stored once
    expect(await postWebhook(b.webhookUrl, opnEvent('evnt_test_lb_1', 'lb-1'), { secret: TEST_SECRET })).toMatchObject({ status: 200, json: { duplicate: true, seq: 1 } });
    await waitFor(() => db.rows().length === 20, '20 commits via B');
    expect(db.rows().map((r) => r.event_id)).toEqual(Array.from({ length: 20 }, (_, i) => `evnt_test_lb_${i + 1}`));
    expect(db.rows().map((r) => r.raw_body)).toEqual(bodies);
    expect(db.duplicateCommits).toBe(0);
    await waitFor(async () => (await a.store.ackedSeq('lb-1')) === 20, 'ack visible on A');
    const metricsA = await (await fetch(a.metricsUrl ?? '')).text();
    expect(metricsA).toContain('forwarder_terminal_backlog{terminal="lb-1"} 0');
  } finally {
    await client.stop();
    db.close();
  }
});

it.skipIf(needsRedis.missing)(needsRedis.title('a terminal connecting to A replaces its connection on B'), async () => {
  const token = await a.createToken('lb-2');
  const open = async (f: Forwarder): Promise<{ ws: WebSocket; messages: ForwarderMessage[]; closed: Promise<number> }> => {
    const ws = new WebSocket(f.wsUrl, { headers: { 'x-terminal-id': 'lb-2', authorization: `Bearer ${token}` } });
    const messages: ForwarderMessage[] = [];
    ws.on('message', (d) => messages.push(forwarderMessageSchema.parse(JSON.parse((d as Buffer).toString('utf8')))));
    const closed = new Promise<number>((res) => ws.on('close', (code) => res(code)));
    await new Promise((res) => ws.once('open', res));
    ws.send(JSON.stringify({ type: 'hello', lastSeq: 0 }));
    await waitFor(() => messages.some((m) => m.type === 'welcome'), 'welcome');
    return { ws, messages, closed };
  };
  const onB = await open(b);
  const onA = await open(a);
  try {
    expect(await onB.closed).toBe(4001);
    expect(onB.messages.some((m) => m.type === 'closing' && m.code === 'replaced')).toBe(true);
    expect(onA.ws.readyState).toBe(WebSocket.OPEN);
  } finally {
    onA.ws.terminate();
    onB.ws.terminate();
  }
});

it.skipIf(needsRedis.missing)(needsRedis.title('one batch appended on A reaches terminals on B through its one notice, with no read of the log'), async () => {
  const ids = ['nb-1', 'nb-2', 'nb-3'];
  const terminals = await Promise.all(
    ids.map(async (id) => {
      const db = new TerminalDb(`${tmp.dir}/${id}.sqlite`);
      const client = new RelayClient({ url: b.wsUrl, terminalId: id, token: await a.createToken(id), lastSeq: db.lastSeq, onEvent: db.commit, backoff: { initialMs: 20, maxMs: 200 } });
      client.start();
      return { id, db, client };
    }),
  );
  try {
    await waitFor(() => terminals.every((t) => t.client.status.state === 'connected'), 'all connected to B');
    await new Promise((r) => setTimeout(r, 100)); // the hello replays are over
    const reads = vi.spyOn(b.store, 'readAfter');
    // Appended in one turn of A's event loop: one group commit, one script, one notice of 12 lines.
    const commitsBefore = a.store.commits;
    const appends = ids.flatMap((t) => [1, 2, 3, 4].map((i) => ({ terminalId: t, eventId: `evnt_test_nb_${t}_${i}`, eventKey: 'charge.complete', receivedAt: new Date().toISOString(), signature: 'verified' as const, rawBody: `{"n":"${t} ${i}\\n"}` })));
    const results = await Promise.all(appends.map((e) => a.store.append(e)));
    expect(a.store.commits - commitsBefore).toBe(1);
    expect(results.map((r) => r.seq)).toEqual(ids.flatMap(() => [1, 2, 3, 4]));
    for (const t of terminals) await waitFor(() => t.db.rows().length === 4, `4 events on ${t.id}`);
    for (const t of terminals) expect(t.db.rows().map((r) => r.raw_body)).toEqual([1, 2, 3, 4].map((i) => `{"n":"${t.id} ${i}\\n"}`));
    // each event rode on the notice: B never read the log for them
    expect(reads).not.toHaveBeenCalled();
    reads.mockRestore();
  } finally {
    await Promise.all(terminals.map((t) => t.client.stop()));
    for (const t of terminals) t.db.close();
  }
});
