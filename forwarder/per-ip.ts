// Counts work in progress per client address (forwarder/client-address.ts: the real client behind a
// trusted proxy), so one client cannot hold all of it (trickling webhook bodies, websocket upgrades
// waiting on authentication). With a pool size, the whole is bounded too, and one client may hold at
// most a quarter of the pool: the rest is a share no single client can take, kept for Opn's webhooks.
export const MAX_SHARE_PER_CLIENT = 0.25;

export class PerIpCap {
  private readonly counts = new Map<string, number>();
  private total = 0;
  /** What one client may hold: its own cap, and never more than its share of the pool. */
  readonly perClient: number;

  constructor(max: number, private readonly pool = Number.POSITIVE_INFINITY) {
    this.perClient = Math.max(1, Math.min(max, Math.floor(pool * MAX_SHARE_PER_CLIENT)));
  }

  /** Takes a slot for this address; returns a release function (idempotent), or null when full. */
  take(ip: string | undefined): (() => void) | null {
    const key = ip ?? 'unknown';
    const n = this.counts.get(key) ?? 0;
    if (n >= this.perClient || this.total >= this.pool) return null;
    this.counts.set(key, n + 1);
    this.total++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.total--;
      const left = (this.counts.get(key) ?? 1) - 1;
      if (left <= 0) this.counts.delete(key);
      else this.counts.set(key, left);
    };
  }
}
