// GET /v1/events: server-sent events, from now on. A till resumes with Last-Event-ID (header, or ?last_event_id=):
// everything after it is replayed from the event log, then live events follow, with a heartbeat comment
// so dead connections are noticed. Revoking a key ends its streams at once.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PosEvent } from '../../shared';
import type { PosEventLog } from './events';
import { SECURITY_HEADERS } from './http';
import type { AuthedKey } from './keys';

/** A till that stops reading is cut off past this much unsent data; it resumes from its last id. */
const MAX_BUFFERED = 1024 * 1024;

export class SseHub {
  private readonly streams = new Map<string, Set<ServerResponse>>();

  constructor(
    private readonly log: PosEventLog,
    private readonly heartbeatMs: number,
  ) {}

  open(req: IncomingMessage, res: ServerResponse, key: AuthedKey, url: URL): void {
    // Without Last-Event-ID a stream starts with what happens next (SSE's own rule); with it, after that id.
    const raw = req.headers['last-event-id'] ?? url.searchParams.get('last_event_id');
    const after = raw !== undefined && raw !== null && /^\d{1,15}$/.test(String(raw)) ? Number(raw) : this.log.lastId();
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    res.write('retry: 1000\n\n');
    const send = (e: PosEvent): void => {
      if (res.writableLength > MAX_BUFFERED) {
        res.destroy();
        return;
      }
      res.write(`id: ${e.id}\nevent: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`);
    };
    // Replay and subscription happen in the same tick: nothing appended in between can be missed.
    for (const e of this.log.since(after, key.id)) send(e);
    const unsubscribe = this.log.subscribe((e, keyId) => {
      if (keyId === null || keyId === key.id) send(e);
    });
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), this.heartbeatMs);
    heartbeat.unref();
    const set = this.streams.get(key.id) ?? new Set<ServerResponse>();
    set.add(res);
    this.streams.set(key.id, set);
    const done = (): void => {
      clearInterval(heartbeat);
      unsubscribe();
      set.delete(res);
      if (set.size === 0) this.streams.delete(key.id);
    };
    res.on('close', done);
    req.socket.setTimeout(0);
  }

  /** Ends every stream of this key now (a revoked key). */
  closeKey(keyId: string): void {
    for (const res of [...(this.streams.get(keyId) ?? [])]) res.end();
  }

  closeAll(): void {
    for (const id of [...this.streams.keys()]) this.closeKey(id);
  }

  count(): number {
    let n = 0;
    for (const s of this.streams.values()) n += s.size;
    return n;
  }
}
