// In-process counters, rendered in the Prometheus text exposition format on GET /metrics.
import type { TerminalBacklog } from './store/types';

export class Metrics {
  received = 0;
  verified = 0;
  unsigned = 0;
  rejected = new Map<string, number>();
  stored = 0;
  duplicates = 0;
  deadLettered = 0;
  /** refund events routed by the terminal remembered for their charge (no terminal metadata) */
  routedByCharge = 0;
  /** correctly signed webhooks older than the tolerance, accepted because their event id was new */
  lateAccepted = 0;
  delivered = 0;
  acknowledged = 0;
  connected = 0;
  refusedConnections = 0;
  /** upgrades or webhook requests refused by a cap (per address, connections) */
  limited = new Map<string, number>();
  unsignedAccepted = 0;
  upgradesAuthenticating = 0;
  deadLetters = 0;
  deadLetterMax = 0;
  deadLettersPruned = 0;

  reject(code: string): void {
    this.rejected.set(code, (this.rejected.get(code) ?? 0) + 1);
  }

  limit(what: string): void {
    this.limited.set(what, (this.limited.get(what) ?? 0) + 1);
  }

  /** backlog null: the store did not answer in time (the rest is still rendered). */
  render(backlog: readonly TerminalBacklog[] | null, inFlight: ReadonlyMap<string, number>, storeCommits: number): string {
    const lines: string[] = [];
    const metric = (name: string, type: 'counter' | 'gauge', help: string, samples: [string, number][]): void => {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
      for (const [labels, value] of samples) lines.push(`${name}${labels} ${value}`);
    };
    const label = (k: string, v: string): string => `{${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"}`;
    metric('forwarder_events_received_total', 'counter', 'Webhook requests received at the intake.', [['', this.received]]);
    metric('forwarder_events_verified_total', 'counter', 'Webhooks whose Omise-Signature verified.', [['', this.verified]]);
    metric('forwarder_events_unsigned_total', 'counter', 'Webhooks accepted without a configured secret.', [['', this.unsigned]]);
    metric('forwarder_events_rejected_total', 'counter', 'Webhooks refused, by reason.', [...this.rejected].map(([c, n]): [string, number] => [label('reason', c), n]));
    metric('forwarder_events_stored_total', 'counter', 'Events appended to a terminal log.', [['', this.stored]]);
    metric('forwarder_events_duplicate_total', 'counter', 'Webhooks whose event id was already stored.', [['', this.duplicates]]);
    metric('forwarder_events_dead_lettered_total', 'counter', 'Events with no or an unknown terminal.', [['', this.deadLettered]]);
    metric('forwarder_events_routed_by_charge_total', 'counter', 'Refund events without terminal metadata routed to the terminal of their charge.', [['', this.routedByCharge]]);
    metric('forwarder_events_late_accepted_total', 'counter', 'Signed webhooks older than the timestamp tolerance (within the maximum age) accepted because their event id was never stored.', [['', this.lateAccepted]]);
    metric('forwarder_events_delivered_total', 'counter', 'Event frames sent to terminals (redeliveries included).', [['', this.delivered]]);
    metric('forwarder_events_acknowledged_total', 'counter', 'Events acknowledged by terminals after their commit.', [['', this.acknowledged]]);
    metric('forwarder_terminals_connected', 'gauge', 'Terminals connected to this instance.', [['', this.connected]]);
    metric('forwarder_connections_refused_total', 'counter', 'Websocket upgrades refused (bad id or token).', [['', this.refusedConnections]]);
    metric('forwarder_store_responding', 'gauge', '1 when the store answered the backlog read of this scrape in time.', [['', backlog ? 1 : 0]]);
    metric('forwarder_terminal_backlog', 'gauge', 'Events stored but not yet acknowledged, per terminal.', (backlog ?? []).map((b): [string, number] => [label('terminal', b.terminalId), b.lastSeq - b.ackedSeq]));
    metric('forwarder_terminal_in_flight', 'gauge', 'Events sent and not yet acknowledged on a live connection.', [...inFlight].map(([t, n]): [string, number] => [label('terminal', t), n]));
    metric('forwarder_requests_limited_total', 'counter', 'Requests or upgrades refused by a server limit, by limit.', [...this.limited].map(([c, n]): [string, number] => [label('limit', c), n]));
    metric('forwarder_upgrades_authenticating', 'gauge', 'Websocket upgrades waiting on their token lookup.', [['', this.upgradesAuthenticating]]);
    metric('forwarder_dead_letters', 'gauge', 'Dead letters kept now.', [['', this.deadLetters]]);
    metric('forwarder_dead_letters_max', 'gauge', 'Dead letters kept at most (older ones are pruned first).', [['', this.deadLetterMax]]);
    metric('forwarder_dead_letters_pruned_total', 'counter', 'Dead letters deleted for age or over the cap.', [['', this.deadLettersPruned]]);
    metric('forwarder_store_commits_total', 'counter', 'Durable store commits (SQLite fsyncing transactions, Redis write round trips).', [['', storeCommits]]);
    const mem = process.memoryUsage();
    metric('process_resident_memory_bytes', 'gauge', 'Resident set size of the forwarder process.', [['', mem.rss]]);
    metric('nodejs_heap_used_bytes', 'gauge', 'V8 heap in use.', [['', mem.heapUsed]]);
    return `${lines.join('\n')}\n`;
  }
}
