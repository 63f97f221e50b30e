// A Redis primary + replica (AOF, appendfsync always, passwords) and three Redis Sentinels, all our own
// processes on loopback ports, for the Sentinel failover suite. Timings are shortened so a failover
// takes about two seconds (down-after 1000 ms), not Sentinel's default 30 s.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { atFileEnd } from '../support/cleanup';
import { freePort, stopChild, waitFor } from './helpers';

export const MASTER = 'fwdtest';
export const REDIS_PASSWORD = 'redis-test-password-1';
export const SENTINEL_PASSWORD = 'sentinel-test-password-1';

export interface RedisNode {
  readonly port: number;
  child: ChildProcess;
  readonly dir: string;
}

function redisArgs(node: { port: number; dir: string }, replicaOf: number | null): string[] {
  return [
    '--port', String(node.port), '--bind', '127.0.0.1', '--dir', node.dir, '--logfile', join(node.dir, 'redis.log'), '--save', '', '--appendonly', 'yes', '--appendfsync', 'always',
    '--requirepass', REDIS_PASSWORD, '--masterauth', REDIS_PASSWORD, '--repl-diskless-sync', 'yes', '--repl-diskless-sync-delay', '0',
    ...(replicaOf === null ? [] : ['--replicaof', '127.0.0.1', String(replicaOf)]),
  ];
}

async function answers(port: number, password: string, replica = false): Promise<boolean> {
  const c = new Redis({ port, host: '127.0.0.1', password, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  c.on('error', () => undefined);
  try {
    await c.connect();
    if ((await c.ping()) !== 'PONG') return false;
    // A replica is ready once its link to the primary is up (the first sync done): a write before that
    // would wait for an acknowledgement the replica cannot give yet.
    return !replica || /master_link_status:up/.test(await c.info('replication'));
  } catch {
    return false;
  } finally {
    c.disconnect();
  }
}

/** Starts (or restarts on its data) a redis-server; `replicaOf` = the primary's port, or null for a primary. */
export async function startNode(node: { port: number; dir: string }, replicaOf: number | null, timeoutMs = 20_000): Promise<RedisNode> {
  mkdirSync(node.dir, { recursive: true });
  const child = spawn('redis-server', redisArgs(node, replicaOf), { stdio: 'ignore' });
  void atFileEnd(() => stopChild(child, 'SIGKILL')); // also when a test times out before its own cleanup
  await waitFor(() => answers(node.port, REDIS_PASSWORD, replicaOf !== null), `redis-server on ${node.port}`, timeoutMs).catch((err: unknown) => {
    // A replica that never got its link up: its own log says why (sync refused, loading, a loop).
    const log = existsSync(join(node.dir, 'redis.log')) ? readFileSync(join(node.dir, 'redis.log'), 'utf8').trim().split('\n').slice(-25).join('\n') : '(no log)';
    throw new Error(`${err instanceof Error ? err.message : String(err)}; its log ends:\n${log}`);
  });
  return { ...node, child };
}

export async function startSentinel(dir: string, primaryPort: number): Promise<{ port: number; child: ChildProcess }> {
  const port = await freePort();
  mkdirSync(dir, { recursive: true });
  const conf = join(dir, 'sentinel.conf');
  // Sentinel rewrites its own config file (it must be writable): one per sentinel.
  writeFileSync(conf, [
    `port ${port}`, 'bind 127.0.0.1', `dir ${dir}`, `requirepass ${SENTINEL_PASSWORD}`, `sentinel sentinel-pass ${SENTINEL_PASSWORD}`,
    `sentinel monitor ${MASTER} 127.0.0.1 ${primaryPort} 2`, `sentinel auth-pass ${MASTER} ${REDIS_PASSWORD}`,
    `sentinel down-after-milliseconds ${MASTER} 1000`, `sentinel failover-timeout ${MASTER} 4000`, `sentinel parallel-syncs ${MASTER} 1`, '',
  ].join('\n'));
  const child = spawn('redis-sentinel', [conf], { stdio: 'ignore' });
  void atFileEnd(() => stopChild(child, 'SIGKILL'));
  await waitFor(() => answers(port, SENTINEL_PASSWORD), `redis-sentinel on ${port}`, 20_000);
  return { port, child };
}

export function sentinelClient(port: number): Redis {
  const c = new Redis({ port, host: '127.0.0.1', password: SENTINEL_PASSWORD, maxRetriesPerRequest: 1 });
  c.on('error', () => undefined);
  return c;
}

/** Port of the primary this sentinel names now. */
export async function primaryPortSeen(s: Redis): Promise<number> {
  const addr = (await s.call('SENTINEL', 'get-master-addr-by-name', MASTER)) as [string, string] | null;
  return Number(addr?.[1] ?? 0);
}

export async function stopAll(children: (ChildProcess | null | undefined)[]): Promise<void> {
  await Promise.all(children.map((c) => (c ? stopChild(c, 'SIGKILL') : Promise.resolve())));
}
