// The webhook leg of the probe: connects to the configured forwarder as the probe's own terminal (its own id
// and token, so no real terminal's cursor moves) and waits for the event of a charge the probe created, as
// the terminal would receive it (signature verdict included).
import type { RelayEvent } from '../../shared';
import { RelayClient } from '../relay/client';

export interface ForwarderTarget {
  /** ws:// or wss:// …/terminals */
  readonly url: string;
  /** the probe's terminal id at the forwarder (its charges carry it in metadata.terminal_id) */
  readonly terminalId: string;
  readonly token: string;
  /** how long to wait for the webhook; default 60 s */
  readonly waitMs?: number;
}

export interface WebhookSeen {
  readonly eventKey: string;
  readonly signature: RelayEvent['signature'];
}

export class WebhookWatch {
  private readonly seen = new Map<string, WebhookSeen>();
  private readonly waiters = new Set<() => void>();
  private cursor = 0;
  private readonly client: RelayClient;

  constructor(readonly target: ForwarderTarget) {
    this.client = new RelayClient({
      url: target.url, terminalId: target.terminalId, token: target.token, clientName: 'opn-probe',
      lastSeq: () => this.cursor,
      onEvent: (e) => {
        this.cursor = Math.max(this.cursor, e.seq);
        const chargeId = chargeOf(e.rawBody);
        if (chargeId && !this.seen.has(chargeId)) this.seen.set(chargeId, { eventKey: e.eventKey, signature: e.signature });
        for (const w of this.waiters) w();
        return Promise.resolve();
      },
    });
    this.client.start();
  }

  /** The first event seen for the charge, or null when none came within the wait. */
  async waitFor(chargeId: string): Promise<WebhookSeen | null> {
    const deadline = Date.now() + (this.target.waitMs ?? 60_000);
    while (!this.seen.has(chargeId) && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, Math.max(0, deadline - Date.now()));
        function done(): void {
          clearTimeout(timer);
          resolve();
        }
        this.waiters.add(done);
      });
      this.waiters.clear();
    }
    return this.seen.get(chargeId) ?? null;
  }

  stop(): Promise<void> {
    return this.client.stop();
  }
}

function chargeOf(rawBody: string): string | null {
  try {
    const body = JSON.parse(rawBody) as { data?: { object?: unknown; id?: unknown; charge?: unknown } };
    const d = body.data;
    if (d?.object === 'charge' && typeof d.id === 'string') return d.id;
    return typeof d?.charge === 'string' ? d.charge : null;
  } catch {
    return null;
  }
}
