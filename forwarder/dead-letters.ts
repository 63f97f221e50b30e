// Dead letters (events nobody claims) are kept for a retention and up to a count cap, oldest first out:
// without this, unauthenticated or misrouted posts would grow the disk without bound.
import type { Logger } from './log';
import type { Metrics } from './metrics';
import type { EventStore } from './store/types';

export class DeadLetterJanitor {
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly o: { store: EventStore; metrics: Metrics; log: Logger; retentionMs: number; max: number; now: () => number },
  ) {
    o.metrics.deadLetterMax = o.max;
  }

  /** Prunes now (coalesced: one run at a time, one more if asked meanwhile). */
  prune(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        const cutoff = new Date(this.o.now() - this.o.retentionMs).toISOString();
        const n = await this.o.store.pruneDeadLetters(cutoff, this.o.max);
        this.o.metrics.deadLettersPruned += n;
        this.o.metrics.deadLetters = await this.o.store.deadLetterCount();
        if (n > 0) this.o.log.info({ pruned: n, kept: this.o.metrics.deadLetters }, 'pruned dead letters past retention or cap');
      } while (this.again);
    })()
      .catch((err: unknown) => this.o.log.warn({ err: err instanceof Error ? err.message : String(err) }, 'dead-letter prune failed'))
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  /** Called after a new dead letter: prunes once the count passes the cap. */
  added(): void {
    this.o.metrics.deadLetters++;
    if (this.o.metrics.deadLetters > this.o.max) void this.prune();
  }
}
