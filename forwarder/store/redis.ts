// Redis event store for several forwarder instances behind a load balancer: one Stream per terminal
// (entry id "<seq>-1", so XRANGE reads by sequence), counters and cursors in hashes, and pub/sub so an
// append on instance A wakes the session of a terminal connected to instance B. Durability follows
// the Redis server's AOF policy (docs/forwarder.md: appendonly yes, appendfsync always).
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { Redis } from 'ioredis';
import { z } from 'zod';
import { signatureVerdictSchema, terminalIdSchema } from '../../shared';
import { GROUP_COMMIT_WINDOW_MS } from '../limits';
import { GroupCommit } from './group-commit';
import type { GroupCommitOptions } from './group-commit';
import type { AppendInput, AppendResult, DeadLetter, EventStore, StoredEvent } from './types';

// Appends a batch (group commit): one script, one AOF write and fsync for all of it. ARGV[1] is the
// notify channel, then six values per event; KEYS[2 + i] is event i's stream. A duplicate event id
// (also within the batch) writes nothing and answers the stored reference.
const APPEND_BATCH = `
local out = {}
local n = (#ARGV - 1) / 6
for i = 0, n - 1 do
  local b = 1 + i * 6
  local id, t = ARGV[b + 1], ARGV[b + 2]
  local ex = redis.call('HGET', KEYS[1], id)
  if ex then
    out[#out + 1] = '0 ' .. ex
  else
    local seq = redis.call('HINCRBY', KEYS[2], t, 1)
    redis.call('XADD', KEYS[3 + i], seq .. '-1', 'e', id, 'k', ARGV[b + 3], 'r', ARGV[b + 4], 's', ARGV[b + 5], 'b', ARGV[b + 6])
    redis.call('HSET', KEYS[1], id, t .. ' ' .. seq)
    redis.call('PUBLISH', ARGV[1], t .. ' ' .. seq)
    out[#out + 1] = '1 ' .. t .. ' ' .. seq
  end
end
return out`;

// Deletes dead letters older than ARGV[1] (ms) and then the oldest beyond ARGV[2]; KEYS: deadtime, dead, deadids.
const PRUNE_DEAD = `
local removed = 0
local function drop(ids)
  for _, id in ipairs(ids) do
    local raw = redis.call('HGET', KEYS[2], id)
    if raw then
      local ok, d = pcall(cjson.decode, raw)
      if ok and type(d) == 'table' and d.eventId then redis.call('HDEL', KEYS[3], d.eventId) end
      redis.call('HDEL', KEYS[2], id)
    end
    redis.call('ZREM', KEYS[1], id)
    removed = removed + 1
  end
end
drop(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[1]))
local over = redis.call('ZCARD', KEYS[1]) - tonumber(ARGV[2])
if over > 0 then drop(redis.call('ZRANGE', KEYS[1], 0, over - 1)) end
return removed`;

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

const MAX_BATCH = 256;

export async function openRedisStore(url: string, prefix: string, groupCommit?: Partial<GroupCommitOptions>): Promise<EventStore> {
  const groupOptions: GroupCommitOptions = { windowMs: GROUP_COMMIT_WINDOW_MS, maxBatch: MAX_BATCH, ...groupCommit };
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
  const sub = new Redis(url, { lazyConnect: true });
  await redis.connect();
  await sub.connect();
  const k = {
    ids: `${prefix}:ids`, last: `${prefix}:last`, acked: `${prefix}:acked`, tokens: `${prefix}:tokens`, known: `${prefix}:terminals`,
    dead: `${prefix}:dead`, deadIds: `${prefix}:deadids`, deadTime: `${prefix}:deadtime`, notify: `${prefix}:notify`, kick: `${prefix}:kick`,
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

  let commits = 0;
  // Dead letters written before the time index existed get one (oldest first out needs it).
  if ((await redis.zcard(k.deadTime)) < (await redis.hlen(k.dead))) {
    for (const raw of Object.values(await redis.hgetall(k.dead))) {
      const d = deadLetterSchema.safeParse(JSON.parse(raw));
      if (d.success) await redis.zadd(k.deadTime, 'NX', Date.parse(d.data.receivedAt) || 0, d.data.id);
    }
  }

  // Group commit, as in the SQLite store: one script call (one AOF write and fsync) per batch.
  const group = new GroupCommit<AppendInput, AppendResult>(groupOptions, async (batch) => {
    const keys = [k.ids, k.last, ...batch.map((p) => k.stream(p.terminalId))];
    const args = [k.notify, ...batch.flatMap((p) => [p.eventId, p.terminalId, p.eventKey, p.receivedAt, p.signature, p.rawBody])];
    commits++;
    const out = (await redis.eval(APPEND_BATCH, keys.length, ...keys, ...args)) as string[];
    return out.map((line) => {
      const [flag = '', terminalId = '', seq = '0'] = line.split(' ');
      return { seq: Number(seq), terminalId, duplicate: flag === '0' };
    });
  });
  const append = (input: AppendInput): Promise<AppendResult> => group.add(input);

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
      commits++;
      await redis.multi().hset(k.dead, id, JSON.stringify(dead)).zadd(k.deadTime, Date.parse(input.receivedAt) || Date.now(), id).exec();
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
        if (aof === 'yes' && fsync === 'always') return null;
        return `Redis has appendonly ${aof ?? '?'}, appendfsync ${fsync ?? '?'}: a Redis crash may lose webhooks already answered 2xx (set appendonly yes, appendfsync always)`;
      } catch {
        return 'CONFIG GET is not allowed on this Redis, so appendonly yes + appendfsync always could not be confirmed';
      }
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
      group.flush();
      emitter.removeAllListeners();
      sub.disconnect();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
