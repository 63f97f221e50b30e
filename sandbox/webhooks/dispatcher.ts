// Delivers every event to the account's endpoints and the charge's own webhook_endpoints, retrying on a
// non-2xx answer or a timeout along a schedule on the sandbox clock, and recording each attempt in the
// event's webhook_deliveries. Webhook faults (pause, duplicate, reorder, delay) act here.
import type { Clock } from '../clock';
import { opnId } from '../ids';
import type { EventRecord } from '../state/records';
import { eventPayload } from '../state/serialize';
import type { Store } from '../state/store';
import { isoSeconds } from '../time';
import { postJson } from './send';
import { signatureHeaders } from './signer';
import type { ApiVersion } from '../shape';
import { eventInVersion } from '../shape';

export interface WebhookFaults {
  paused: boolean;
  duplicate: boolean;
  reorder: boolean;
  delayMs: number;
}

export interface WebhookConfig {
  secret: string;
  previousSecret: string | undefined;
  endpoints: string[];
  /** Delay before attempt i (i = 0 is the first attempt). */
  retryScheduleMs: readonly number[];
  timeoutMs: number;
  /** A lone delivery held back by `reorder` goes out after this long if no later one overtakes it. */
  reorderHoldMs: number;
  /** The account's API version: the payload is serialised in it, whatever the triggering request sent. */
  apiVersion: ApiVersion;
  /** Retries carry the first attempt's signature timestamp (a mode: whether Opn does is undocumented). */
  retryKeepsFirstTimestamp: boolean;
}

interface Job {
  readonly event: EventRecord;
  readonly uri: string;
  readonly body: string;
  attempt: number;
  /** Real time of the first attempt's signature, kept for retries in retryKeepsFirstTimestamp mode. */
  firstSignedAtMs?: number;
}

export class WebhookDispatcher {
  readonly faults: WebhookFaults = { paused: false, duplicate: false, reorder: false, delayMs: 0 };
  private paused: Job[] = [];
  private held: Job | null = null;
  private readonly abort = new AbortController();

  constructor(
    private readonly clock: Clock,
    private readonly store: Store,
    readonly config: WebhookConfig,
  ) {}

  onEvent(event: EventRecord): void {
    const charge = event.chargeId ? this.store.charges.get(event.chargeId) : undefined;
    const targets = [...new Set([...this.config.endpoints, ...(charge?.webhookEndpoints ?? [])])];
    const body = JSON.stringify(eventInVersion(eventPayload(event), this.config.apiVersion));
    for (const uri of targets) this.enqueue({ event, uri, body, attempt: 0 });
  }

  setFaults(f: Partial<WebhookFaults>): void {
    Object.assign(this.faults, f);
    if (!this.faults.reorder) this.releaseHeld();
    if (!this.faults.paused) {
      const queued = this.paused;
      this.paused = [];
      for (const job of queued) this.schedule(job, 0);
    }
  }

  clearFaults(): void {
    this.setFaults({ paused: false, duplicate: false, reorder: false, delayMs: 0 });
  }

  stop(): void {
    this.abort.abort();
  }

  private enqueue(job: Job): void {
    if (this.faults.paused) {
      this.paused.push(job);
      return;
    }
    if (this.faults.reorder) {
      if (!this.held) {
        this.held = job;
        this.clock.at(this.clock.nowMs() + this.config.reorderHoldMs, () => this.releaseHeld(job));
        return;
      }
      // A later delivery overtakes the held one: tasks due at the same time run in scheduling order.
      this.schedule(job, this.faults.delayMs);
      this.releaseHeld();
      return;
    }
    this.schedule(job, this.faults.delayMs);
  }

  private releaseHeld(only?: Job): void {
    const held = this.held;
    if (!held || (only && held !== only)) return;
    this.held = null;
    this.schedule(held, this.faults.delayMs);
  }

  private schedule(job: Job, delayMs: number): void {
    this.clock.at(this.clock.nowMs() + delayMs, () => this.attempt(job));
  }

  private async attempt(job: Job): Promise<void> {
    const ok = await this.send(job);
    if (this.faults.duplicate && job.attempt === 0) await this.send(job);
    if (ok) return;
    const next = job.attempt + 1;
    const delay = this.config.retryScheduleMs[next];
    if (delay === undefined) return;
    job.attempt = next;
    this.schedule(job, delay);
  }

  private async send(job: Job): Promise<boolean> {
    // The signature timestamp is real time, not the sandbox clock: receivers check it against their own clock.
    job.firstSignedAtMs ??= Date.now();
    const signedAt = this.config.retryKeepsFirstTimestamp ? job.firstSignedAtMs : Date.now();
    const headers = signatureHeaders(job.body, this.config.secret, this.config.previousSecret, signedAt);
    const result = await postJson(job.uri, job.body, headers, this.config.timeoutMs, this.abort.signal);
    if (this.abort.signal.aborted) return true;
    job.event.deliveries.push({
      object: 'webhook_delivery',
      id: opnId('whdl'),
      uri: job.uri,
      status: result.status,
      key: job.event.key,
      error: result.error,
      payload: job.body,
      attempt: job.attempt + 1,
      created_at: isoSeconds(this.clock.nowMs()),
    });
    return result.error === null;
  }
}
