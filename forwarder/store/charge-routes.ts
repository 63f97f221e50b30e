// Which terminal each charge belongs to, remembered from the charge.* events the forwarder routed. A refund
// made in Opn's dashboard carries no terminal metadata: its refund.create event names only the charge id
// (`data.charge` is an id string in every recorded event), so this map is the only way to route it.
// Written by the event store in the event's own durable commit (AppendInput.chargeRoute: SQLite table
// `charge_routes` in forwarder.sqlite, Redis keys `<prefix>:charge:<id>` sent with the batch and covered by
// its replica wait); read here only for refund events. It outlives the event log (refunds come weeks later).
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { redisTargetOf, type StoreOptions } from './open';
import { closeRedisClient, redisClient, type RedisTarget } from './redis-link';
import { chargeRouteKey } from './redis-scripts';

export interface ChargeRoutes {
  terminalOf(chargeId: string): Promise<string | null>;
  /** Forgets charges first seen before `beforeMs`; returns how many (Redis expires them by itself: 0). */
  prune(beforeMs: number): Promise<number>;
  close(): Promise<void>;
}

/** Routes of an earlier version, kept in a file of their own, move into forwarder.sqlite once. */
function importOldFile(db: Database.Database, dataDir: string): void {
  const old = join(dataDir, 'charge-routes.sqlite');
  if (!existsSync(old)) return;
  db.prepare('ATTACH DATABASE ? AS old').run(old);
  try {
    const has = db.prepare("SELECT 1 FROM old.sqlite_master WHERE type = 'table' AND name = 'charge_routes'").get();
    if (has) db.exec('INSERT OR IGNORE INTO main.charge_routes (charge_id, terminal_id, seen_at) SELECT charge_id, terminal_id, seen_at FROM old.charge_routes');
  } finally {
    db.exec('DETACH DATABASE old');
  }
  for (const f of [old, `${old}-wal`, `${old}-shm`]) rmSync(f, { force: true });
}

/** Reads the event store's table (the store's migrations created it: open the store first). */
export function openSqliteChargeRoutes(dataDir: string): ChargeRoutes {
  const db = new Database(join(dataDir, 'forwarder.sqlite'));
  db.pragma('busy_timeout = 10000');
  db.pragma('synchronous = FULL');
  importOldFile(db, dataDir);
  const find = db.prepare<[string], { terminal_id: string }>('SELECT terminal_id FROM charge_routes WHERE charge_id = ?');
  const prune = db.prepare('DELETE FROM charge_routes WHERE seen_at < ?');
  return {
    terminalOf: (chargeId) => Promise.resolve(find.get(chargeId)?.terminal_id ?? null),
    prune: (beforeMs) => Promise.resolve(prune.run(beforeMs).changes),
    close: () => {
      db.close();
      return Promise.resolve();
    },
  };
}

export async function openRedisChargeRoutes(target: RedisTarget, prefix: string): Promise<ChargeRoutes> {
  // The event store's Redis (its URL or Sentinel set, its passwords), on a client of its own.
  const redis = redisClient(target, { maxRetriesPerRequest: 3 });
  // reconnects on its own (through a failover too); failures reach the caller. Without a listener ioredis
  // printed "Unhandled error event" for every refused reconnect while a primary was down.
  redis.on('error', () => undefined);
  await redis.connect().catch(async (err: unknown) => {
    await closeRedisClient(redis, true);
    throw err;
  });
  return {
    terminalOf: (chargeId) => redis.get(chargeRouteKey(prefix, chargeId)),
    prune: () => Promise.resolve(0),
    close: async () => {
      await closeRedisClient(redis);
    },
  };
}

export function openChargeRoutes(o: StoreOptions): Promise<ChargeRoutes> {
  if ((o.store ?? 'sqlite') === 'redis') return openRedisChargeRoutes(redisTargetOf(o), o.redisPrefix ?? 'fwd');
  if (!o.dataDir) throw new Error('store "sqlite" needs dataDir (FORWARDER_DATA_DIR or --data)');
  return Promise.resolve(openSqliteChargeRoutes(o.dataDir));
}
