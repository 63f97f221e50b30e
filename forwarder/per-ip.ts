// Counts work in progress per client address, so one address cannot hold all of it
// (trickling webhook bodies, websocket upgrades waiting on authentication).
export class PerIpCap {
  private readonly counts = new Map<string, number>();

  constructor(private readonly max: number) {}

  /** Takes a slot for this address; returns a release function (idempotent), or null when full. */
  take(ip: string | undefined): (() => void) | null {
    const key = ip ?? 'unknown';
    const n = this.counts.get(key) ?? 0;
    if (n >= this.max) return null;
    this.counts.set(key, n + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.counts.get(key) ?? 1) - 1;
      if (left <= 0) this.counts.delete(key);
      else this.counts.set(key, left);
    };
  }
}
