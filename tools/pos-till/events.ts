// Following GET /v1/events (server-sent events) as a till does: every event parsed with the API's schema,
// the last id kept so a dropped stream resumes with Last-Event-ID and misses nothing.
import { posEventSchema, type PosEvent } from '../../shared/pos-link/api';
import { open, PosApiError, type TillConnection } from './client';

export interface EventStream {
  /** The id of the last event received (resume from it). */
  lastId(): number;
  close(): void;
  /** Settles when the stream ends: by close(), by the terminal (a revoked key), or a dropped connection. */
  readonly ended: Promise<void>;
}

/** Opens the stream; resolves once the terminal accepted it (401 and the like reject with PosApiError). */
export async function followEvents(c: TillConnection, o: { lastEventId?: number; onEvent: (e: PosEvent) => void }): Promise<EventStream> {
  const res = await open(c, 'GET', '/v1/events', { headers: { accept: 'text/event-stream', ...(o.lastEventId ? { 'last-event-id': String(o.lastEventId) } : {}) } });
  if (res.statusCode !== 200) {
    let text = '';
    for await (const chunk of res as AsyncIterable<Buffer>) text += chunk.toString('utf8');
    let code = 'bad_answer';
    try {
      code = (JSON.parse(text) as { error: { code: string } }).error.code;
    } catch {
      // not the documented error shape
    }
    throw new PosApiError(res.statusCode ?? 0, code, `The event stream was refused (${res.statusCode}).`, text);
  }
  let last = o.lastEventId ?? 0;
  let buffer = '';
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => {
    buffer += chunk;
    let cut: number;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const data = block
        .split('\n')
        .filter((l) => l.startsWith('data:'))
        .map((l) => l.slice(5).trimStart())
        .join('\n');
      if (!data) continue; // a comment (heartbeat) or the retry hint
      const parsed = posEventSchema.safeParse(JSON.parse(data));
      if (!parsed.success) continue;
      last = Math.max(last, parsed.data.id);
      o.onEvent(parsed.data);
    }
  });
  const ended = new Promise<void>((resolve) => {
    res.once('close', resolve);
    res.once('end', resolve);
    res.once('error', () => resolve());
  });
  return { lastId: () => last, close: () => res.destroy(), ended };
}
