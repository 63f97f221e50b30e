// The forwarder benchmark's processes (the floor, the forwarders) and what it reads from the OS about
// them: CPU time from /proc, fsync calls through perf.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as netServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { buildForwarderInto } from '../scripts/forwarder-build-dir.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The webhook secret the bench signs with and its forwarders verify. */
export const SECRET = Buffer.from('bench-webhook-secret-0123456789ab').toString('base64');
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export function freePort(): Promise<number> {
  return new Promise((res) => {
    const s = netServer().listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => res(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

/** Every process the bench started, killed when it ends. */
export const children: ChildProcess[] = [];
let builtDir: string | null = null;
/**
 * What runs is what ships: the forwarder as forwarder/build.mjs builds it (dist/cli.mjs and its SQLite
 * writer thread beside it, as the Dockerfile and the systemd unit run it), and the floor bundled the same
 * way, so neither pays for tsx. Built once per run into a temporary folder whose node_modules are this
 * checkout's; removed by removeBuilds().
 */
async function builds(): Promise<{ forwarder: string; floor: string }> {
  if (!builtDir) {
    const dir = mkdtempSync(join(tmpdir(), 'fwd-bench-build-'));
    await buildForwarderInto(dir);
    buildSync({ entryPoints: [join(ROOT, 'bench/forwarder-floor.ts')], outfile: join(dir, 'floor.mjs'), bundle: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'warning' });
    builtDir = dir;
  }
  return { forwarder: join(builtDir, 'dist/cli.mjs'), floor: join(builtDir, 'floor.mjs') };
}
export function removeBuilds(): void {
  if (builtDir) rmSync(builtDir, { recursive: true, force: true });
  builtDir = null;
}

/** The floor relay (bench/forwarder-floor.ts) in its own process, as the forwarder is; `durableDir`: the durable floor. */
export async function spawnFloor(durableDir?: string): Promise<{ url: string; wsUrl: string; pid: number }> {
  const { FLOOR_DURABLE_DIR: _ignored, ...inherited } = process.env;
  const env = durableDir ? { ...inherited, FLOOR_DURABLE_DIR: durableDir } : inherited;
  const child = spawn(process.execPath, [(await builds()).floor], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  return new Promise((res, rej) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /floor listening on (http:\/\/\S+)/.exec(out);
      if (m?.[1]) res({ url: m[1], wsUrl: `${m[1].replace('http', 'ws')}/terminals`, pid: child.pid ?? 0 });
    });
    child.once('exit', (c) => rej(new Error(`floor exited ${c}`)));
  });
}

export async function spawnForwarder(env: Record<string, string>): Promise<{ url: string; metricsUrl: string; child: ChildProcess }> {
  const { forwarder } = await builds();
  const child = spawn(process.execPath, [...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : []), forwarder, '--port', '0'], { cwd: ROOT, env: { ...process.env, FORWARDER_QUIET: '1', OPN_WEBHOOK_SECRET: SECRET, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  return new Promise((res, rej) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      const mm = /metrics on (http:\/\/\S+)/.exec(out);
      if (m?.[1] && mm?.[1]) res({ url: m[1], metricsUrl: mm[1], child });
    });
    child.once('exit', (c) => rej(new Error(`forwarder exited ${c}`)));
  });
}

/**
 * Counts a process's real fsync/fdatasync calls with `perf stat` (kernel tracepoints, no slowdown), or
 * null when perf cannot (absent, not permitted). Redis with appendfsync always fsyncs once per event-loop
 * turn, for every write it read in that turn: batches of both instances that reach it during one fsync
 * share the next, so its count is the disk's figure, below the forwarders' count of write round trips.
 */
export async function countFsyncs(pid: number | undefined): Promise<{ stop: () => Promise<number | null> }> {
  const none = { stop: () => Promise.resolve(null) };
  if (!pid) return none;
  const perf = spawn('perf', ['stat', '-x', ',', '-e', 'syscalls:sys_enter_fsync,syscalls:sys_enter_fdatasync', '-p', String(pid)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  perf.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((res) => {
    perf.once('error', () => res(null));
    perf.once('exit', () => {
      const counts = [...err.matchAll(/^(\d+),[^,]*,syscalls:sys_enter_f(?:data)?sync/gm)].map((m) => Number(m[1]));
      res(counts.length === 2 ? counts[0]! + counts[1]! : null);
    });
  });
  await sleep(300); // attached
  if (perf.exitCode !== null) return none;
  return { stop: () => (perf.kill('SIGINT'), exited) };
}
/** CPU time (ms, user + system) the processes used so far, from /proc (Linux; NaN elsewhere). */
export function cpuMs(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields after the command name: utime, stime at 11, 12
      ticks += Number(f[11]) + Number(f[12]);
    } catch {
      return NaN;
    }
  }
  return ticks * 10; // USER_HZ is 100 on Linux
}
/** The machine's idle time so far (ms, all CPUs), from /proc/stat (Linux; NaN elsewhere). */
export function idleMs(): number {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]?.trim().split(/\s+/) ?? [];
    return (Number(f[4]) + Number(f[5])) * 10; // idle + iowait, USER_HZ 100
  } catch {
    return NaN;
  }
}
