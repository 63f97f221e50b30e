// Picks the store named in the options.
import { openRedisStore } from './redis';
import type { RedisTarget } from './redis-link';
import { openSqliteStore } from './sqlite';
import type { GroupCommitOptions } from './group-commit';
import type { EventStore } from './types';

function group(o: { groupCommitMs?: number; onTheWay?: () => number }): Partial<GroupCommitOptions> {
  return { ...(o.groupCommitMs === undefined ? {} : { windowMs: o.groupCommitMs }), ...(o.onTheWay ? { onTheWay: o.onTheWay } : {}) };
}

export interface StoreOptions {
  store?: 'sqlite' | 'redis';
  dataDir?: string;
  redisUrl?: string;
  /** Sentinel set instead of redisUrl (REDIS_SENTINELS), with its master name and passwords */
  redisSentinels?: RedisTarget['sentinels'];
  redisMasterName?: string;
  redisSentinelPassword?: string;
  redisPassword?: string;
  /** replicas that must have each write before a 2xx; default 1 with sentinels, else 0 */
  redisMinReplicas?: number;
  redisReplicaWaitMs?: number;
  redisPrefix?: string;
  groupCommitMs?: number;
  onTheWay?: () => number;
  /** how long Redis keeps a charge's terminal (SQLite: pruned by the forwarder's hourly job) */
  chargeRouteRetentionMs?: number;
  /** SQLite writes in a worker thread (the server); the CLI writes in its own thread */
  sqliteWriterThread?: boolean;
  /** with the writer thread: a lone webhook commits on the event loop while commits are fast (default true) */
  sqliteLoneCommits?: boolean;
}

/** Where the Redis of these options is (one URL, or a Sentinel set), with its passwords: every client uses it. */
export function redisTargetOf(o: StoreOptions): RedisTarget {
  if (!o.redisUrl && !o.redisSentinels?.length) throw new Error('store "redis" needs redisUrl (REDIS_URL) or redisSentinels (REDIS_SENTINELS)');
  return {
    url: o.redisUrl, sentinels: o.redisSentinels, masterName: o.redisMasterName, sentinelPassword: o.redisSentinelPassword,
    password: o.redisPassword, minReplicas: o.redisMinReplicas, replicaWaitMs: o.redisReplicaWaitMs,
  };
}

export async function openStore(o: StoreOptions): Promise<EventStore> {
  if ((o.store ?? 'sqlite') === 'redis') return openRedisStore(redisTargetOf(o), o.redisPrefix ?? 'fwd', group(o), o.chargeRouteRetentionMs);
  if (!o.dataDir) throw new Error('store "sqlite" needs dataDir (FORWARDER_DATA_DIR or --data)');
  return Promise.resolve(openSqliteStore(o.dataDir, group(o), { writerThread: o.sqliteWriterThread ?? false, ...(o.sqliteLoneCommits === false ? { loneAppend: false as const } : {}) }));
}
