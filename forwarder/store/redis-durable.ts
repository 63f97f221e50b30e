// The durable mark of the Redis store: per terminal, the highest seq known to be on a replica too
// (hash <prefix>:durable). Terminals are only sent events up to it, so an event a terminal has
// committed cannot be missing from the replica promoted at a failover (otherwise a retried webhook
// could take its seq and the terminal would skip it as already committed).
// Replication is in order, so once a write is acknowledged every earlier one is too: the mark can
// jump to the last seq of the confirmed write. A mark itself may be lost at a failover (it is written
// after the confirmation); `heal` then raises it again once a replica has the log.
import type { Redis } from 'ioredis';
import { evalScript } from './redis-link';
import type { ReplicaGate } from './redis-link';

/**
 * KEYS: durable, last, ARGV: notify channel, the notice's first line ('' for none; redis-append.ts
 * noticeHeader), then terminal, seq pairs. Raises marks, announces them (one line each).
 */
export const MARK = `
local notes = {}
for i = 3, #ARGV - 1, 2 do
  local t, seq = ARGV[i], tonumber(ARGV[i + 1])
  local cur = tonumber(redis.call('HGET', KEYS[1], t) or '0')
  local last = tonumber(redis.call('HGET', KEYS[2], t) or '0')
  if seq > last then seq = last end
  if seq > cur then
    redis.call('HSET', KEYS[1], t, seq)
    notes[#notes + 1] = t .. ' ' .. seq
  end
end
if #notes > 0 then redis.call('PUBLISH', ARGV[1], ARGV[2] .. table.concat(notes, '\\n')) end
return 1`;

/** KEYS: durable, last, touch. Terminals whose mark is behind their log, as terminal, last pairs. */
const LAGGING = `
local last = redis.call('HGETALL', KEYS[2])
local out = {}
for i = 1, #last, 2 do
  local d = tonumber(redis.call('HGET', KEYS[1], last[i]) or '0')
  if tonumber(last[i + 1]) > d then
    out[#out + 1] = last[i]
    out[#out + 1] = last[i + 1]
  end
end
if #out > 0 then redis.call('INCR', KEYS[3]) end
return out`;

/** KEYS: durable, stream; ARGV: terminal, after, count. Events after `after`, up to the mark. */
export const READ = `
local d = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
local from = tonumber(ARGV[2]) + 1
if d < from then return {} end
return redis.call('XRANGE', KEYS[2], from .. '-0', d .. '-1', 'COUNT', ARGV[3])`;

/** KEYS: durable, last, flag. Logs written before the mark existed count as durable (once). */
const INIT = `
if redis.call('EXISTS', KEYS[3]) == 1 then return 0 end
local last = redis.call('HGETALL', KEYS[2])
for i = 1, #last, 2 do redis.call('HSET', KEYS[1], last[i], last[i + 1]) end
redis.call('SET', KEYS[3], '1')
return 1`;

export interface DurableKeys {
  readonly durable: string;
  readonly last: string;
  readonly touch: string;
  readonly notify: string;
  readonly initFlag: string;
}

export async function initDurable(redis: Redis, k: DurableKeys): Promise<void> {
  await redis.eval(INIT, 3, k.durable, k.last, k.initFlag);
}

/**
 * Raises the marks of these terminals (seq = highest confirmed) and announces them on the notify channel;
 * `header`: the notice's first line when the raising instance delivers them itself (its own appends).
 */
export async function mark(conn: Redis, k: DurableKeys, seqs: ReadonlyMap<string, number>, header = ''): Promise<void> {
  if (seqs.size === 0) return;
  await evalScript(conn, MARK, 2, k.durable, k.last, k.notify, header, ...[...seqs].flatMap(([t, s]) => [t, String(s)]));
}

/**
 * Raises lagging marks once a replica has the writes behind them (after a failover, or a write whose
 * confirmation timed out but which reached a replica later). Returns how many terminals it raised.
 */
export async function heal(conn: Redis, gate: ReplicaGate, k: DurableKeys): Promise<number> {
  const flat = (await conn.eval(LAGGING, 3, k.durable, k.last, k.touch)) as string[];
  if (flat.length === 0) return 0;
  await gate.wait();
  const seqs = new Map<string, number>();
  for (let i = 0; i + 1 < flat.length; i += 2) seqs.set(flat[i] ?? '', Number(flat[i + 1]));
  await mark(conn, k, seqs);
  return seqs.size;
}
