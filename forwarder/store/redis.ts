// Redis event store for several forwarder instances behind a load balancer: one Stream per terminal
// (entry id "<seq>-1", so XRANGE reads by sequence), counters and cursors in hashes, and pub/sub so an
// append on instance A wakes the session of a terminal connected to instance B. Durability follows
// the Redis server's AOF policy (docs/forwarder.md: appendonly yes, appendfsync always) and, with
// Sentinel, a replica's acknowledgement of every write (redis-link.ts, redis-durable.ts).
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { z } from 'zod';
import { signatureVerdictSchema, terminalIdSchema } from '../../shared';
import { ACK_FLUSH_MS, CHARGE_ROUTE_RETENTION_MS, GROUP_COMMIT_WINDOW_MS } from '../limits';
import { GroupCommit } from './group-commit';
import { RecentEvents } from './recent-events';
import type { GroupCommitOptions } from './group-commit';
import { heal, initDurable, mark, READ } from './redis-durable';
import { ACK, chargeRouteKey, PRUNE_DEAD, RAISE } from './redis-scripts';
import { APPEND_BATCH, appendResults, noticeHeader, noticeLines } from './redis-append';
import { closeRedisClient, DEFAULT_REPLICA_WAIT_MS, describeTarget, evalScript, ReplicaGate, redisClient } from './redis-link';
import type { RedisTarget } from './redis-link';
import type { AppendInput, AppendResult, DeadLetter, EventStore, StoredEvent } from './types';

const deadLetterSchema = z.object({
  id: z.string(), eventId: z.string(), eventKey: z.string(), receivedAt: z.string(), signature: signatureVerdictSchema,
  reason: z.enum(['no_terminal', 'unknown_terminal']), terminalHint: z.string().nullable(), rawBody: z.string(), replayedTo: z.string().nullable(),
});
const kickSchema = z.object({ terminalId: terminalIdSchema, reason: z.enum(['replaced', 'revoked']), from: z.string(), at: z.number().optional() });

type StreamEntry = [id: string, fields: string[]];

function fieldsToEvent(id: string, fields: string[]): StoredEvent {
  const f = new Map<string, string>();
  for (let i = 0; i + 1 < fields.length; i += 2) f.set(fields[i] ?? '', fields[i + 1] ?? '');
  return {
    seq: Number(id.split('-')[0]), eventId: f.get('e') ?? '', eventKey: f.get('k') ?? '', receivedAt: f.get('r') ?? '',
    signature: signatureVerdictSchema.parse(f.get('s')), rawBody: f.get('b') ?? '',
  };
}

const MAX_BATCH = 256;
/** Batches sent and not yet answered, at most (see groupOptions). */
const MAX_IN_FLIGHT = 2;
/** How long an append waits for a batch in flight before going in its own. */
const MAX_WAIT_MS = 10;

/** How often lagging durable marks are checked (after a failover, or a confirmation that timed out). */
const HEAL_MS = 1000;

/** `target`: a redis:// URL, or a Sentinel set with passwords and the replicas to wait for. */
export async function openRedisStore(target: string | RedisTarget, prefix: string, groupCommit?: Partial<GroupCommitOptions>, chargeRouteRetentionMs = CHARGE_ROUTE_RETENTION_MS): Promise<EventStore> {
  // Two batches in flight, as on SQLite (one until 2026-12-07; A/B figures in docs/forwarder.md): the next
  // is on the wire while Redis runs and fsyncs one, in order on the one connection; none waits longer than
  // MAX_WAIT_MS (a round trip hanging across a failover must not hold back the appends behind it).
  const groupOptions: GroupCommitOptions = { windowMs: GROUP_COMMIT_WINDOW_MS, maxBatch: MAX_BATCH, maxInFlight: MAX_IN_FLIGHT, maxWaitMs: MAX_WAIT_MS, ...groupCommit };
  const t: RedisTarget = typeof target === 'string' ? { url: target } : target;
  // Reads, acks and tokens queue through a short reconnect; appends (writer) fail at once while the
  // primary is away, so the webhook gets a 5xx and Opn retries instead of waiting on a queue. The
  // writer never resends a command after a reconnect: a 5xx and Opn's retry (deduplicated) decide.
  const redis = redisClient(t, { maxRetriesPerRequest: 3 });
  const writer = redisClient(t, { maxRetriesPerRequest: 0, enableOfflineQueue: false, autoResendUnfulfilledCommands: false });
  const sub = redisClient(t);
  for (const c of [redis, writer, sub]) c.on('error', () => undefined); // reconnects on its own; failures reach callers
  try {
    await redis.connect();
    await writer.connect();
    await sub.connect();
  } catch (err) {
    await Promise.all([redis, writer, sub].map((c) => closeRedisClient(c, true)));
    throw err;
  }
  const k = {
    ids: `${prefix}:ids`, last: `${prefix}:last`, acked: `${prefix}:acked`, tokens: `${prefix}:tokens`, known: `${prefix}:terminals`,
    dead: `${prefix}:dead`, deadIds: `${prefix}:deadids`, deadTime: `${prefix}:deadtime`, notify: `${prefix}:notify`, kick: `${prefix}:kick`,
    durable: `${prefix}:durable`, touch: `${prefix}:touch`, initFlag: `${prefix}:durable-v1`,
    stream: (t: string) => `${prefix}:ev:${t}`,
  };
  const gate = new ReplicaGate(writer, t.minReplicas ?? (t.sentinels?.length ? 1 : 0), t.replicaWaitMs ?? DEFAULT_REPLICA_WAIT_MS, k.touch);
  await initDurable(redis, k);
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  // This store's appends are announced to its own sessions when they are durable (below), a pub/sub hop
  // sooner; their notice, which starts with this instance's header line, is for the others and skipped here.
  const ownNotice = noticeHeader(randomBytes(8).toString('hex'));
  await sub.subscribe(k.notify, k.kick);
  sub.on('message', (channel: string, message: string) => {
    if (channel === k.notify) {
      if (message.startsWith(ownNotice)) return;
      // every instance gets every notice; an event is parsed only by the instance holding its terminal
      for (const n of noticeLines(message)) emitter.emit('appended', n.terminalId, n.seq, n.event);
    } else if (channel === k.kick) {
      try {
        const kick = kickSchema.parse(JSON.parse(message));
        emitter.emit('kick', kick.terminalId, kick.reason, kick.from, kick.at);
      } catch {
        // another deployment sharing the prefix with a different format: ignore
      }
    }
  });

  let commits = 0;
  // Dead letters written before the time index existed get one (oldest first out needs it).
  if ((await redis.zcard(k.deadTime)) < (await redis.hlen(k.dead))) {
    for (const raw of Object.values(await redis.hgetall(k.dead))) {
      const d = deadLetterSchema.safeParse(JSON.parse(raw));
      if (d.success) await redis.zadd(k.deadTime, 'NX', Date.parse(d.data.receivedAt) || 0, d.data.id);
    }
  }

  // Group commit, as in the SQLite store: one script call (one AOF write and fsync) per batch; with
  // replicas to wait for, then one WAIT(AOF) and one mark for the whole batch.
  const recent = new RecentEvents();
  const group = new GroupCommit<AppendInput, AppendResult>(groupOptions, async (batch) => {
    const keys = [k.ids, k.last, k.durable, k.touch, ...batch.map((p) => k.stream(p.terminalId))];
    // NX keeps the first terminal; PX is the retention, so Redis forgets them by itself. Set in the
    // batch's script: the WAIT(AOF) below covers them too, so a 2xx means the route is on a replica as well.
    const routeIndex = (p: AppendInput): string => {
      if (!p.chargeRoute) return '0';
      keys.push(chargeRouteKey(prefix, p.chargeRoute.chargeId));
      return String(keys.length);
    };
    const args = [k.notify, gate.enabled ? '0' : '1', String(chargeRouteRetentionMs), ownNotice, ...batch.flatMap((p) => [p.eventId, p.terminalId, p.eventKey, p.receivedAt, p.signature, p.rawBody, routeIndex(p)])];
    commits++;
    const out = (await evalScript(writer, APPEND_BATCH, keys.length, ...keys, ...args)) as string[];
    const results = appendResults(out);
    if (gate.enabled) {
      await gate.wait();
      // duplicates too: the first attempt of a retried webhook may have failed before its mark
      const seqs = new Map<string, number>();
      for (const r of results) seqs.set(r.terminalId, Math.max(r.seq, seqs.get(r.terminalId) ?? 0));
      await mark(writer, k, seqs, ownNotice);
    }
    // Durable (and, with replicas, marked): a session of this instance sends them without reading back.
    results.forEach((r, i) => {
      const p = batch[i];
      if (r.duplicate || !p) return;
      const event: StoredEvent = { seq: r.seq, eventId: p.eventId, eventKey: p.eventKey, receivedAt: p.receivedAt, signature: p.signature, rawBody: p.rawBody };
      recent.add(r.terminalId, event);
      emitter.emit('appended', r.terminalId, r.seq, () => event);
    });
    return results;
  });
  /** After a write on the writer connection: waits for the replicas (no-op without them). */
  const replicated = async (): Promise<void> => {
    if (gate.enabled) await gate.wait();
  };
  // Acks are written in batches (every ACK_FLUSH_MS, one script call), as on SQLite: an ack lost in a
  // crash only means the event is offered again, and the terminal skips it by its cursor.
  const pendingAcks = new Map<string, number>();
  let ackTimer: NodeJS.Timeout | null = null;
  const flushAcks = async (): Promise<void> => {
    if (ackTimer) clearTimeout(ackTimer);
    ackTimer = null;
    if (pendingAcks.size === 0) return;
    const acks = [...pendingAcks];
    pendingAcks.clear();
    await evalScript(redis, ACK, 2, k.acked, k.last, ...acks.flatMap(([t, seq]) => [t, String(seq)]));
  };
  // Terminals are never forgotten (revoked ones stay known): the set is read once here and a yes is kept,
  // so a webhook costs no round trip for it. A terminal added by another process (a `token create`) is
  // asked for once, or learnt from its token when it connects.
  const known = new Set<string>(await redis.smembers(k.known));
  let healing = false;
  const healTimer = gate.enabled
    ? setInterval(() => {
        if (healing || writer.status !== 'ready') return;
        healing = true;
        void heal(writer, gate, k)
          .catch(() => undefined) // no replica yet: tried again at the next tick
          .finally(() => (healing = false));
      }, HEAL_MS)
    : null;
  healTimer?.unref();
  const append = (input: AppendInput): Promise<AppendResult> => group.add(input);

  const readDead = async (id: string): Promise<DeadLetter | null> => {
    const raw = await redis.hget(k.dead, id);
    return raw ? deadLetterSchema.parse(JSON.parse(raw)) : null;
  };

  return {
    kind: 'redis',
    summary: `redis${t.sentinels?.length ? `, ${describeTarget(t)}` : ''}${gate.enabled ? `, ${gate.minReplicas} replica(s) per write` : ''}`,
    append,
    readAfter: async (terminalId, afterSeq, limit) => {
      const cached = recent.after(terminalId, afterSeq, limit);
      if (cached) return cached;
      // Only up to the durable mark, so a terminal never commits an event a failover could take back.
      // Without replicas to wait for, the append itself moves the mark, so the whole stream is durable.
      const entries = (
        gate.enabled
          ? await evalScript(redis, READ, 2, k.durable, k.stream(terminalId), terminalId, String(afterSeq), String(limit))
          : await redis.xrange(k.stream(terminalId), `${afterSeq + 1}-0`, '+', 'COUNT', limit)
      ) as StreamEntry[];
      return entries.map(([id, fields]) => fieldsToEvent(id, fields));
    },
    ack: (terminalId, seq) => {
      recent.acked(terminalId, seq);
      if (seq > (pendingAcks.get(terminalId) ?? 0)) pendingAcks.set(terminalId, seq);
      ackTimer ??= setTimeout(() => void flushAcks().catch(() => undefined), ACK_FLUSH_MS);
      return Promise.resolve();
    },
    raiseSeq: async (terminalId, seq) => {
      recent.forget(terminalId);
      await evalScript(redis, RAISE, 5, k.last, k.stream(terminalId), k.ids, k.acked, k.durable, terminalId, String(seq));
    },
    headSeq: async (terminalId) => Number((await redis.hget(k.durable, terminalId)) ?? 0),
    checkIn: async (terminalIds) => {
      const out = new Map<string, { head: number; tokenHash: string | null }>();
      if (terminalIds.length === 0) return out;
      const [heads, hashes] = await Promise.all([redis.hmget(k.durable, ...terminalIds), redis.hmget(k.tokens, ...terminalIds)]);
      terminalIds.forEach((t, i) => out.set(t, { head: Number(heads[i] ?? 0), tokenHash: hashes[i] ?? null }));
      return out;
    },
    ackedSeq: async (terminalId) => {
      const [acked, last] = await Promise.all([redis.hget(k.acked, terminalId), redis.hget(k.last, terminalId)]);
      return Math.max(Number(acked ?? 0), Math.min(pendingAcks.get(terminalId) ?? 0, Number(last ?? 0)));
    },
    backlog: async () => {
      await flushAcks();
      const [terminals, last, acked] = await Promise.all([redis.smembers(k.known), redis.hgetall(k.durable), redis.hgetall(k.acked)]);
      return terminals.sort().map((t) => ({ terminalId: t, lastSeq: Number(last[t] ?? 0), ackedSeq: Number(acked[t] ?? 0) }));
    },
    setTokenHash: async (terminalId, hash) => {
      await writer.multi().sadd(k.known, terminalId).hset(k.tokens, terminalId, hash).exec();
      known.add(terminalId);
      await replicated();
    },
    tokenHash: async (terminalId) => {
      const hash = (await redis.hget(k.tokens, terminalId)) ?? null;
      if (hash !== null) known.add(terminalId); // a token is only ever set with the terminal's membership
      return hash;
    },
    revokeToken: async (terminalId) => {
      const removed = await writer.hdel(k.tokens, terminalId);
      if (removed === 0) await gate.touch();
      await replicated();
      return removed > 0;
    },
    isKnownTerminal: async (terminalId) => {
      if (known.has(terminalId)) return true;
      const yes = (await redis.sismember(k.known, terminalId)) === 1;
      if (yes) known.add(terminalId);
      return yes;
    },
    addDeadLetter: async (input) => {
      const id = `dl_${Date.now().toString(36)}${randomBytes(6).toString('hex')}`;
      const won = await writer.hsetnx(k.deadIds, input.eventId, id);
      if (won === 0) {
        // the first attempt may not have reached a replica: touch, so the wait covers it
        const first = (await writer.hget(k.deadIds, input.eventId)) ?? id;
        if (gate.enabled) await gate.touch();
        await replicated();
        return { id: first, duplicate: true };
      }
      const dead: DeadLetter = { ...input, id, replayedTo: null };
      commits++;
      await writer.multi().hset(k.dead, id, JSON.stringify(dead)).zadd(k.deadTime, Date.parse(input.receivedAt) || Date.now(), id).exec();
      await replicated();
      return { id, duplicate: false };
    },
    listDeadLetters: async () => {
      const all = Object.values(await redis.hgetall(k.dead)).map((v) => deadLetterSchema.parse(JSON.parse(v)));
      return all.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.id.localeCompare(b.id));
    },
    replayDeadLetter: async (id, terminalId) => {
      const dead = await readDead(id);
      if (!dead) return null;
      await redis.sadd(k.known, terminalId);
      const result = await append({ terminalId, eventId: dead.eventId, eventKey: dead.eventKey, receivedAt: dead.receivedAt, signature: dead.signature, rawBody: dead.rawBody });
      await redis.hset(k.dead, id, JSON.stringify({ ...dead, replayedTo: terminalId }));
      return result;
    },
    onAppended: (listener) => {
      emitter.on('appended', listener);
      return () => emitter.off('appended', listener);
    },
    publishKick: async (terminalId, reason, from, at) => {
      await redis.publish(k.kick, JSON.stringify({ terminalId, reason, from, at }));
    },
    onKick: (listener) => {
      emitter.on('kick', listener);
      return () => emitter.off('kick', listener);
    },
    pruneDeadLetters: async (olderThanIso, max) => {
      commits++;
      return Number(await redis.eval(PRUNE_DEAD, 3, k.deadTime, k.dead, k.deadIds, String(Date.parse(olderThanIso)), String(max)));
    },
    deadLetterCount: () => redis.zcard(k.deadTime),
    get commits() {
      return commits;
    },
    durabilityWarning: async () => {
      try {
        const [, aof] = (await redis.config('GET', 'appendonly')) as string[];
        const [, fsync] = (await redis.config('GET', 'appendfsync')) as string[];
        if (t.sentinels?.length && !gate.enabled) return 'with Sentinel and FORWARDER_REDIS_MIN_REPLICAS=0, a webhook answered 2xx before a replica had it is lost at a failover';
        if (aof === 'yes' && fsync === 'always') return null;
        return `Redis has appendonly ${aof ?? '?'}, appendfsync ${fsync ?? '?'}: a Redis crash may lose webhooks already answered 2xx (set appendonly yes, appendfsync always)`;
      } catch {
        return 'CONFIG GET is not allowed on this Redis, so appendonly yes + appendfsync always could not be confirmed';
      }
    },
    prune: async (olderThanIso) => {
      await flushAcks();
      let pruned = 0;
      const acked = await redis.hgetall(k.acked);
      for (const [terminalId, seqText] of Object.entries(acked)) {
        const upTo = Number(seqText);
        if (!(upTo > 0)) continue;
        const entries = (await redis.xrange(k.stream(terminalId), '-', `${upTo}-1`, 'COUNT', 10_000)) as StreamEntry[];
        const old = entries.map(([id, fields]) => ({ id, e: fieldsToEvent(id, fields) })).filter((x) => x.e.receivedAt < olderThanIso).map((x) => x.id);
        if (old.length > 0) pruned += await redis.xdel(k.stream(terminalId), ...old);
      }
      return pruned;
    },
    close: async () => {
      if (healTimer) clearInterval(healTimer);
      group.flush();
      await flushAcks().catch(() => undefined);
      emitter.removeAllListeners();
      await Promise.all([closeRedisClient(sub, true), closeRedisClient(redis), closeRedisClient(writer)]);
    },
  };
}
