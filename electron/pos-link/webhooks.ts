// Optional webhooks to the till: each key may name a URL; its events (the same as its SSE stream) are
// POSTed there in order, signed as Opn signs ours: X-Pos-Timestamp (Unix seconds) and
// X-Pos-Signature: v1=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>. A failed delivery is retried with
// the project's backoff (shared/backoff.ts) until the till answers 2xx; the cursor of the last delivered
// event is on disk, so deliveries resume after a restart (at least once: the till dedupes by event id).
import { createHmac, randomBytes } from 'node:crypto';
import type { Database as Db } from 'better-sqlite3';
import { backoffDelay, type BackoffOptions, type PosEvent } from '../../shared';
import { PosApiFailure } from './errors';
import type { PosEventLog } from './events';
import type { PosKeys } from './keys';

interface WebhookRow {
  key_id: string;
  url: string;
  secret: string;
  cursor: number;
}

export const DEFAULT_WEBHOOK_BACKOFF: BackoffOptions = { initialMs: 1_000, maxMs: 300_000 };

export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export class TillWebhooks {
  private readonly running = new Set<string>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private unsubscribe: (() => void) | null = null;
  private stopped = false;

  constructor(
    private readonly db: Db,
    private readonly events: PosEventLog,
    private readonly keys: PosKeys,
    private readonly o: { backoff?: BackoffOptions | undefined; timeoutMs?: number | undefined; now: () => Date },
  ) {}

  /** Sets or clears this key's URL; a new secret each time (shown once). Deliveries start with the next event. */
  set(keyId: string, url: string | null): { url: string | null; secret: string | null } {
    if (url === null) {
      this.db.prepare('DELETE FROM webhooks WHERE key_id = ?').run(keyId);
      return { url: null, secret: null };
    }
    try {
      new URL(url);
    } catch {
      throw new PosApiFailure('invalid_request', 'url: an http(s) URL', { field: 'url' });
    }
    const secret = randomBytes(32).toString('base64url');
    this.db
      .prepare('INSERT INTO webhooks (key_id, url, secret, cursor, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(key_id) DO UPDATE SET url = excluded.url, secret = excluded.secret, cursor = excluded.cursor')
      .run(keyId, url, secret, this.events.lastId(), this.o.now().toISOString());
    return { url, secret };
  }

  start(): void {
    this.stopped = false;
    this.unsubscribe = this.events.subscribe((_e, keyId) => {
      if (keyId) this.kick(keyId);
      else for (const r of this.rows()) this.kick(r.key_id);
    });
    for (const r of this.rows()) this.kick(r.key_id);
  }

  /** Stops, after the deliveries under way have recorded their outcome (the file is closed next). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    this.unsubscribe = null;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    await Promise.all([...this.inFlight]);
  }

  private run(keyId: string, attempt: number): void {
    this.running.add(keyId);
    const p = this.drain(keyId, attempt).finally(() => {
      this.running.delete(keyId);
      this.inFlight.delete(p);
    });
    this.inFlight.add(p);
  }

  private rows(): WebhookRow[] {
    return this.db.prepare('SELECT * FROM webhooks').all() as WebhookRow[];
  }

  private kick(keyId: string): void {
    if (this.running.has(keyId) || this.timers.has(keyId) || this.stopped) return;
    this.run(keyId, 0);
  }

  /** Delivers every pending event of this key in order; on a failure, waits and tries the same one again. */
  private async drain(keyId: string, attempt: number): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      const row = this.db.prepare('SELECT * FROM webhooks WHERE key_id = ?').get(keyId) as WebhookRow | undefined;
      if (!row || !this.keys.isLive(keyId)) return;
      const next = this.events.since(row.cursor, keyId)[0];
      if (!next) return;
      if (await this.deliver(row, next)) {
        this.db.prepare('UPDATE webhooks SET cursor = ? WHERE key_id = ? AND cursor = ?').run(next.id, keyId, row.cursor);
        attempt = 0;
        continue;
      }
      const t = setTimeout(() => {
        this.timers.delete(keyId);
        if (this.running.has(keyId) || this.stopped) return;
        this.run(keyId, attempt + 1);
      }, backoffDelay(attempt, this.o.backoff ?? DEFAULT_WEBHOOK_BACKOFF));
      t.unref();
      this.timers.set(keyId, t);
      return;
    }
  }

  private async deliver(row: WebhookRow, event: PosEvent): Promise<boolean> {
    const body = JSON.stringify(event);
    const timestamp = Math.floor(this.o.now().getTime() / 1000);
    try {
      const res = await fetch(row.url, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/json', 'x-pos-timestamp': String(timestamp), 'x-pos-signature': signWebhook(row.secret, timestamp, body), 'x-pos-event-id': String(event.id) },
        body,
        signal: AbortSignal.timeout(this.o.timeoutMs ?? 5_000),
      });
      await res.arrayBuffer().catch(() => undefined);
      return res.status >= 200 && res.status < 300;
    } catch {
      return false;
    }
  }
}
