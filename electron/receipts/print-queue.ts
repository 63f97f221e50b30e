// The print queue: jobs are written to their own SQLite file, then printed in the background, in
// order, one at a time. Enqueueing is one local insert and returns at once; the network or the OS
// printer is only ever touched by the background loop, so a sale never waits for paper.
// A failed attempt pauses the whole queue (the printer is the same for every job) with a growing
// backoff; a restart tries again at once. Only the first failure of a job emits a notice, so the
// cashier sees one short message, not one per retry; a job queued while the printer is known to be
// down says so at once (the next sale's cashier learns it too). No printer chosen is not something a
// retry fixes: such a job is given up at once and never prints later by surprise.
// The queue serves one receipt log (`logId`): it prints only that log's jobs.
import { randomUUID } from 'node:crypto';
import type { PrintNotice } from '../../shared';
import type { ReceiptDocument } from './document';
import { PrinterError } from './network-printer';
import type { PrintJob } from './queue-store';
import { PrintQueueStore } from './queue-store';

export const DEFAULT_BACKOFF_MS: readonly number[] = [2_000, 5_000, 15_000, 30_000, 60_000, 120_000];

export interface PrintQueueOptions {
  /** The queue's SQLite file, e.g. <dataDir>/print-queue.db. */
  readonly file: string;
  /** The receipt log whose receipts this queue prints (jobs of any other log never print). */
  readonly logId: string;
  /** Jobs written before jobs named their log are this log's (the live log's queue file). */
  readonly claimUnnamed?: boolean;
  /** Renders the document for the printer chosen in Settings and sends it; rejects with a PrinterError. */
  readonly deliver: (document: ReceiptDocument) => Promise<void>;
  readonly onNotice?: (notice: PrintNotice) => void;
  readonly now?: () => number;
  readonly backoffMs?: readonly number[];
  /** A job still failing this long after it was queued is given up (status 'failed'; reprint makes a new one). Default 24 h. */
  readonly giveUpAfterMs?: number;
  /** Start the background loop at once (default true; tests may start it later). */
  readonly autoStart?: boolean;
  /** Printed and given-up jobs older than this are deleted when the queue opens. Default 30 days. */
  readonly keepDoneMs?: number;
}

export class PrintQueue {
  private readonly store: PrintQueueStore;
  private readonly now: () => number;
  private readonly backoff: readonly number[];
  private readonly giveUpAfterMs: number;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private consecutiveFailures = 0;
  private pausedUntil = 0;
  /** The printer's last failure while it still fails (cleared by a print or retryNow). */
  private lastFailure: { code: string; message: string } | null = null;
  private readonly logId: string;
  /** Jobs already told as "queued, printer down" when they were queued (no second notice at their turn). */
  private readonly toldDown = new Set<string>();
  private closed = false;
  private started: boolean;
  private readonly idleWaiters: (() => void)[] = [];

  constructor(private readonly options: PrintQueueOptions) {
    this.store = new PrintQueueStore(options.file);
    this.logId = options.logId;
    if (options.claimUnnamed) this.store.claimUnnamed(this.logId);
    this.store.dropOtherLogs(this.logId, 'print_other_log', 'The receipt log this job was made from is not the one in use.');
    this.now = options.now ?? Date.now;
    this.backoff = options.backoffMs ?? DEFAULT_BACKOFF_MS;
    this.giveUpAfterMs = options.giveUpAfterMs ?? 24 * 3_600_000;
    this.started = options.autoStart ?? true;
    // Done jobs are history only (the receipt log keeps the sale; a reprint rebuilds the receipt).
    this.store.prune(new Date(this.now() - (options.keepDoneMs ?? 30 * 86_400_000)).toISOString());
    if (this.started) this.kick();
  }

  /** Queues a document and returns at once; printing happens in the background. */
  enqueue(document: ReceiptDocument): PrintJob {
    if (this.closed) throw new Error('The print queue is closed.');
    const job = this.store.insert({ id: `pj_${randomUUID().replaceAll('-', '')}`, logId: this.logId, kind: document.kind, saleId: document.saleId, document, nowMs: this.now() });
    // The printer is down right now: say so for this job too, instead of silence until its turn.
    const down = this.lastFailure;
    if (down && this.now() < this.pausedUntil) {
      this.toldDown.add(job.id);
      this.notice({ kind: 'print_failed', jobId: job.id, saleId: job.saleId, code: down.code, message: `Receipt queued, not printed yet: ${down.message}` });
    }
    this.kick();
    return job;
  }

  start(): void {
    this.started = true;
    this.kick();
  }

  job(id: string): PrintJob | null {
    return this.store.get(id);
  }

  jobsForSale(saleId: string): PrintJob[] {
    return this.store.bySale(this.logId, saleId);
  }

  /** Jobs waiting for the printer, oldest first. */
  queued(): PrintJob[] {
    return this.store.list(this.logId, 'queued', 1000).reverse();
  }

  recent(limit = 50): PrintJob[] {
    return this.store.list(this.logId, undefined, limit);
  }

  /** Printer back on (or Settings changed): try the queue now instead of waiting out the backoff. */
  retryNow(): void {
    this.pausedUntil = 0;
    this.consecutiveFailures = 0;
    this.lastFailure = null;
    this.kick();
  }

  /** Resolves when nothing is due right now (every due job printed, or the queue is backing off). */
  idle(): Promise<void> {
    if (!this.running && !this.dueJob()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops the loop after the job in flight; queued jobs stay in the file for the next start. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
    this.store.close();
    for (const w of this.idleWaiters.splice(0)) w();
  }

  private dueJob(): PrintJob | null {
    if (!this.started || this.closed || this.now() < this.pausedUntil) return null;
    return this.store.head(this.logId);
  }

  private kick(): void {
    if (this.closed || !this.started || this.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.running = this.loop().finally(() => {
      this.running = null;
      this.schedule();
      if (!this.dueJob()) for (const w of this.idleWaiters.splice(0)) w();
    });
  }

  private schedule(): void {
    if (this.closed || !this.store.head(this.logId)) return;
    const wait = Math.max(0, this.pausedUntil - this.now());
    this.timer = setTimeout(() => this.kick(), wait);
    this.timer.unref();
  }

  private async loop(): Promise<void> {
    // Let the caller's sale finish its own work first.
    await new Promise<void>((r) => setImmediate(r));
    for (let job = this.dueJob(); job; job = this.dueJob()) {
      try {
        await this.options.deliver(job.document);
      } catch (e) {
        this.failed(job, e);
        return;
      }
      if (this.closed) {
        // Printed while closing: record it if the file is still open.
        try {
          this.store.markPrinted(job.id, this.now());
        } catch {
          /* the next start reprints it: a duplicate receipt beats a lost one */
        }
        return;
      }
      this.store.markPrinted(job.id, this.now());
      this.consecutiveFailures = 0;
      this.lastFailure = null;
      this.notice({ kind: 'printed', jobId: job.id, saleId: job.saleId, code: null, message: 'Printed.' });
    }
  }

  private failed(job: PrintJob, e: unknown): void {
    const printerError = e instanceof PrinterError;
    const code = printerError ? e.code : 'print_render_failed';
    const message = printerError ? e.message : `The receipt could not be prepared for the printer: ${e instanceof Error ? e.message.split('\n')[0] : 'unknown error'}`;
    if (this.closed) return;
    // A receipt that cannot be rendered would block the queue forever; one too old is no use; with no
    // printer chosen a retry cannot help, and printing it once one is chosen would surprise the shop.
    if (!printerError || code === 'printer_not_configured' || this.now() - Date.parse(job.createdAt) >= this.giveUpAfterMs) {
      this.store.markFailed(job.id, code, message);
      this.notice({ kind: 'print_gave_up', jobId: job.id, saleId: job.saleId, code, message: `Receipt not printed: ${message}` });
      return; // schedule() moves on to the next job
    }
    const delay = this.backoff[Math.min(this.consecutiveFailures, this.backoff.length - 1)] ?? 60_000;
    this.consecutiveFailures++;
    this.pausedUntil = this.now() + delay;
    this.lastFailure = { code, message };
    this.store.markAttemptFailed(job.id, code, message, this.pausedUntil);
    if (job.attempts === 0 && !this.toldDown.delete(job.id)) this.notice({ kind: 'print_failed', jobId: job.id, saleId: job.saleId, code, message: `Receipt queued, not printed yet: ${message}` });
  }

  private notice(n: PrintNotice): void {
    try {
      this.options.onNotice?.(n);
    } catch {
      /* a listener's bug must not stop printing */
    }
  }
}
