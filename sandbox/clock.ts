// A controllable clock plus a scheduler of timed tasks (charge expiry, webhook attempts).
// The clock runs in real time from an offset; advance(ms) moves the offset forward and runs every task that
// became due, so tests expire charges and drive webhook retries without sleeping. A real timer is armed for
// the earliest task too, so the sandbox also works unattended (the demo, `npm run sandbox`).
// A frozen clock moves only on advance(): tests that compare two stamps taken a round trip apart get
// the same instant, and only tasks already due run by themselves.

interface Task {
  readonly id: number;
  readonly due: number;
  readonly run: () => Promise<void> | void;
}

export class Clock {
  private offset: number;
  private tasks: Task[] = [];
  private nextId = 1;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private running: Promise<void> = Promise.resolve();
  private readonly frozenAt: number | null;

  constructor(startTime?: Date, o: { frozen?: boolean } = {}) {
    this.frozenAt = o.frozen === true ? Date.now() : null;
    this.offset = startTime ? startTime.getTime() - Date.now() : 0;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  nowMs(): number {
    return (this.frozenAt ?? Date.now()) + this.offset;
  }

  /** Schedule `run` at clock time `due` (ms). Returns a cancel function. */
  at(due: number, run: Task['run']): () => void {
    const task: Task = { id: this.nextId++, due, run };
    // Binary insertion after every task due at the same time or earlier: ties run in scheduling order.
    let lo = 0;
    let hi = this.tasks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.tasks[mid]?.due ?? 0) <= due) lo = mid + 1;
      else hi = mid;
    }
    this.tasks.splice(lo, 0, task);
    this.arm();
    return () => {
      this.tasks = this.tasks.filter((t) => t !== task);
      this.arm();
    };
  }

  async advance(ms: number): Promise<void> {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('advance: ms must be a finite number >= 0');
    // Finish what is due (or in flight) now, then step through each task's due time in order, so a task's
    // follow-ups (the next webhook retry) are scheduled from the time it ran, as in real time.
    await this.runDue();
    const target = this.nowMs() + ms;
    for (;;) {
      const next = this.tasks[0];
      if (this.stopped || !next || next.due > target) break;
      if (next.due > this.nowMs()) this.offset += next.due - this.nowMs();
      await this.runDue();
    }
    if (target > this.nowMs()) this.offset += target - this.nowMs();
    await this.runDue();
  }

  /** Runs due tasks one after another (tasks may schedule more, e.g. the next webhook retry). */
  runDue(): Promise<void> {
    const next = this.running.then(async () => {
      for (;;) {
        if (this.stopped) return;
        const task = this.tasks[0];
        if (!task || task.due > this.nowMs()) break;
        this.tasks.shift();
        try {
          await task.run();
        } catch (err) {
          console.error('sandbox: scheduled task failed', err instanceof Error ? err.message : err);
        }
      }
      this.arm();
    });
    this.running = next;
    return next;
  }

  stop(): void {
    this.stopped = true;
    this.tasks = [];
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private arm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const first = this.tasks[0];
    if (!first || this.stopped) return;
    if (this.frozenAt !== null && first.due > this.nowMs()) return; // only advance() reaches it
    // setTimeout caps at ~24.8 days; re-arming at the cap is fine because runDue re-checks due times.
    const delay = Math.min(Math.max(0, first.due - this.nowMs()), 2 ** 31 - 1);
    this.timer = setTimeout(() => void this.runDue(), delay);
    this.timer.unref();
  }
}
