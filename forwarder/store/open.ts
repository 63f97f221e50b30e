// Picks the store named in the options.
import { openRedisStore } from './redis';
import { openSqliteStore } from './sqlite';
import type { GroupCommitOptions } from './group-commit';
import type { EventStore } from './types';

function group(o: { groupCommitMs?: number; onTheWay?: () => number }): Partial<GroupCommitOptions> {
  return { ...(o.groupCommitMs === undefined ? {} : { windowMs: o.groupCommitMs }), ...(o.onTheWay ? { onTheWay: o.onTheWay } : {}) };
}

export async function openStore(o: { store?: 'sqlite' | 'redis'; dataDir?: string; redisUrl?: string; redisPrefix?: string; groupCommitMs?: number; onTheWay?: () => number }): Promise<EventStore> {
  if ((o.store ?? 'sqlite') === 'redis') {
    if (!o.redisUrl) throw new Error('store "redis" needs redisUrl (REDIS_URL)');
    return openRedisStore(o.redisUrl, o.redisPrefix ?? 'fwd', group(o));
  }
  if (!o.dataDir) throw new Error('store "sqlite" needs dataDir (FORWARDER_DATA_DIR or --data)');
  return Promise.resolve(openSqliteStore(o.dataDir, group(o)));
}
