// Redis fails over under load: our own primary + replica (AOF, appendfsync always, passwords) and three
// sentinels; two forwarder processes on REDIS_SENTINELS; 200 relay-client terminals; 2,000 webhooks
// from a client that retries like Opn (any non-2xx or connection error: again, on either instance).
// The primary is SIGKILLed mid-stream and restarted later as a replica of the promoted one. Every
// webhook answered 2xx reaches its terminal once, in order; acknowledged events are never offered
// again. The time from the kill until webhooks are accepted again is printed, not asserted.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { RelayClient } from '../../electron/relay/client';
import { createToken } from '../../forwarder/index';
import { openStore } from '../../forwarder/store/open';
import { forwarderMessageSchema } from '../../shared';
import type { RelayEvent } from '../../shared';
import { atFileEnd } from '../support/cleanup';
import { needsRedisSentinel } from '../support/programs';
import { freePort, opnEvent, sign, spawnForwarder, stopChild, tempDir, TEST_SECRET, waitFor } from './helpers';
import type { ForwarderChild } from './helpers';
import { MASTER, primaryPortSeen, REDIS_PASSWORD, SENTINEL_PASSWORD, sentinelClient, startNode, startSentinel, stopAll } from './sentinel';
import type { RedisNode } from './sentinel';

const TERMINALS = 200;
const ROUNDS = 10; // one webhook per terminal per round: 2,000
const KILL_AFTER = 700; // accepted webhooks before the primary is SIGKILLed
const LANES = 40;

const tmp = tempDir('sentinel');
afterAll(() => tmp.cleanup());

/**
 * What a stalled run looks like (the stall once seen under CI load was ioredis ending one instance's clients
 * for good, now reconnected: sentinel-client-end.test.ts): the terminals short
 * of their events, by the instance they connect to, with their link state, and each instance's own view of
 * them (in flight on its session, backlog in the store).
 */
async function stallReport(ids: string[], clients: RelayClient[], terminals: Terminals, forwarders: ForwarderChild[]): Promise<string> {
  const stuck = ids.flatMap((id, i) => (terminals.rows(id).length < ROUNDS ? [{ id, i }] : []));
  const byInstance = [0, 1].map((n) => stuck.filter((s) => s.i % 2 === n).length);
  const metrics = await Promise.all(forwarders.map(async (f) => (await fetch(f.metricsUrl).then((r) => r.text(), () => '')).split('\n')));
  const sample = stuck.slice(0, 6).map(({ id, i }) => {
    const seen = (name: string): string => metrics.map((m, n) => `${n}:${m.find((l) => l.startsWith(`${name}{terminal="${id}"}`))?.split(' ').pop() ?? '-'}`).join('/');
    const st = clients[i]?.status;
    return `${id} (instance ${i % 2}, committed ${terminals.lastSeq(id)}, link ${st?.state ?? '?'} ${st?.detail ?? ''}, in flight ${seen('forwarder_terminal_in_flight')}, backlog ${seen('forwarder_terminal_backlog')})`;
  });
  const connected = metrics.map((m) => m.find((l) => l.startsWith('forwarder_terminals_connected'))?.split(' ').pop() ?? '?');
  return `${stuck.length} terminals short (instance 0: ${byInstance[0]}, instance 1: ${byInstance[1]}); connected per instance ${connected.join('/')}; ${sample.join('; ')}; instances: ${forwarders.map((f, n) => `${n}: ${f.child.exitCode === null && f.child.signalCode === null ? 'running' : `exited ${f.child.exitCode ?? f.child.signalCode}`}, stderr ${f.stderr().slice(0, 1500)}`).join(' | ')}`;
}

/** Every terminal's receipt DB in one file: (terminal, seq) and event ids unique, so a second commit fails loudly. */
class Terminals {
  private readonly db: Database.Database;
  duplicateCommits = 0;
  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(`CREATE TABLE events (terminal TEXT NOT NULL, seq INTEGER NOT NULL, event_id TEXT NOT NULL UNIQUE, PRIMARY KEY (terminal, seq));
                  CREATE TABLE cursor (terminal TEXT PRIMARY KEY, seq INTEGER NOT NULL);`);
  }
  lastSeq = (t: string): number => (this.db.prepare('SELECT seq FROM cursor WHERE terminal = ?').get(t) as { seq: number } | undefined)?.seq ?? 0;
  commit = (t: string, e: RelayEvent): Promise<void> => {
    try {
      this.db.transaction(() => {
        this.db.prepare('INSERT INTO events (terminal, seq, event_id) VALUES (?, ?, ?)').run(t, e.seq, e.eventId);
        this.db.prepare('INSERT INTO cursor (terminal, seq) VALUES (?, ?) ON CONFLICT (terminal) DO UPDATE SET seq = excluded.seq').run(t, e.seq);
      })();
      return Promise.resolve();
    } catch (err) {
      this.duplicateCommits++;
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  };
  count = (): number => (this.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
  rows(t: string): { seq: number; event_id: string }[] {
    return this.db.prepare('SELECT seq, event_id FROM events WHERE terminal = ? ORDER BY seq').all(t) as { seq: number; event_id: string }[];
  }
  close(): void {
    this.db.close();
  }
}

/** Frames a fresh link gets within `ms` after hello with this cursor (event seqs only). */
async function eventsAfterHello(wsUrl: string, terminalId: string, token: string, lastSeq: number, ms: number): Promise<number[]> {
  const ws = new WebSocket(wsUrl, { headers: { 'x-terminal-id': terminalId, authorization: `Bearer ${token}` } });
  const seqs: number[] = [];
  let welcomed = false;
  ws.on('message', (d: Buffer) => {
    const m = forwarderMessageSchema.parse(JSON.parse(d.toString()));
    if (m.type === 'welcome') welcomed = true;
    if (m.type === 'event') seqs.push(m.seq);
  });
  ws.on('error', () => undefined);
  await new Promise((r) => ws.once('open', r));
  ws.send(JSON.stringify({ type: 'hello', lastSeq }));
  await waitFor(() => welcomed, 'welcome');
  await new Promise((r) => setTimeout(r, ms));
  ws.terminate();
  return seqs;
}

describe.skipIf(needsRedisSentinel.missing)(needsRedisSentinel.title('Redis Sentinel failover'), () => {
  it('loses no webhook answered 2xx, delivers none twice after its ack and keeps each terminal in order, across a SIGKILL of the primary', async () => {
    const primary = await startNode({ port: await freePort(), dir: join(tmp.dir, 'a') }, null);
    const replica = await startNode({ port: await freePort(), dir: join(tmp.dir, 'b') }, primary.port);
    let restarted: RedisNode | null = null;
    const sentinels = await Promise.all([1, 2, 3].map(async (i) => startSentinel(join(tmp.dir, `s${i}`), primary.port)));
    const watch = sentinelClient(sentinels[0]?.port ?? 0);
    const forwarders: ForwarderChild[] = [];
    const clients: RelayClient[] = [];
    const terminals = new Terminals(join(tmp.dir, 'terminals.sqlite'));
    const t0 = performance.now();
    const phases: string[] = [];
    const phase = (what: string): void => void phases.push(`${what} at ${Math.round(performance.now() - t0)} ms`);
    try {
      // the sentinels know each other and the replica before anything fails
      await waitFor(async () => {
        const [others, replicas] = (await Promise.all([watch.call('SENTINEL', 'sentinels', MASTER), watch.call('SENTINEL', 'replicas', MASTER)])) as [unknown[], unknown[]];
        return others.length === 2 && replicas.length === 1;
      }, 'sentinels to discover each other and the replica', 30_000);

      phase('sentinels ready');
      const sentinelList = sentinels.map((s) => `127.0.0.1:${s.port}`).join(',');
      const env = {
        FORWARDER_STORE: 'redis', REDIS_SENTINELS: sentinelList, REDIS_SENTINEL_MASTER: MASTER, REDIS_SENTINEL_PASSWORD: SENTINEL_PASSWORD,
        REDIS_PASSWORD, FORWARDER_REDIS_WAIT_MS: '500', FORWARDER_REDIS_PREFIX: 'sentinel', OPN_WEBHOOK_SECRET: TEST_SECRET, FORWARDER_HEARTBEAT_MS: '1000',
      };
      const setup = await openStore({ store: 'redis', redisSentinels: sentinels.map((s) => ({ host: '127.0.0.1', port: s.port })), redisMasterName: MASTER, redisSentinelPassword: SENTINEL_PASSWORD, redisPassword: REDIS_PASSWORD, redisPrefix: 'sentinel' });
      const ids = Array.from({ length: TERMINALS }, (_, i) => `snt-${String(i).padStart(3, '0')}`);
      const tokens = new Map<string, string>();
      for (const id of ids) tokens.set(id, await createToken(setup, id));
      expect(await setup.durabilityWarning()).toBeNull();
      await setup.close();

      phase('tokens created');
      forwarders.push(await spawnForwarder(env), await spawnForwarder(env));
      for (const f of forwarders) void atFileEnd(() => stopChild(f.child, 'SIGKILL')); // even if the test times out
      phase('forwarders started');
      const urls = forwarders.map((f) => `${f.url}/webhooks/opn`);
      ids.forEach((id, i) => {
        const client = new RelayClient({
          url: `${forwarders[i % 2]?.url.replace('http', 'ws') ?? ''}/terminals`, terminalId: id, token: tokens.get(id) ?? '',
          lastSeq: () => terminals.lastSeq(id), onEvent: (e) => terminals.commit(id, e), backoff: { initialMs: 50, maxMs: 400 },
        });
        client.start();
        clients.push(client);
      });

      let accepted = 0;
      let killedAt = 0;
      let acceptedAgainAt = 0;
      let promotedAt = 0;
      let rejoinedAt = 0;
      let failover: Promise<void> = Promise.resolve();
      const killPrimary = async (): Promise<void> => {
        killedAt = performance.now();
        await stopChild(primary.child, 'SIGKILL');
        // once the sentinels have promoted the replica, the old primary comes back as its replica
        await waitFor(async () => (await primaryPortSeen(watch)) === replica.port, 'the sentinels to promote the replica', 30_000);
        promotedAt = performance.now();
        // Its rejoin is printed below (1–3 s after the promotion as a rule). Once in 6 runs under load the
        // wait gave up after 20 s although webhooks were accepted again (so a replica acknowledged) 13 s in;
        // cause not found: the wait is longer now, and a timeout shows the node's log.
        restarted = await startNode({ port: primary.port, dir: primary.dir }, replica.port, 60_000);
        rejoinedAt = performance.now();
      };
      /** Like Opn: until a 2xx, retrying any other answer or a connection error, on either instance. */
      const deliver = async (id: string, terminal: string, n: number): Promise<void> => {
        const body = opnEvent(id, terminal);
        for (let attempt = 0; ; attempt++) {
          const sentAt = performance.now();
          const ts = Math.floor(Date.now() / 1000);
          try {
            const res = await fetch(urls[(n + attempt) % 2] ?? '', { method: 'POST', body, headers: { 'omise-signature': sign(TEST_SECRET, ts, body), 'omise-signature-timestamp': String(ts) }, signal: AbortSignal.timeout(5000) });
            await res.arrayBuffer();
            if (res.ok) {
              if (killedAt > 0 && sentAt > killedAt && acceptedAgainAt === 0) acceptedAgainAt = performance.now();
              if (++accepted === KILL_AFTER) failover = killPrimary();
              return;
            }
          } catch {
            // instance or primary unreachable: retry
          }
          if (attempt > 2000) throw new Error(`${id} never accepted`);
          await new Promise((r) => setTimeout(r, 100));
        }
      };
      const order = new Map<string, string[]>(ids.map((id) => [id, []]));
      for (let round = 0; round < ROUNDS; round++) {
        // one webhook per terminal per round, and a round only after the previous one is all 2xx:
        // so each terminal's order of acceptance is its order of sending
        const queue = ids.map((t, i) => ({ t, i }));
        await Promise.all(Array.from({ length: LANES }, async () => {
          for (let job = queue.shift(); job; job = queue.shift()) {
            const id = `evnt_snt_${round}_${job.t}`;
            await deliver(id, job.t, round * TERMINALS + job.i);
            order.get(job.t)?.push(id);
          }
        }));
        phase(`round ${round} accepted (${terminals.count()} committed)`);
      }
      await failover;
      expect(restarted).not.toBeNull();
      expect(killedAt).toBeGreaterThan(0);
      expect(acceptedAgainAt).toBeGreaterThan(0);
      const ms = (t: number): number => Math.round(t - killedAt);
      console.log(`sentinel failover (down-after 1000 ms): replica promoted ${ms(promotedAt)} ms after the primary's SIGKILL, old primary answering as its replica at ${ms(rejoinedAt)} ms, webhooks accepted again at ${ms(acceptedAgainAt)} ms`);

      await waitFor(() => terminals.count() === TERMINALS * ROUNDS, `all ${TERMINALS * ROUNDS} commits`, 150_000, 200).catch(async (err: unknown) => {
        console.log(`sentinel failover stalled: ${await stallReport(ids, clients, terminals, forwarders)}`);
        throw err;
      });
      for (const id of ids) {
        const rows = terminals.rows(id);
        expect(rows.map((r) => r.event_id)).toEqual(order.get(id));
        expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: ROUNDS }, (_, i) => i + 1));
      }
      expect(terminals.duplicateCommits).toBe(0);

      // acknowledged events are not offered again (on either instance), also to a fresh link
      await Promise.all(clients.map((c) => c.stop()));
      const sample = ids.filter((_, i) => i % 10 === 0);
      const again = await Promise.all(sample.map((id, i) => eventsAfterHello(`${forwarders[i % 2]?.url.replace('http', 'ws') ?? ''}/terminals`, id, tokens.get(id) ?? '', ROUNDS, 300)));
      expect(again.flat()).toEqual([]);
    } finally {
      phase(`end (${terminals.count()} committed)`);
      console.log(`sentinel failover phases: ${phases.join(', ')}`);
      await Promise.all(clients.map((c) => c.stop()));
      await Promise.all(forwarders.map((f) => stopChild(f.child)));
      watch.disconnect();
      terminals.close();
      await stopAll([primary.child, replica.child, (restarted as RedisNode | null)?.child, ...sentinels.map((s) => s.child)]);
    }
    // ~40 s on a quiet machine; the bound leaves room for a heavily shared one (78 s seen at load 25)
  }, 300_000);
});
