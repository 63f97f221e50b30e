// The forwarder tells the terminal the head of its log (headSeq) in `welcome` and in each `event`, so
// the terminal knows how many events wait for it (a Z report refuses to close while any do).
// Same scenario against the SQLite and the Redis store.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startForwarder } from '../../forwarder/index';
import type { Forwarder } from '../../forwarder/index';
import { forwarderMessageSchema } from '../../shared';
import type { ForwarderMessage } from '../../shared';
import { needsRedis } from '../support/programs';
import { startRedis } from '../support/servers';
import { tempDir } from '../support/temp';
import { waitFor } from '../support/wait';
import { opnEvent, postWebhook, TEST_SECRET, uniquePrefix } from './helpers';

const tmp = tempDir('head');
let redis: { url: string; stop: () => Promise<void> } | null = null;
const forwarders: Record<'sqlite' | 'redis', Forwarder | null> = { sqlite: null, redis: null };
const sockets: WebSocket[] = [];

beforeAll(async () => {
  forwarders.sqlite = await startForwarder({ dataDir: tmp.dir, webhookSecret: TEST_SECRET, quiet: true });
  if (needsRedis.missing) return;
  redis = await startRedis();
  forwarders.redis = await startForwarder({ store: 'redis', redisUrl: redis.url, redisPrefix: uniquePrefix('head'), webhookSecret: TEST_SECRET, quiet: true });
});
afterEach(() => {
  for (const ws of sockets.splice(0)) ws.terminate();
});
afterAll(async () => {
  await forwarders.sqlite?.stop();
  await forwarders.redis?.stop();
  await redis?.stop();
  tmp.cleanup();
});

async function hello(fwd: Forwarder, id: string, token: string, lastSeq: number): Promise<{ ws: WebSocket; messages: ForwarderMessage[] }> {
  const ws = new WebSocket(fwd.wsUrl, { headers: { 'x-terminal-id': id, authorization: `Bearer ${token}` } });
  sockets.push(ws);
  const messages: ForwarderMessage[] = [];
  ws.on('message', (d) => messages.push(forwarderMessageSchema.parse(JSON.parse((d as Buffer).toString('utf8')))));
  await new Promise<void>((res, rej) => {
    ws.once('open', () => res());
    ws.once('error', rej);
  });
  ws.send(JSON.stringify({ type: 'hello', lastSeq }));
  return { ws, messages };
}

const events = (ms: ForwarderMessage[]) => ms.filter((m) => m.type === 'event');

for (const kind of ['sqlite', 'redis'] as const) describe.skipIf(kind === 'redis' && needsRedis.missing)(needsRedis.title(`headSeq (${kind} store)`, kind === 'redis'), () => {
  it('welcome carries the head of the log; each replayed and live event carries the head at sending', async () => {
    const fwd = forwarders[kind]!;
    const id = `head-${kind}`;
    const token = await fwd.createToken(id);
    for (const n of [1, 2, 3]) expect((await postWebhook(fwd.webhookUrl, opnEvent(`evnt_test_head_${kind}_${n}`, id), { secret: TEST_SECRET })).status).toBe(200);

    // The terminal committed seq 1: two wait for it, and it is told so before any event arrives.
    const { ws, messages } = await hello(fwd, id, token, 1);
    await waitFor(() => events(messages).length === 2, 'replay of 2 and 3');
    expect(messages[0]).toMatchObject({ type: 'welcome', resumeAfter: 1, headSeq: 3 });
    expect(events(messages).map((e) => [e.seq, e.headSeq])).toEqual([[2, 3], [3, 3]]);

    // Not acknowledged yet; a new webhook raises the head on the next event.
    expect((await postWebhook(fwd.webhookUrl, opnEvent(`evnt_test_head_${kind}_4`, id), { secret: TEST_SECRET })).status).toBe(200);
    await waitFor(() => events(messages).length === 3, 'live event 4');
    expect(events(messages)[2]).toMatchObject({ seq: 4, headSeq: 4 });
    ws.send(JSON.stringify({ type: 'ack', seq: 4 }));
  });

  it('after the forwarder lost its log (terminal cursor above it), the head is read after renumbering', async () => {
    const fwd = forwarders[kind]!;
    const id = `head-lost-${kind}`;
    const token = await fwd.createToken(id);
    expect((await postWebhook(fwd.webhookUrl, opnEvent(`evnt_test_headlost_${kind}_1`, id), { secret: TEST_SECRET })).status).toBe(200);
    const { messages } = await hello(fwd, id, token, 10);
    await waitFor(() => events(messages).length === 1, 'the renumbered event');
    expect(messages[0]).toMatchObject({ type: 'welcome', resumeAfter: 10, headSeq: 11 });
    expect(events(messages)[0]).toMatchObject({ seq: 11, headSeq: 11 });
  });
});
