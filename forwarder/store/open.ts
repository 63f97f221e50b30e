// Picks the store named in the options.
import { openRedisStore } from './redis';
import { openSqliteStore } from './sqlite';
import type { EventStore } from './types';

export async function openStore(o: { store?: 'sqlite' | 'redis'; dataDir?: string; redisUrl?: string; redisPrefix?: string; groupCommitMs?: number }): Promise<EventStore> {
  if ((o.store ?? 'sqlite') === 'redis') {
    if (!o.redisUrl) throw new Error('store "redis" needs redisUrl (REDIS_URL)');
    return openRedisStore(o.redisUrl, o.redisPrefix ?? 'fwd', o.groupCommitMs);
  }
  if (!o.dataDir) throw new Error('store "sqlite" needs dataDir (FORWARDER_DATA_DIR or --data)');
  return Promise.resolve(openSqliteStore(o.dataDir, o.groupCommitMs));
}
