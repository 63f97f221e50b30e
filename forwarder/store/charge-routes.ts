// Which terminal each charge belongs to, remembered from the charge.* events the forwarder routed. A refund
// made in Opn's dashboard carries no terminal metadata: its refund.create event names only the charge id
// (`data.charge` is an id string in every recorded event), so this map is the only way to route it.
// Kept apart from the event store (own SQLite file / own Redis keys): it is written once per charge and
// read only for refund events, and it must outlive the event log (refunds come weeks after the sale).
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { redisTargetOf, type StoreOptions } from './open';
import { redisClient, type RedisTarget } from './redis-link';
import { preparePrivateSqlite } from '../private-files';

export interface ChargeRoutes {
  /** Durable when it resolves. Remembering a charge twice keeps the first terminal. */
  remember(chargeId: string, terminalId: string, atMs: number): Promise<void>;
  terminalOf(chargeId: string): Promise<string | null>;
  /** Forgets charges first seen before `beforeMs`; returns how many (Redis expires them by itself: 0). */
  prune(beforeMs: number): Promise<number>;
  close(): Promise<void>;
}

/** Charges remembered recently in this process: the common case (charge.create, then .complete) writes once. */
class Recent {
  private readonly ids = new Set<string>();
  constructor(private readonly max = 20_000) {}
  has(id: string): boolean {
    return this.ids.has(id);
  }
  add(id: string): void {
    this.ids.add(id);
    if (this.ids.size > this.max) {
      const first = this.ids.values().next();
      if (!first.done) this.ids.delete(first.value);
    }
  }
}

export function openSqliteChargeRoutes(dataDir: string): ChargeRoutes {
  // Which terminal each charge belongs to: 0600 in a 0700 folder, like the event log.
  preparePrivateSqlite(join(dataDir, 'charge-routes.sqlite'));
  const db = new Database(join(dataDir, 'charge-routes.sqlite'));
  db.pragma('busy_timeout = 10000');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE IF NOT EXISTS charge_routes (charge_id TEXT PRIMARY KEY, terminal_id TEXT NOT NULL, seen_at INTEGER NOT NULL) WITHOUT ROWID');
  db.exec('CREATE INDEX IF NOT EXISTS charge_routes_seen ON charge_routes(seen_at)');
  const insert = db.prepare('INSERT OR IGNORE INTO charge_routes (charge_id, terminal_id, seen_at) VALUES (?, ?, ?)');
  const find = db.prepare<[string], { terminal_id: string }>('SELECT terminal_id FROM charge_routes WHERE charge_id = ?');
  const prune = db.prepare('DELETE FROM charge_routes WHERE seen_at < ?');
  const recent = new Recent();
  return {
    remember: (chargeId, terminalId, atMs) => {
      if (!recent.has(chargeId)) {
        insert.run(chargeId, terminalId, atMs);
        recent.add(chargeId);
      }
      return Promise.resolve();
    },
    terminalOf: (chargeId) => Promise.resolve(find.get(chargeId)?.terminal_id ?? null),
    prune: (beforeMs) => Promise.resolve(prune.run(beforeMs).changes),
    close: () => {
      db.close();
      return Promise.resolve();
    },
  };
}

export async function openRedisChargeRoutes(target: RedisTarget, prefix: string, retentionMs: number): Promise<ChargeRoutes> {
  // The event store's Redis (its URL or Sentinel set, its passwords), on a client of its own.
  const redis = redisClient(target, { maxRetriesPerRequest: 3 });
  await redis.connect();
  const key = (chargeId: string): string => `${prefix}:charge:${chargeId}`;
  const recent = new Recent();
  return {
    remember: async (chargeId, terminalId) => {
      if (recent.has(chargeId)) return;
      // NX keeps the first terminal; PX is the retention window, so Redis forgets by itself.
      await redis.set(key(chargeId), terminalId, 'PX', retentionMs, 'NX');
      recent.add(chargeId);
    },
    terminalOf: (chargeId) => redis.get(key(chargeId)),
    prune: () => Promise.resolve(0),
    close: async () => {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

export function openChargeRoutes(o: StoreOptions & { retentionMs: number }): Promise<ChargeRoutes> {
  if ((o.store ?? 'sqlite') === 'redis') return openRedisChargeRoutes(redisTargetOf(o), o.redisPrefix ?? 'fwd', o.retentionMs);
  if (!o.dataDir) throw new Error('store "sqlite" needs dataDir (FORWARDER_DATA_DIR or --data)');
  return Promise.resolve(openSqliteChargeRoutes(o.dataDir));
}
