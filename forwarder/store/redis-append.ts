// The Redis store's append (redis.ts): the batch script, and the notice it publishes, as each instance
// reads it back (a line per event, the event itself on the line).
import { z } from 'zod';
import { signatureVerdictSchema } from '../../shared';
import type { AppendResult, StoredEvent } from './types';

// Appends a batch (group commit): one script, one AOF write and fsync for all of it. ARGV[1] is the
// notify channel, ARGV[2] '1' when the batch counts as durable at once (no replicas to wait for: the
// mark moves and the append is announced here), ARGV[3] the charge routes' retention (ms), ARGV[4] the
// notice's first line (noticeHeader: the appending instance delivers its own appends itself and skips
// the notice), then seven values per event, the last the index in KEYS of its
// charge route's key ('0': none). KEYS: ids, last, durable, touch, then event i's stream at 5 + i, then
// the charge route keys. A duplicate event id (also within the batch) writes no event and answers the
// stored reference; a batch that wrote nothing touches a key, so a WAIT after it still covers the
// original write. A charge route is set NX whatever the event (the first attempt of a retried webhook
// may have failed before it): in the batch's own command, so one round trip and one write to the socket
// carry the whole batch.
export const APPEND_BATCH = `
local out = {}
local notes = {}
local wrote = false
local n = (#ARGV - 4) / 7
for i = 0, n - 1 do
  local b = 4 + i * 7
  local id, t = ARGV[b + 1], ARGV[b + 2]
  local route = tonumber(ARGV[b + 7])
  if route > 0 then redis.call('SET', KEYS[route], t, 'PX', ARGV[3], 'NX') end
  local ex = redis.call('HGET', KEYS[1], id)
  if ex then
    out[#out + 1] = '0 ' .. ex
  else
    local seq = redis.call('HINCRBY', KEYS[2], t, 1)
    redis.call('XADD', KEYS[5 + i], seq .. '-1', 'e', id, 'k', ARGV[b + 3], 'r', ARGV[b + 4], 's', ARGV[b + 5], 'b', ARGV[b + 6])
    redis.call('HSET', KEYS[1], id, t .. ' ' .. seq)
    if ARGV[2] == '1' then
      redis.call('HSET', KEYS[3], t, seq)
      -- the event itself rides on the notice: the instance holding the terminal sends it without a read
      notes[#notes + 1] = t .. ' ' .. seq .. ' ' .. cjson.encode({id, ARGV[b + 3], ARGV[b + 4], ARGV[b + 5], ARGV[b + 6]})
    end
    wrote = true
    out[#out + 1] = '1 ' .. t .. ' ' .. seq
  end
end
if not wrote then redis.call('INCR', KEYS[4]) end
-- one notice for the whole batch, a line per event (JSON escapes newlines): one message to each instance
if #notes > 0 then redis.call('PUBLISH', ARGV[1], ARGV[4] .. table.concat(notes, '\\n')) end
return out`;

const noticeEventSchema = z.tuple([z.string(), z.string(), z.string(), signatureVerdictSchema, z.string()]);
/** "terminal seq [eventId, key, receivedAt, signature, rawBody]": the event carried by an append notice, if any. */
function noticeEvent(message: string, seq: number): StoredEvent | undefined {
  const json = message.indexOf(' [');
  if (json < 0) return undefined;
  try {
    const [eventId, eventKey, receivedAt, signature, rawBody] = noticeEventSchema.parse(JSON.parse(message.slice(json + 1)));
    return { seq, eventId, eventKey, receivedAt, signature, rawBody };
  } catch {
    return undefined; // read from the stream instead
  }
}

/** "terminal seq[ ...]" → its terminal and seq (a notice line may go on with the event). */
function parseRef(ref: string): { terminalId: string; seq: number } {
  const a = ref.indexOf(' ');
  if (a < 0) return { terminalId: ref, seq: 0 };
  const b = ref.indexOf(' ', a + 1);
  return { terminalId: ref.slice(0, a), seq: Number(ref.slice(a + 1, b < 0 ? undefined : b)) };
}

/** The script's answer, a line per event ("1 terminal seq" stored, "0 terminal seq" a duplicate's stored reference). */
export function appendResults(out: string[]): AppendResult[] {
  return out.map((line) => {
    const [flag = '', terminalId = '', seq = '0'] = line.split(' ');
    return { seq: Number(seq), terminalId, duplicate: flag === '0' };
  });
}

/** The first line of a notice published for `origin`'s own appends (APPEND_BATCH, MARK after an append). */
export const noticeHeader = (origin: string): string => `@${origin}\n`;

/**
 * A notice on the notify channel: after an optional "@origin" line, a line per append ("terminal seq
 * [event]", from APPEND_BATCH) or per raised mark ("terminal seq", redis-durable.ts). `event` parses the
 * line's event only when called.
 */
export function noticeLines(message: string): { terminalId: string; seq: number; event: () => StoredEvent | undefined }[] {
  const lines = message.split('\n');
  if (lines[0]?.startsWith('@')) lines.shift();
  return lines.map((line) => {
    const { terminalId, seq } = parseRef(line);
    return { terminalId, seq, event: () => noticeEvent(line, seq) };
  });
}
