// Redis can die: our own redis-server (AOF, appendfsync always) is SIGKILLed during a stream of
// webhooks and restarted on its data, and one of two forwarder instances on it is SIGKILLed too. Every
// webhook answered 2xx is delivered, in order; once acknowledged, never again (also after another
// Redis SIGKILL). A Redis with weaker persistence makes the forwarder warn at start.
import type { ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { RelayClient } from '../../electron/relay/client';
import { forwarderMessageSchema } from '../../shared';
import { createToken } from '../../forwarder/index';
import { openStore } from '../../forwarder/store/open';
import { freePort, hasRedisServer, opnEvent, sign, spawnForwarder, startDurableRedis, startRedis, stopChild, tempDir, TerminalDb, TEST_SECRET, uniquePrefix, waitFor } from './helpers';
import type { ForwarderChild } from './helpers';
import { needsRedisServer } from '../support/programs';

const N = 120;
const tmp = tempDir('redis-fault');
afterAll(() => tmp.cleanup());

/** Like Opn: POST until a 2xx, retrying connection errors and 5xx, on whichever instance is up. */
async function deliver(urls: () => string[], body: string): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt++) {
    const list = urls();
    const url = list[attempt % list.length] ?? '';
    const ts = Math.floor(Date.now() / 1000);
    try {
      const res = await fetch(url, { method: 'POST', body, headers: { 'omise-signature': sign(TEST_SECRET, ts, body), 'omise-signature-timestamp': String(ts) }, signal: AbortSignal.timeout(5000) });
      if (res.status >= 200 && res.status < 300) return;
    } catch {
      // instance or Redis down: retry
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('webhook never accepted');
}

async function sigkill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}

/** Frames a fresh link gets within `ms` after hello with this cursor. */
async function framesAfterHello(wsUrl: string, terminalId: string, token: string, lastSeq: number, ms: number): Promise<string[]> {
  const ws = new WebSocket(wsUrl, { headers: { 'x-terminal-id': terminalId, authorization: `Bearer ${token}` } });
  const types: string[] = [];
  ws.on('message', (d: Buffer) => {
    const m = forwarderMessageSchema.parse(JSON.parse(d.toString()));
    types.push(m.type === 'event' ? `event ${m.seq}` : m.type);
  });
  await new Promise((r) => ws.once('open', r));
  ws.send(JSON.stringify({ type: 'hello', lastSeq }));
  await waitFor(() => types.includes('welcome'), 'welcome');
  await new Promise((r) => setTimeout(r, ms));
  ws.terminate();
  return types;
}

describe.skipIf(!hasRedisServer())(needsRedisServer.title('Redis SIGKILL', !hasRedisServer()), () => {
  it('every 2xx webhook is delivered in order and acknowledged ones never again, across Redis and forwarder SIGKILLs', async () => {
    const redisPort = await freePort();
    const redisDir = tempDir('aof');
    let redis = await startDurableRedis(redisDir.dir, redisPort);
    const redisUrl = `redis://127.0.0.1:${redisPort}`;
    const prefix = uniquePrefix('fault');
    const env = { FORWARDER_STORE: 'redis', REDIS_URL: redisUrl, FORWARDER_REDIS_PREFIX: prefix, OPN_WEBHOOK_SECRET: TEST_SECRET, FORWARDER_HEARTBEAT_MS: '300', FORWARDER_QUIET: '0' };
    const s = await openStore({ store: 'redis', redisUrl, redisPrefix: prefix });
    const token = await createToken(s, 'fault-1');
    await s.close();

    const a = await spawnForwarder(env);
    let b: ForwarderChild | null = await spawnForwarder(env);
    const db = new TerminalDb(`${tmp.dir}/terminal.sqlite`);
    const client = new RelayClient({ url: `${a.url.replace('http', 'ws')}/terminals`, terminalId: 'fault-1', token, lastSeq: db.lastSeq, onEvent: db.commit, backoff: { initialMs: 20, maxMs: 200 } });
    client.start();
    try {
      expect(a.stdout()).not.toContain('durability weaker');
      const accepted: string[] = [];
      const faults: Promise<void>[] = [];
      const soon = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
      for (let i = 1; i <= N; i++) {
        const id = `evnt_fault_${i}`;
        // alternate instances while both live
        await deliver(() => (b ? (i % 2 ? [`${a.url}/webhooks/opn`, `${b.url}/webhooks/opn`] : [`${b.url}/webhooks/opn`, `${a.url}/webhooks/opn`]) : [`${a.url}/webhooks/opn`]), opnEvent(id, 'fault-1'));
        accepted.push(id);
        if (i === 40) {
          // Redis dies while the next webhooks are being stored and the terminal is draining; it comes
          // back on the same AOF while the stream goes on (its webhooks are retried meanwhile)
          faults.push((async () => {
            await soon(3);
            await sigkill(redis);
            await soon(200);
            redis = await startDurableRedis(redisDir.dir, redisPort);
          })());
        }
        if (i === 80 && b) {
          const dying = b;
          faults.push(soon(2).then(() => sigkill(dying.child)).then(() => void (b = null)));
        }
      }
      await Promise.all(faults);
      await waitFor(() => db.rows().length === N, `all ${N} commits`, 40_000);
      const rows = db.rows();
      expect(rows.map((r) => r.event_id)).toEqual(accepted);
      expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: N }, (_, i) => i + 1));
      expect(db.duplicateCommits).toBe(0);

      // acknowledged: kept across one more Redis SIGKILL, and never offered again
      const check = await openStore({ store: 'redis', redisUrl, redisPrefix: prefix });
      await waitFor(async () => (await check.ackedSeq('fault-1')) === N, 'the last ack to be stored');
      await check.close();
      await client.stop();
      await sigkill(redis);
      redis = await startDurableRedis(redisDir.dir, redisPort);
      const after = await openStore({ store: 'redis', redisUrl, redisPrefix: prefix });
      expect(await after.ackedSeq('fault-1')).toBe(N);
      expect(await after.headSeq('fault-1')).toBe(N);
      await after.close();
      const types = await framesAfterHello(`${a.url.replace('http', 'ws')}/terminals`, 'fault-1', token, N, 700);
      expect(types.filter((t) => t.startsWith('event'))).toEqual([]);
    } finally {
      await client.stop();
      db.close();
      if (b) await stopChild(b.child);
      await stopChild(a.child);
      await stopChild(redis);
      redisDir.cleanup();
    }
  }, 120_000);

  it('warns at start when Redis persistence is weaker than appendonly yes + appendfsync always', async () => {
    const weak = await startRedis({ own: true }); // appendonly no
    try {
      const fwd = await spawnForwarder({ FORWARDER_STORE: 'redis', REDIS_URL: weak.url, FORWARDER_REDIS_PREFIX: uniquePrefix('weak'), OPN_WEBHOOK_SECRET: TEST_SECRET, FORWARDER_QUIET: '0' });
      try {
        await waitFor(() => fwd.stdout().includes('store durability weaker than documented'), 'the persistence warning');
        expect(fwd.stdout()).toContain('appendonly no');
      } finally {
        await stopChild(fwd.child);
      }
    } finally {
      await weak.stop();
    }
  }, 60_000);
});
