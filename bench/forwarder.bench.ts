// Forwarder benchmark (issue 15): webhook → terminal-commit latency (p50/p99) and sustained events/s
// against the floor (a bare Node http+ws relay with no storage, bench/forwarder-floor.ts) in the same
// run, on keep-alive and on new connections; 1,000 terminals on one SQLite instance, then across two
// instances on one Redis (AOF, appendfsync always); store commits (fsyncs) per webhook from the
// store's own counter; memory per idle terminal.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RelayClient } from '../electron/relay/client';
import { createToken } from '../forwarder/index';
import { openStore } from '../forwarder/store/open';
import { latencySummary, pct, round } from './forwarder-latency';
import { goalChecks, printGoals, renderMarkdown } from './forwarder-report';
import { children, countFsyncs, freePort, removeBuilds, sleep, spawnFloor, spawnForwarder } from './forwarder-processes';
import { roundRatios, SideTally } from './forwarder-rounds';
import { agent, body, connectTerminals, deliverOne, metric, pool, post, receiptDb, TERMINALS } from './forwarder-traffic';

const here = dirname(fileURLToPath(import.meta.url));
const LATENCY_EVENTS = Number(process.env.BENCH_LATENCY_EVENTS ?? 1000);
/** Webhooks per side in the load phase: 16 rounds of 500 (4,000 in 8 rounds until 2026-12-07; a run's interval is now about ±0.05). */
const LOAD_EVENTS = Number(process.env.BENCH_EVENTS ?? 8000);
const CONCURRENCY = 64;
/**
 * The load phase's rounds, alternating floor and forwarder (500 webhooks each by default): this machine's
 * speed drifts by a third within seconds (the floor alone read 2,955 to 4,384/s across the rounds of one
 * run), so many short alternations estimate the ratio better than a few long ones.
 */
const LOAD_ROUNDS = Number(process.env.BENCH_ROUNDS ?? 16);
/** Dead letters served before memory is measured (warmUpMemory). */
const WARM_UP_WEBHOOKS = 1000;
/**
 * Deliveries before anything is measured, floor and forwarders alike (warmUpDeliveries): a server that has
 * been up a while. With 1,000 the forwarder's rate still rose round after round (1,962 → 2,797/s over 8
 * rounds). With 4,000 (until 2026-12-07) the rates looked level, but `perf` showed V8's optimizing compiler
 * still at work in the measured rounds: on Redis ×2 (each instance gets half) 14 % of the instances' CPU
 * there, falling from a third of round 0 to almost nothing in the last rounds; with 16,000 it is 2 %.
 */
const WARM_UP_DELIVERIES = Number(process.env.BENCH_WARM_UP ?? 16000);
/** `BENCH_STORES=redis` (or `sqlite`) measures only that target while iterating; goals need both. */
const STORES = new Set((process.env.BENCH_STORES ?? 'sqlite,redis').split(',').map((s) => s.trim()));
/** `BENCH_MODES=keepAlive` (or `newConnection`) measures one connection kind only, e.g. for a profile. */
const MODES = (['keepAlive', 'newConnection'] as const).filter((m) => (process.env.BENCH_MODES ?? 'keepAlive,newConnection').split(',').includes(m));


/** `pids`: the processes serving the target (the floor; the forwarders and redis-server), for CPU per webhook. */
interface Target { urls: string[]; metricsUrls: string[]; pids: number[]; fsyncPid?: number }

async function commitsOf(t: Target): Promise<number> {
  let n = 0;
  for (const u of t.metricsUrls) n += await metric(u, 'forwarder_store_commits_total');
  return n;
}

/** Latency (one at a time, interleaved with the floor) and load (64 in flight) for both modes. */
async function compare(floor: Target, fwd: Target) {
  const out: Record<string, unknown> = {};
  for (const mode of MODES) {
    const fl: number[] = [];
    const fw: number[] = [];
    for (let i = 0; i < LATENCY_EVENTS; i++) {
      fl.push(await deliverOne(floor.urls, mode));
      fw.push(await deliverOne(fwd.urls, mode));
    }
    // The load alternates in rounds (floor, forwarder, floor, …), so neither side is measured only while
    // the machine is warmer or busier: a run of 2,000 each, one after the other, favoured whichever came later.
    const floorLoad: number[] = [];
    const fwdLoad: number[] = [];
    const floorSide = new SideTally();
    const fwdSide = new SideTally();
    const fsyncs = await countFsyncs(fwd.fsyncPid);
    const c0 = await commitsOf(fwd);
    const serverPids = fwd.fsyncPid ? [fwd.fsyncPid] : [];
    const n = Math.round(LOAD_EVENTS / LOAD_ROUNDS);
    for (let round = 0; round < LOAD_ROUNDS; round++) {
      const fr = await floorSide.round(n, floor.pids, [], () => pool(n, CONCURRENCY, async () => void floorLoad.push(await deliverOne(floor.urls, mode))));
      const wr = await fwdSide.round(n, fwd.pids, serverPids, () => pool(n, CONCURRENCY, async () => void fwdLoad.push(await deliverOne(fwd.urls, mode))));
      // the round's end on CLOCK_MONOTONIC (s), as `perf record -k CLOCK_MONOTONIC` and --cpu-prof time their samples
      if (process.env.BENCH_DEBUG_ROUNDS) console.error(`${(Number(process.hrtime.bigint()) / 1e9).toFixed(3)} round ${round}: floor ${Math.round(fr)}/s, forwarder ${Math.round(wr)}/s`);
    }
    const floorRate = floorLoad.length / (floorSide.ms / 1000);
    const fwdRate = fwdLoad.length / (fwdSide.ms / 1000);
    const floorCpu = floorSide.cpuMs / floorLoad.length;
    const fwdCpu = fwdSide.cpuMs / fwdLoad.length;
    const serverCpu = fwd.fsyncPid ? fwdSide.serverCpuMs / fwdLoad.length : NaN;
    const benchCpu = fwdSide.benchCpuMs / fwdLoad.length;
    const benchFloorCpu = floorSide.benchCpuMs / floorLoad.length;
    const storeFsyncs = await fsyncs.stop();
    const commits = (await commitsOf(fwd)) - c0;
    const events = fwdLoad.length;
    out[mode] = {
      oneAtATime: { floor: latencySummary(fl), forwarder: latencySummary(fw), p99Ratio: round(pct(fw, 99) / pct(fl, 99), 3) },
      load: {
        concurrency: CONCURRENCY, events, rounds: LOAD_ROUNDS,
        floorPerSec: round(floorRate, 0), forwarderPerSec: round(fwdRate, 0), rateRatio: round(fwdRate / floorRate, 3),
        roundRatios: roundRatios(floorSide, fwdSide),
        // share of the machine's CPUs left idle: the floor's rounds wait on this process, the forwarder's on the CPUs
        machineIdle: { floorRounds: round(floorSide.idleShare, 3), forwarderRounds: round(fwdSide.idleShare, 3) },
        floor: { p50: round(pct(floorLoad, 50)), p99: round(pct(floorLoad, 99)) }, forwarder: { p50: round(pct(fwdLoad, 50)), p99: round(pct(fwdLoad, 99)) },
        p99Ratio: round(pct(fwdLoad, 99) / pct(floorLoad, 99)),
        storeCommitsPerWebhook: round(commits / events, 3),
        // redis-server's own fsync calls (perf), when it could count them
        ...(storeFsyncs === null ? {} : { storeFsyncsPerWebhook: round(storeFsyncs / events, 3) }),
        // CPU ms per webhook of the serving processes (forwarder target: its instances and redis-server)
        cpuMsPerWebhook: { floor: round(floorCpu, 3), forwarder: round(fwdCpu, 3), ...(Number.isFinite(serverCpu) ? { storeServer: round(serverCpu, 3) } : {}), benchProcess: round(benchCpu, 3), benchProcessWithFloor: round(benchFloorCpu, 3) },
      },
    };
  }
  return out;
}

/**
 * Serves webhooks (dead letters: no terminal yet) before memory is measured, as a live instance has:
 * V8's young generation (16 MiB semi-spaces) becomes resident only once that much was allocated, a
 * one-time cost per process whatever its terminals. Measured cold, it was charged to the first
 * terminals: 20 MiB per process, half of "Redis ×2"'s 38 KiB per terminal (500 terminals each).
 */
async function warmUpMemory(url: string, tag: string): Promise<void> {
  let n = 0;
  await pool(WARM_UP_WEBHOOKS, CONCURRENCY, async () => void (await post(`${url}/webhooks/opn`, body(`warm-${tag}-${n++}`, 'nobody'), 'keepAlive')));
}

/**
 * Delivers webhooks to the target's terminals, on both kinds of connection, before anything is
 * measured: the floor and each forwarder alike, so both are compared with their hot paths (HTTP in,
 * store, websocket out, acks) compiled by V8, as on a server that has been up a while. The memory
 * warm-up above only runs the dead-letter path.
 */
async function warmUpDeliveries(urls: string[]): Promise<void> {
  await pool(WARM_UP_DELIVERIES, CONCURRENCY, async () => void (await deliverOne(urls, 'keepAlive')));
  await pool(WARM_UP_DELIVERIES / 4, CONCURRENCY, async () => void (await deliverOne(urls, 'newConnection')));
}

/** One forwarder on SQLite: its terminals, memory per idle terminal, then the comparison with the floor. */
async function sqlitePhase(floorTarget: Target, ids: string[], tmp: string, clients: RelayClient[]) {
  const dataDir = join(tmp, 'forwarder');
  const sqliteTokens = new Map<string, string>();
  const store = await openStore({ store: 'sqlite', dataDir });
  for (const id of ids) sqliteTokens.set(id, await createToken(store, id));
  await store.close();
  const sq = await spawnForwarder({ FORWARDER_DATA_DIR: dataDir });
  await warmUpMemory(sq.url, 'sqlite');
  await sleep(500);
  const rssBefore = await metric(sq.metricsUrl, 'process_resident_memory_bytes');
  const heapBefore = await metric(sq.metricsUrl, 'nodejs_heap_used_bytes');
  const t0 = performance.now();
  const sqClients = await connectTerminals([`${sq.url.replace('http', 'ws')}/terminals`], sqliteTokens, ids, receiptDb(join(tmp, 'sqlite-terminals.sqlite')));
  clients.push(...sqClients);
  const connectMs = performance.now() - t0;
  await sleep(2000);
  const rssIdle = await metric(sq.metricsUrl, 'process_resident_memory_bytes');
  const heapIdle = await metric(sq.metricsUrl, 'nodejs_heap_used_bytes');
  const sqTarget = { urls: [`${sq.url}/webhooks/opn`], metricsUrls: [sq.metricsUrl], pids: [sq.child.pid ?? 0] };
  await warmUpDeliveries(sqTarget.urls);
  const sqlite = await compare(floorTarget, sqTarget);
  await Promise.all(sqClients.map((c) => c.stop()));
  sq.child.kill('SIGTERM');
  return {
    result: { instances: 1, connectAllMs: round(connectMs, 0), ...sqlite },
    memory: {
      rssBeforeMiB: round(rssBefore / 2 ** 20, 1), rssIdleMiB: round(rssIdle / 2 ** 20, 1),
      rssPerIdleTerminalKiB: round((rssIdle - rssBefore) / TERMINALS / 1024, 1), heapPerIdleTerminalKiB: round((heapIdle - heapBefore) / TERMINALS / 1024, 1),
    },
  };
}

/** Two forwarders on one Redis (AOF, appendfsync always), the terminals split between them. */
async function redisPhase(floorTarget: Target, ids: string[], tmp: string, clients: RelayClient[]) {
  const redisPort = await freePort();
  const redisDir = join(tmp, 'redis');
  mkdirSync(redisDir);
  const redis = spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--appendfsync', 'always', '--dir', redisDir], { stdio: 'ignore' });
  children.push(redis);
  const redisUrl = `redis://127.0.0.1:${redisPort}`;
  let rstore: Awaited<ReturnType<typeof openStore>> | undefined;
  for (let i = 0; !rstore; i++) {
    rstore = await openStore({ store: 'redis', redisUrl, redisPrefix: 'bench' }).catch(async (err: unknown) => {
      if (i > 100) throw err;
      await sleep(50);
      return undefined;
    });
  }
  const redisTokens = new Map<string, string>();
  for (const id of ids) redisTokens.set(id, await createToken(rstore, id));
  await rstore.close();
  const env = { FORWARDER_STORE: 'redis', REDIS_URL: redisUrl, FORWARDER_REDIS_PREFIX: 'bench' };
  const [ra, rb] = await Promise.all([spawnForwarder(env), spawnForwarder(env)]);
  await Promise.all([ra, rb].map((f, i) => warmUpMemory(f.url, `redis${i}`)));
  await sleep(500);
  const sumOf = async (name: string): Promise<number> => (await metric(ra.metricsUrl, name)) + (await metric(rb.metricsUrl, name));
  const redisRssBefore = await sumOf('process_resident_memory_bytes');
  const redisHeapBefore = await sumOf('nodejs_heap_used_bytes');
  const rClients = await connectTerminals([ra, rb].map((f) => `${f.url.replace('http', 'ws')}/terminals`), redisTokens, ids, receiptDb(join(tmp, 'redis-terminals.sqlite')));
  clients.push(...rClients);
  await sleep(2000);
  const redisRssIdle = await sumOf('process_resident_memory_bytes');
  const redisHeapIdle = await sumOf('nodejs_heap_used_bytes');
  const rTarget = { urls: [ra, rb].map((f) => `${f.url}/webhooks/opn`), metricsUrls: [ra.metricsUrl, rb.metricsUrl], pids: [ra.child.pid ?? 0, rb.child.pid ?? 0, redis.pid ?? 0], fsyncPid: redis.pid };
  await warmUpDeliveries(rTarget.urls);
  const result = await compare(floorTarget, rTarget);
  return {
    result: { instances: 2, appendfsync: 'always', ...result },
    // the two Redis instances together, their terminals split between them
    memory: {
      redisRssPerIdleTerminalKiB: round((redisRssIdle - redisRssBefore) / TERMINALS / 1024, 1),
      redisHeapPerIdleTerminalKiB: round((redisHeapIdle - redisHeapBefore) / TERMINALS / 1024, 1),
    },
  };
}

export default async function forwarderBench(): Promise<unknown> {
  const tmp = mkdtempSync(join(tmpdir(), 'fwd-bench-'));
  const killAll = (): void => children.forEach((c) => c.kill('SIGKILL'));
  process.once('exit', killAll); // never leave a forwarder or redis-server behind if the bench dies
  // Ctrl-C or a kill: Node exits without 'exit' handlers on a signal, which left the forwarders, redis-server
  // and the build folder behind. Clean up, then exit as the signal would have.
  const removeFolders = (): void => {
    rmSync(tmp, { recursive: true, force: true });
    removeBuilds();
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    killAll();
    removeFolders();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const ids = Array.from({ length: TERMINALS }, (_, i) => `t${i}`);
  const clients: RelayClient[] = [];
  try {
    const floor = await spawnFloor();
    const floorClients = await connectTerminals([floor.wsUrl], new Map(), ids, receiptDb(join(tmp, 'floor-terminals.sqlite')));
    clients.push(...floorClients);
    const floorTarget = { urls: [`${floor.url}/webhooks/opn`], metricsUrls: [], pids: [floor.pid] };
    // The floor is warmed as each forwarder is, which also warms this process's own side (the terminals' commits).
    await warmUpDeliveries(floorTarget.urls);

    const sqlite = STORES.has('sqlite') ? await sqlitePhase(floorTarget, ids, tmp, clients) : null;
    const redis = STORES.has('redis') ? await redisPhase(floorTarget, ids, tmp, clients) : null;
    const result = {
      terminals: TERMINALS, latencyEvents: LATENCY_EVENTS, loadEvents: LOAD_EVENTS, concurrency: CONCURRENCY, warmUpDeliveries: WARM_UP_DELIVERIES,
      sqlite: sqlite?.result ?? {}, redis: redis?.result ?? {},
      memory: { ...sqlite?.memory, ...redis?.memory },
      machine: { loadAverage: loadavg().map((x) => round(x, 1)), cpus: cpus().length, node: process.version },
      measuredAt: new Date().toISOString(),
    } as Parameters<typeof goalChecks>[0];
    if (!sqlite || !redis || MODES.length < 2) {
      console.log(JSON.stringify(result, null, 2));
      console.log(`only ${[...STORES].join(', ')}, ${MODES.join(', ')} measured (BENCH_STORES, BENCH_MODES): goals not checked, bench/results not written`);
      return result;
    }
    const checks = goalChecks(result);
    const withGoals = { ...result, goals: checks, allGoalsMet: checks.every((c) => c.met) };
    console.log(JSON.stringify(withGoals, null, 2));
    printGoals(withGoals);
    mkdirSync(join(here, 'results'), { recursive: true });
    writeFileSync(join(here, 'results', 'forwarder.json'), `${JSON.stringify(withGoals, null, 2)}\n`);
    writeFileSync(join(here, 'results', 'forwarder.md'), renderMarkdown(withGoals));
    return withGoals;
  } finally {
    await Promise.all(clients.map((c) => c.stop()));
    agent.destroy();
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
    await Promise.all(children.filter((c) => c.exitCode === null && c.signalCode === null).map((c) => new Promise((r) => c.once('exit', r))));
    process.off('exit', killAll);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    removeFolders();
  }
}
