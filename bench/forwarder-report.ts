// Renders bench/results/forwarder.md from the forwarder benchmark's result.
interface Lat { p50: number; p99: number }
interface ModeResult {
  oneAtATime: { floor: Lat; forwarder: Lat; p99Ratio: number };
  load: { concurrency: number; events: number; floorPerSec: number; forwarderPerSec: number; rateRatio: number; floor: Lat; forwarder: Lat; p99Ratio: number; storeCommitsPerWebhook: number };
}
interface Result {
  terminals: number; latencyEvents: number; loadEvents: number; concurrency: number;
  sqlite: { instances: number; connectAllMs: number; keepAlive: ModeResult; newConnection: ModeResult } | Record<string, unknown>;
  redis: { instances: number; keepAlive: ModeResult; newConnection: ModeResult } | Record<string, unknown>;
  memory: { rssBeforeMiB: number; rssIdleMiB: number; rssPerIdleTerminalKiB: number; heapPerIdleTerminalKiB: number };
  goals: Record<string, boolean>;
  machine: { loadAverage: number[]; cpus: number; node: string };
  measuredAt: string;
}

const yes = (b: boolean | undefined): string => (b ? 'met' : '**missed**');

function rows(store: string, r: { keepAlive: ModeResult; newConnection: ModeResult }): string {
  return (['keepAlive', 'newConnection'] as const)
    .map((mode) => {
      const m = r[mode];
      const label = mode === 'keepAlive' ? 'keep-alive' : 'new connections';
      return `| ${store}, ${label} | ${m.oneAtATime.floor.p50} / ${m.oneAtATime.floor.p99} | ${m.oneAtATime.forwarder.p50} / ${m.oneAtATime.forwarder.p99} | ×${m.oneAtATime.p99Ratio} | ${m.load.floorPerSec} | ${m.load.forwarderPerSec} | ${Math.round(m.load.rateRatio * 100)}% | ${m.load.floor.p99} / ${m.load.forwarder.p99} (×${m.load.p99Ratio}) | ${m.load.storeCommitsPerWebhook} |`;
    })
    .join('\n');
}

export function renderMarkdown(result: Result): string {
  const sq = result.sqlite as { keepAlive: ModeResult; newConnection: ModeResult; connectAllMs: number };
  const rd = result.redis as { keepAlive: ModeResult; newConnection: ModeResult };
  const g = result.goals;
  return `# Forwarder benchmark

${result.measuredAt}, ${result.machine.cpus} CPUs, Node ${result.machine.node}, load average at the end ${result.machine.loadAverage.join(' / ')} (a shared machine).
${result.terminals} terminals (RelayClients committing to SQLite, WAL + synchronous=NORMAL) in the bench process; the forwarders in child
processes (signatures verified, SQLite WAL + synchronous=FULL, or Redis with AOF appendfsync always); the floor is a bare Node
http+ws relay with no storage and no signature check, measured in the same run. Latency: from the start of the webhook POST to the end
of the terminal's commit. ${result.latencyEvents} events one at a time (floor and forwarder interleaved), then ${result.loadEvents} events with ${result.concurrency} in flight.

| store, connections | floor p50 / p99 (ms) | forwarder p50 / p99 (ms) | p99 ratio | floor events/s | forwarder events/s | of floor | under load p99 floor / forwarder (ms) | store commits (fsyncs) per webhook |
|---|---|---|---|---|---|---|---|---|
${rows('SQLite, 1 instance', sq)}
${rows('Redis, 2 instances', rd)}

Memory per idle terminal (SQLite instance, RSS delta / heap delta): ${result.memory.rssPerIdleTerminalKiB} / ${result.memory.heapPerIdleTerminalKiB} KiB (RSS ${result.memory.rssBeforeMiB} → ${result.memory.rssIdleMiB} MiB; ${result.terminals} connected in ${sq.connectAllMs} ms).

| goal (issue 15) | result |
|---|---|
| p99 ≤ 2× floor, keep-alive (SQLite, one at a time) | ${yes(g.p99Within2xFloorKeepAlive)} |
| p99 ≤ 2× floor, new connections (SQLite, one at a time) | ${yes(g.p99Within2xFloorNewConnections)} |
| events/s ≥ 80% of floor (SQLite, both) | ${yes(g.eventsPerSecAtLeast80PctOfFloor)} |
| fsyncs per webhook ≤ 0.2 at ${result.concurrency} in flight (SQLite, both) | ${yes(g.fsyncsPerWebhookAtMost0_2)} |
| memory per idle terminal < 32 KiB | ${yes(g.under32KiBPerIdleTerminal)} |
`;
}
