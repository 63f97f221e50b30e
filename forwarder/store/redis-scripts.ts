// Lua scripts of the Redis store (redis.ts) that are not about appending: pruning dead letters, acks,
// and renumbering a log after the forwarder lost its data. And the charge routes' key.

/** Where the terminal of a charge is remembered (written with the event's batch, read by store/charge-routes.ts). */
export const chargeRouteKey = (prefix: string, chargeId: string): string => `${prefix}:charge:${chargeId}`;
// Deletes dead letters older than ARGV[1] (ms) and then the oldest beyond ARGV[2]; KEYS: deadtime, dead, deadids.
export const PRUNE_DEAD = `
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

// Acks of several terminals (terminal, seq pairs): each cumulative, never backwards nor past the log.
export const ACK = `
for i = 1, #ARGV - 1, 2 do
  local cur = tonumber(redis.call('HGET', KEYS[1], ARGV[i]) or '0')
  local last = tonumber(redis.call('HGET', KEYS[2], ARGV[i]) or '0')
  local v = math.min(tonumber(ARGV[i + 1]), last)
  if v > cur then redis.call('HSET', KEYS[1], ARGV[i], v) end
end
return 1`;

export const RAISE = `
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
redis.call('HSET', KEYS[5], ARGV[1], tonumber(redis.call('HGET', KEYS[5], ARGV[1]) or '0') + cursor)
return 1`;
