// Redis event store for several forwarder instances behind a load balancer: one Stream per terminal
// (entry id "<seq>-1", so XRANGE reads by sequence), counters and cursors in hashes, and pub/sub so an
// append on instance A wakes the session of a terminal connected to instance B. Durability follows
// the Redis server's AOF policy (docs/forwarder.md: appendonly yes, appendfsync always).
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { Redis } from 'ioredis';
import { z } from 'zod';
import { signatureVerdictSchema, terminalIdSchema } from '../../shared/relay';
import type { AppendInput, AppendResult, DeadLetter, EventStore, StoredEvent } from './types';

const APPEND = `
local ex = redis.call('HGET', KEYS[1], ARGV[1])
if ex then return {0, ex} end
local seq = redis.call('HINCRBY', KEYS[2], ARGV[2], 1)
redis.call('XADD', KEYS[3], seq .. '-1', 'e', ARGV[1], 'k', ARGV[3], 'r', ARGV[4], 's', ARGV[5], 'b', ARGV[6])
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. ' ' .. seq)
redis.call('PUBLISH', ARGV[7], ARGV[2] .. ' ' .. seq)
return {1, ARGV[2] .. ' ' .. seq}`;

const ACK = `
local cur = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
local last = tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '0')
local v = math.min(tonumber(ARGV[2]), last)
if v > cur then redis.call('HSET', KEYS[1], ARGV[1], v) end
return 1`;

const RAISE = `
local last = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
local cursor = tonumber(ARGV[2])
if last >= cursor then return 0 end
local entries = redis.call('XRANGE', KEYS[2], '-', '+')
redis.call('DEL', KEYS[2])
for _, entry in ipairs(entries) do
  local seq = tonumber(string.match(entry[1], '^(%d+)')) + cursor
  redis.call('XADD', KEYS[2], seq .. '-1', unpack(entry[2]))
  local fields = entry[2]
  for i = 1, #fields, 2 do
    if fields[i] == 'e' then redis.call('HSET', KEYS[3], fields[i + 1], ARGV[1] .. ' ' .. seq) end
  end
end
redis.call('HSET', KEYS[1], ARGV[1], last + cursor)
redis.call('HSET', KEYS[4], ARGV[1], cursor)
return 1`;

const deadLetterSchema = z.object({
  id: z.string(), eventId: z.string(), eventKey: z.string(), receivedAt: z.string(), signature: signatureVerdictSchema,
  reason: z.enum(['no_terminal', 'unknown_terminal']), terminalHint: z.string().nullable(), rawBody: z.string(), replayedTo: z.string().nullable(),
});
const kickSchema = z.object({ terminalId: terminalIdSchema, reason: z.enum(['replaced', 'revoked']), from: z.string() });

type StreamEntry = [id: string, fields: string[]];

function fieldsToEvent(id: string, fields: string[]): StoredEvent {
  const f = new Map<string, string>();
  for (let i = 0; i + 1 < fields.length; i += 2) f.set(fields[i] ?? '', fields[i + 1] ?? '');
  return {
    seq: Number(id.split('-')[0]), eventId: f.get('e') ?? '', eventKey: f.get('k') ?? '', receivedAt: f.get('r') ?? '',
    signature: signatureVerdictSchema.parse(f.get('s')), rawBody: f.get('b') ?? '',
  };
}

function parseRef(ref: string): { terminalId: string; seq: number } {
  const [terminalId = '', seq = '0'] = ref.split(' ');
  return { terminalId, seq: Number(seq) };
}

export async function openRedisStore(url: string, prefix: string): Promise<EventStore> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
  const sub = new Redis(url, { lazyConnect: true });
  await redis.connect();
  await sub.connect();
  const k = {
    ids: `${prefix}:ids`, last: `${prefix}:last`, acked: `${prefix}:acked`, tokens: `${prefix}:tokens`, known: `${prefix}:terminals`,
    dead: `${prefix}:dead`, deadIds: `${prefix}:deadids`, notify: `${prefix}:notify`, kick: `${prefix}:kick`,
    stream: (t: string) => `${prefix}:ev:${t}`,
  };
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  await sub.subscribe(k.notify, k.kick);
  sub.on('message', (channel: string, message: string) => {
    if (channel === k.notify) {
      const { terminalId, seq } = parseRef(message);
      emitter.emit('appended', terminalId, seq);
    } else if (channel === k.kick) {
      try {
        const kick = kickSchema.parse(JSON.parse(message));
        emitter.emit('kick', kick.terminalId, kick.reason, kick.from);
      } catch {
        // another deployment sharing the prefix with a different format: ignore
      }
    }
  });

  const append = async (input: AppendInput): Promise<AppendResult> => {
    const r = (await redis.eval(APPEND, 3, k.ids, k.last, k.stream(input.terminalId), input.eventId, input.terminalId, input.eventKey, input.receivedAt, input.signature, input.rawBody, k.notify)) as [number, string];
    const ref = parseRef(r[1]);
    return { seq: ref.seq, terminalId: ref.terminalId, duplicate: r[0] === 0 };
  };

  const readDead = async (id: string): Promise<DeadLetter | null> => {
    const raw = await redis.hget(k.dead, id);
    return raw ? deadLetterSchema.parse(JSON.parse(raw)) : null;
  };

  return {
    kind: 'redis',
    append,
    readAfter: async (terminalId, afterSeq, limit) => {
      const entries = (await redis.xrange(k.stream(terminalId), `${afterSeq + 1}-0`, '+', 'COUNT', limit)) as StreamEntry[];
      return entries.map(([id, fields]) => fieldsToEvent(id, fields));
    },
    ack: async (terminalId, seq) => {
      await redis.eval(ACK, 2, k.acked, k.last, terminalId, String(seq));
    },
    raiseSeq: async (terminalId, seq) => {
      await redis.eval(RAISE, 4, k.last, k.stream(terminalId), k.ids, k.acked, terminalId, String(seq));
    },
    headSeq: async (terminalId) => Number((await redis.hget(k.last, terminalId)) ?? 0),
    ackedSeq: async (terminalId) => Number((await redis.hget(k.acked, terminalId)) ?? 0),
    backlog: async () => {
      const [terminals, last, acked] = await Promise.all([redis.smembers(k.known), redis.hgetall(k.last), redis.hgetall(k.acked)]);
      return terminals.sort().map((t) => ({ terminalId: t, lastSeq: Number(last[t] ?? 0), ackedSeq: Number(acked[t] ?? 0) }));
    },
    setTokenHash: async (terminalId, hash) => {
      await redis.multi().sadd(k.known, terminalId).hset(k.tokens, terminalId, hash).exec();
    },
    tokenHash: async (terminalId) => (await redis.hget(k.tokens, terminalId)) ?? null,
    revokeToken: async (terminalId) => (await redis.hdel(k.tokens, terminalId)) > 0,
    isKnownTerminal: async (terminalId) => (await redis.sismember(k.known, terminalId)) === 1,
    addDeadLetter: async (input) => {
      const id = `dl_${Date.now().toString(36)}${randomBytes(6).toString('hex')}`;
      const won = await redis.hsetnx(k.deadIds, input.eventId, id);
      if (won === 0) return { id: (await redis.hget(k.deadIds, input.eventId)) ?? id, duplicate: true };
      const dead: DeadLetter = { ...input, id, replayedTo: null };
      await redis.hset(k.dead, id, JSON.stringify(dead));
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
    publishKick: async (terminalId, reason, from) => {
      await redis.publish(k.kick, JSON.stringify({ terminalId, reason, from }));
    },
    onKick: (listener) => {
      emitter.on('kick', listener);
      return () => emitter.off('kick', listener);
    },
    prune: async (olderThanIso) => {
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
      emitter.removeAllListeners();
      sub.disconnect();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
