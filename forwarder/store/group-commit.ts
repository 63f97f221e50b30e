// Group commit: appends from any connection share one durable commit (one fsync on SQLite, one
// script call and AOF fsync on Redis). A lone webhook (none other on its way to the store, no commit in
// flight) is committed at the end of its event-loop turn: no added latency. Otherwise the batch is
// committed when the window (≤ 2 ms by default) since its first append ends, or when full.
// Each caller's promise settles only after the commit that holds its append.
export interface GroupCommitOptions {
  windowMs: number;
  maxBatch: number;
  /** webhooks received (headers in) that have not reached the store yet: worth waiting for */
  onTheWay?: () => number;
  /**
   * Commits in flight at most (default: no limit). Appends arriving while that many are in flight wait
   * for one to settle and then go together in the next commit: 1 is one commit at a time; 2 (both stores)
   * has the next batch queued (the SQLite writer thread) or on the wire (Redis) while one commits.
   */
  maxInFlight?: number;
  /**
   * With `maxInFlight`: the longest appends wait for a commit in flight before going in a batch of their own
   * (a commit hanging across a Redis failover must not hold every append behind it). Default: no limit.
   */
  maxWaitMs?: number;
}

type Pending<I, R> = { input: I; resolve: (r: R) => void; reject: (e: unknown) => void };

export class GroupCommit<I, R> {
  private queue: Pending<I, R>[] = [];
  private timer: NodeJS.Timeout | null = null;
  private immediate: NodeJS.Immediate | null = null;
  /** commits sent and not yet settled */
  private committing = 0;

  constructor(
    private readonly o: GroupCommitOptions,
    /** commits all inputs durably and returns one result each, in order (may throw or reject) */
    private readonly commit: (inputs: I[]) => R[] | Promise<R[]>,
  ) {}

  get pending(): number {
    return this.queue.length;
  }

  add(input: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      if (this.committing >= (this.o.maxInFlight ?? Infinity)) {
        // sent when a commit in flight ends, or after maxWaitMs
        if (this.o.maxWaitMs !== undefined && !this.timer) this.timer = setTimeout(() => this.flush(), this.o.maxWaitMs);
        return;
      }
      if (this.queue.length >= this.o.maxBatch) return this.flush();
      // Not "no commit within the window" (until 2026-12-07): webhooks one at a time, each arriving under 2 ms
      // after the last one's commit, then each waited the whole window for nobody (Redis ×2: p50 3.2 ms, not 1.1).
      const quiet = this.committing === 0 && (this.o.onTheWay?.() ?? 0) === 0;
      if (this.o.windowMs <= 0 || quiet) {
        this.immediate ??= setImmediate(() => this.flush());
      } else if (!this.timer && !this.immediate) {
        this.timer = setTimeout(() => this.flush(), this.o.windowMs);
      }
    });
  }

  /** Commits what is queued now (synchronously for a synchronous commit function). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.timer = null;
    this.immediate = null;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    const settle = (results: R[]): void =>
      batch.forEach((p, i) => {
        const r = results[i];
        if (r === undefined) p.reject(new Error('append lost'));
        else p.resolve(r);
      });
    const fail = (err: unknown): void => batch.forEach((p) => p.reject(err));
    let out: R[] | Promise<R[]>;
    try {
      out = this.commit(batch.map((p) => p.input));
    } catch (err) {
      return fail(err);
    }
    if (Array.isArray(out)) return settle(out);
    this.committing++;
    out.then(settle, fail).finally(() => {
      this.committing--;
      if (this.committing < (this.o.maxInFlight ?? Infinity) && this.queue.length > 0) this.flush();
    });
  }
}
