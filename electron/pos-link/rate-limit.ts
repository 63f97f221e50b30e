// Per-key (or, before a key is known, per-address) token buckets: a till that loops cannot starve the
// terminal or another till. Refused requests are told when to come back (Retry-After).
export interface RateLimitOptions {
  /** Requests allowed at once. */
  readonly burst: number;
  /** Tokens added per second. */
  readonly perSecond: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { burst: 30, perSecond: 10 };

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly o: RateLimitOptions,
    private readonly now: () => number = Date.now,
  ) {}

  /** 0 when the request may go; otherwise the whole seconds to wait. */
  take(who: string): number {
    const t = this.now();
    const b = this.buckets.get(who) ?? { tokens: this.o.burst, at: t };
    b.tokens = Math.min(this.o.burst, b.tokens + ((t - b.at) / 1000) * this.o.perSecond);
    b.at = t;
    this.buckets.set(who, b);
    if (this.buckets.size > 10_000) this.prune(t);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / this.o.perSecond));
  }

  private prune(t: number): void {
    for (const [k, b] of this.buckets) if (b.tokens + ((t - b.at) / 1000) * this.o.perSecond >= this.o.burst) this.buckets.delete(k);
  }
}
