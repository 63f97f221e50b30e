// Forwarder benchmark: 1,000 terminals connected on loopback to one forwarder process; webhook →
// terminal-commit latency (p50/p99) and sustained events/s, against a direct HTTP POST to a local
// receiver that does the same commit (the floor), plus memory per idle terminal connection.
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { RelayClient } from '../electron/relay/client';
import { createToken } from '../forwarder/index';
import { openSqliteStore } from '../forwarder/store/sqlite';
import type { RelayEvent } from '../shared/relay';

const here = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(here, '..');
const TERMINALS = Number(process.env.BENCH_TERMINALS ?? 1000);
const LATENCY_EVENTS = 1000;
const THROUGHPUT_EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000);
const CONCURRENCY = 64;
const SECRET = Buffer.from('bench-webhook-secret-0123456789ab').toString('base64');

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const round = (x: number, d = 2): number => Math.round(x * 10 ** d) / 10 ** d;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function body(id: string, terminal: string): string {
  return JSON.stringify({ object: 'event', id, livemode: false, key: 'charge.complete', created_at: new Date().toISOString(), data: { object: 'charge', id: `chrg_${id}`, amount: 1000, currency: 'SGD', status: 'successful', metadata: { terminal_id: terminal, sale_id: `sale_${id}` } } });
}

function signedHeaders(raw: string): Record<string, string> {
  const ts = Math.floor(Date.now() / 1000);
  return { 'content-type': 'application/json', 'omise-signature-timestamp': String(ts), 'omise-signature': createHmac('sha256', Buffer.from(SECRET, 'base64')).update(`${ts}.${raw}`).digest('hex') };
}

/**
 * The terminal side: event + cursor in one transaction. 1,000 simulated terminals share one process and
 * one disk here, where each real terminal has its own, so their commits use synchronous=NORMAL (WAL):
 * with FULL, this one disk's fsync rate, not the forwarder, would be measured. The floor receiver
 * commits exactly the same way.
 */
function receiptDb(file: string) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE events (terminal_id TEXT, seq INTEGER, event_id TEXT UNIQUE, PRIMARY KEY (terminal_id, seq)); CREATE TABLE cursors (terminal_id TEXT PRIMARY KEY, seq INTEGER)');
  const ins = db.prepare('INSERT INTO events VALUES (?, ?, ?)');
  const cur = db.prepare('INSERT INTO cursors VALUES (?, ?) ON CONFLICT (terminal_id) DO UPDATE SET seq = excluded.seq');
  const commit = db.transaction((t: string, seq: number, id: string) => {
    ins.run(t, seq, id);
    cur.run(t, seq);
  });
  return { db, commit };
}

// node:http with a keep-alive pool: lighter on the shared CPUs than fetch, for both paths alike.
const agent = new Agent({ keepAlive: true, maxSockets: 128 });
function post(url: string, headers: Record<string, string>, raw: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': String(Buffer.byteLength(raw)) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(raw);
  });
}

async function metric(url: string, name: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const m = new RegExp(`^${name} (\\d+(?:\\.\\d+)?)$`, 'm').exec(text);
  return Number(m?.[1] ?? NaN);
}

async function pool(n: number, concurrency: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < n) await task(next++);
  }));
}

/** What one durable commit costs on this disk: the floor under the forwarder's own durability. */
function fsyncCostMs(dir: string): number {
  const db = new Database(join(dir, 'fsync.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE t (x)');
  const ins = db.prepare('INSERT INTO t VALUES (?)');
  const t0 = performance.now();
  for (let i = 0; i < 100; i++) ins.run(i);
  const ms = (performance.now() - t0) / 100;
  db.close();
  return ms;
}

export default async function forwarderBench(): Promise<unknown> {
  const tmp = mkdtempSync(join(tmpdir(), 'fwd-bench-'));
  const fsyncMs = fsyncCostMs(tmp);
  const dataDir = join(tmp, 'forwarder');
  const store = openSqliteStore(dataDir);
  const tokens: string[] = [];
  for (let i = 0; i < TERMINALS; i++) tokens.push(await createToken(store, `t${i}`));
  await store.close();

  const child = spawn(process.execPath, ['--import', 'tsx', 'forwarder/cli.ts', '--port', '0', '--data', dataDir], {
    cwd: ROOT, env: { ...process.env, FORWARDER_QUIET: '1', OPN_WEBHOOK_SECRET: SECRET }, stdio: ['ignore', 'pipe', 'inherit'],
  });
  const killChild = (): void => void child.kill('SIGKILL');
  process.once('exit', killChild); // never leave the forwarder behind if the bench dies
  const url = await new Promise<string>((res, rej) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m?.[1]) res(m[1]);
    });
    child.once('exit', (c) => rej(new Error(`forwarder exited ${c}`)));
  });
  const receipts = receiptDb(join(tmp, 'terminal.sqlite'));
  const floorDb = receiptDb(join(tmp, 'floor.sqlite'));
  const waiters = new Map<string, () => void>();
  const cursors = new Map<string, number>();
  const clients: RelayClient[] = [];
  let floorServer: ReturnType<typeof createServer> | undefined;

  try {
    // warm up the forwarder's intake and JIT before the memory baseline
    for (let i = 0; i < 50; i++) await fetch(`${url}/webhooks/opn`, { method: 'POST', headers: signedHeaders(body(`warm${i}`, 'nobody')), body: body(`warm${i}`, 'nobody') });
    await sleep(500);
    const rssBefore = await metric(url, 'process_resident_memory_bytes');
    const heapBefore = await metric(url, 'nodejs_heap_used_bytes');

    const t0 = performance.now();
    for (let i = 0; i < TERMINALS; i++) {
      const terminalId = `t${i}`;
      const c = new RelayClient({
        url: `${url.replace('http', 'ws')}/terminals`, terminalId, token: tokens[i] ?? '',
        lastSeq: () => cursors.get(terminalId) ?? 0,
        onEvent: (e: RelayEvent) => {
          receipts.commit(terminalId, e.seq, e.eventId);
          cursors.set(terminalId, e.seq);
          waiters.get(e.eventId)?.();
          waiters.delete(e.eventId);
          return Promise.resolve();
        },
      });
      clients.push(c);
      c.start();
      if (i % 100 === 99) await sleep(20);
    }
    while (clients.some((c) => c.status.state !== 'connected')) await sleep(50);
    const connectMs = performance.now() - t0;
    await sleep(2000);
    const rssIdle = await metric(url, 'process_resident_memory_bytes');
    const heapIdle = await metric(url, 'nodejs_heap_used_bytes');
    const connected = await metric(url, 'forwarder_terminals_connected');

    // floor: a direct POST to a local receiver that commits the same way
    const floorSeqs = new Map<string, number>();
    floorServer = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const e = JSON.parse(raw) as { id: string; data: { metadata: { terminal_id: string } } };
        const t = e.data.metadata.terminal_id;
        const seq = (floorSeqs.get(t) ?? 0) + 1;
        floorSeqs.set(t, seq);
        floorDb.commit(t, seq, e.id);
        res.writeHead(200).end('{}');
      });
    });
    await new Promise<void>((r) => floorServer?.listen(0, '127.0.0.1', r));
    const floorUrl = `http://127.0.0.1:${(floorServer.address() as AddressInfo).port}/`;

    let seqId = 0;
    const viaFloor = async (): Promise<number> => {
      const id = `evnt_f${seqId++}`;
      const raw = body(id, `t${Math.floor(Math.random() * TERMINALS)}`);
      const start = performance.now();
      await post(floorUrl, signedHeaders(raw), raw);
      return performance.now() - start;
    };
    const viaForwarder = async (): Promise<number> => {
      const id = `evnt_w${seqId++}`;
      const raw = body(id, `t${Math.floor(Math.random() * TERMINALS)}`);
      const committed = new Promise<void>((r) => waiters.set(id, r));
      const start = performance.now();
      const status = await post(`${url}/webhooks/opn`, signedHeaders(raw), raw);
      if (status !== 200) throw new Error(`forwarder answered ${status}`);
      await committed;
      return performance.now() - start;
    };

    // latency, one event at a time, interleaved so both see the same machine noise
    const floorLat: number[] = [];
    const fwdLat: number[] = [];
    for (let i = 0; i < LATENCY_EVENTS; i++) {
      floorLat.push(await viaFloor());
      fwdLat.push(await viaForwarder());
    }

    // sustained throughput with CONCURRENCY webhooks in flight
    const f0 = performance.now();
    await pool(THROUGHPUT_EVENTS, CONCURRENCY, async () => void (await viaFloor()));
    const floorRate = THROUGHPUT_EVENTS / ((performance.now() - f0) / 1000);
    const w0 = performance.now();
    const loadLat: number[] = [];
    await pool(THROUGHPUT_EVENTS, CONCURRENCY, async () => void loadLat.push(await viaForwarder()));
    const fwdRate = THROUGHPUT_EVENTS / ((performance.now() - w0) / 1000);
    const rssLoaded = await metric(url, 'process_resident_memory_bytes');

    const result = {
      terminals: TERMINALS,
      connected,
      connectAllMs: round(connectMs, 0),
      latencyMs: {
        events: LATENCY_EVENTS,
        directPost: { p50: round(pct(floorLat, 50)), p99: round(pct(floorLat, 99)) },
        forwarder: { p50: round(pct(fwdLat, 50)), p99: round(pct(fwdLat, 99)) },
        p99Ratio: round(pct(fwdLat, 99) / pct(floorLat, 99)),
        forwarderUnderLoad: { p50: round(pct(loadLat, 50)), p99: round(pct(loadLat, 99)) },
      },
      throughput: { events: THROUGHPUT_EVENTS, concurrency: CONCURRENCY, directPostPerSec: round(floorRate, 0), forwarderPerSec: round(fwdRate, 0) },
      memory: {
        rssBeforeMiB: round(rssBefore / 2 ** 20, 1), rssIdleMiB: round(rssIdle / 2 ** 20, 1), rssAfterLoadMiB: round(rssLoaded / 2 ** 20, 1),
        rssPerIdleTerminalKiB: round((rssIdle - rssBefore) / TERMINALS / 1024, 1),
        heapPerIdleTerminalKiB: round((heapIdle - heapBefore) / TERMINALS / 1024, 1),
      },
      goals: {
        p99Within3xDirectPost: pct(fwdLat, 99) <= 3 * pct(floorLat, 99),
        atLeast2000EventsPerSec: fwdRate >= 2000,
        under64KiBPerIdleTerminal: (rssIdle - rssBefore) / TERMINALS < 64 * 1024,
      },
      durableCommitMs: round(fsyncMs),
      machine: { loadAverage: (await import('node:os')).loadavg().map((x) => round(x, 1)), cpus: (await import('node:os')).cpus().length, node: process.version, note: 'forwarder in a child process (SQLite, WAL, synchronous=FULL with group commit, signatures verified); 1,000 RelayClients and both receivers in the bench process, their commits WAL + synchronous=NORMAL; loopback' },
      measuredAt: new Date().toISOString(),
    };
    console.log(JSON.stringify(result, null, 2));
    mkdirSync(join(here, 'results'), { recursive: true });
    writeFileSync(join(here, 'results', 'forwarder.json'), `${JSON.stringify(result, null, 2)}\n`);
    const yes = (b: boolean) => (b ? 'met' : '**missed**');
    writeFileSync(join(here, 'results', 'forwarder.md'), `# Forwarder benchmark

${result.measuredAt}, ${result.machine.cpus} CPUs, Node ${result.machine.node}. ${result.machine.note}.

| figure | direct POST (floor) | forwarder | goal |
|---|---|---|---|
| latency p50, one at a time (ms) | ${result.latencyMs.directPost.p50} | ${result.latencyMs.forwarder.p50} | |
| latency p99, one at a time (ms) | ${result.latencyMs.directPost.p99} | ${result.latencyMs.forwarder.p99} | p99 ≤ 3× floor: ${yes(result.goals.p99Within3xDirectPost)} (×${result.latencyMs.p99Ratio}) |
| sustained events/s (${CONCURRENCY} in flight) | ${result.throughput.directPostPerSec} | ${result.throughput.forwarderPerSec} | ≥ 2,000/s: ${yes(result.goals.atLeast2000EventsPerSec)} |
| latency under that load p50 / p99 (ms) | | ${result.latencyMs.forwarderUnderLoad.p50} / ${result.latencyMs.forwarderUnderLoad.p99} | |
| memory per idle terminal (RSS delta / heap delta, KiB) | | ${result.memory.rssPerIdleTerminalKiB} / ${result.memory.heapPerIdleTerminalKiB} | < 64 KiB: ${yes(result.goals.under64KiBPerIdleTerminal)} |

One durable SQLite commit (WAL, synchronous=FULL) cost ${result.durableCommitMs} ms on this disk during the run; the forwarder pays at least one per webhook batch before answering 2xx, the floor pays none. Load average at the end: ${result.machine.loadAverage.join(' / ')} on ${result.machine.cpus} CPUs shared with other work.

${TERMINALS} terminals connected (${connected} seen by the forwarder) in ${result.connectAllMs} ms. Forwarder RSS ${result.memory.rssBeforeMiB} MiB before, ${result.memory.rssIdleMiB} MiB with all idle, ${result.memory.rssAfterLoadMiB} MiB after the load.
Latency is from the start of the webhook POST to the end of the terminal's SQLite commit (forwarder), or to the receiver's response after the same commit (floor).
`);
    return result;
  } finally {
    await Promise.all(clients.map((c) => c.stop()));
    agent.destroy();
    floorServer?.closeAllConnections();
    await new Promise((r) => (floorServer ? floorServer.close(r) : r(undefined)));
    process.off('exit', killChild);
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    receipts.db.close();
    floorDb.db.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}
