// The store report's cache: Opn's charges of time slices that can no longer gain a charge, and the
// refunds known for them, in a SQLite file of its own (never the receipt log: that is the terminal's
// own record; this is a copy of Opn's, deletable at any time and rebuilt on the next run).
//
// Versioned by `user_version`: a file of another version, one that will not open, or one written for
// another Opn account (`scope`) is emptied, never trusted. Writes are one transaction per run.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { OpnChargeStatus } from '../../../shared';
import { OPN_CHARGE_STATUSES, SQLITE_SIDE_FILES } from '../../../shared';
import { preparePrivateSqlite } from '../../core/private-files';

export const STORE_CACHE_VERSION = 2;

/** What the report keeps of an Opn charge. */
export interface StoreCharge {
  readonly id: string;
  readonly createdMs: number;
  readonly status: OpnChargeStatus;
  readonly amount: number;
  readonly currency: string;
  readonly fee: number | null;
  readonly feeVat: number | null;
  readonly storeId: string | null;
  readonly terminalId: string | null;
}

/** What the report keeps of an Opn refund. */
export interface StoreRefund {
  readonly id: string;
  readonly chargeId: string;
  readonly amount: number;
  readonly voided: boolean;
  readonly status: string | null;
}

/** A slice [startMs, endMs) listed whole at `fetchedMs`; its refunds are known up to `syncedMs`. */
export interface CachedSlice {
  readonly startMs: number;
  readonly endMs: number;
  readonly fetchedMs: number;
  readonly syncedMs: number;
}

export interface CacheWrite {
  /** Slices listed whole in this run (their charges replace any cached in the same time range). */
  readonly slices: readonly (CachedSlice & { readonly charges: readonly StoreCharge[] })[];
  /** Cached slices whose refunds were brought up to date in this run. */
  readonly synced: readonly { readonly startMs: number; readonly endMs: number; readonly syncedMs: number }[];
  /** Charges re-read one by one (a late payment, an expiry), with the start of their cached slice. */
  readonly charges: readonly (StoreCharge & { readonly sliceStart: number })[];
  readonly refunds: readonly StoreRefund[];
}

/** Cached final charges summed by what the report groups and filters on (read in SQL: a busy day's
 * 60,000 rows cost ~1 s to bring into JavaScript under load, their sums ~0.15 s). */
export interface ChargeGroup {
  readonly storeId: string | null;
  readonly terminalId: string | null;
  readonly currency: string;
  readonly status: OpnChargeStatus;
  readonly count: number;
  readonly amount: number;
  readonly fee: number;
  readonly feeVat: number;
}

export interface RefundGroup {
  readonly storeId: string | null;
  readonly terminalId: string | null;
  readonly currency: string;
  readonly voided: boolean;
  readonly count: number;
  readonly amount: number;
}

const SCHEMA = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE slices (start_ms INTEGER NOT NULL, end_ms INTEGER NOT NULL, fetched_ms INTEGER NOT NULL,
  synced_ms INTEGER NOT NULL, PRIMARY KEY (start_ms, end_ms)) WITHOUT ROWID;
CREATE TABLE charges (id TEXT PRIMARY KEY, slice_start INTEGER NOT NULL, created_ms INTEGER NOT NULL, status TEXT NOT NULL,
  amount INTEGER NOT NULL, currency TEXT NOT NULL, fee INTEGER, fee_vat INTEGER, store_id TEXT, terminal_id TEXT);
CREATE INDEX charges_slice ON charges (slice_start, status);
CREATE INDEX charges_created ON charges (created_ms);
CREATE TABLE refunds (id TEXT PRIMARY KEY, charge_id TEXT NOT NULL, amount INTEGER NOT NULL, voided INTEGER NOT NULL, status TEXT);
CREATE INDEX refunds_charge ON refunds (charge_id);
`;

type ChargeRow = { id: string; slice_start: number; created_ms: number; status: string; amount: number; currency: string; fee: number | null; fee_vat: number | null; store_id: string | null; terminal_id: string | null };


const isStatus = (s: string): s is OpnChargeStatus => (OPN_CHARGE_STATUSES as readonly string[]).includes(s);

const toCharge = (r: ChargeRow): StoreCharge | null =>
  isStatus(r.status) ? { id: r.id, createdMs: r.created_ms, status: r.status, amount: r.amount, currency: r.currency, fee: r.fee, feeVat: r.fee_vat, storeId: r.store_id, terminalId: r.terminal_id } : null;

export class StoreReportCache {
  private readonly db: Database.Database;

  /** Opens (or makes) the cache file 0600; `scope` names the Opn account the rows came from. */
  constructor(readonly file: string, scope: string) {
    this.db = openFresh(file);
    const version = Number(this.db.pragma('user_version', { simple: true }));
    const stored = version === STORE_CACHE_VERSION ? (this.db.prepare(`SELECT value FROM meta WHERE key = 'scope'`).get() as { value: string } | undefined)?.value : undefined;
    if (version !== STORE_CACHE_VERSION || stored !== scope) {
      this.db.transaction(() => {
        for (const t of ['meta', 'slices', 'charges', 'refunds']) this.db.exec(`DROP TABLE IF EXISTS ${t}`);
        this.db.exec(SCHEMA);
        this.db.prepare(`INSERT INTO meta (key, value) VALUES ('scope', ?)`).run(scope);
        this.db.pragma(`user_version = ${STORE_CACHE_VERSION}`);
      }).immediate();
    }
  }

  /** Cached slices lying within [fromMs, toMs). */
  slices(fromMs: number, toMs: number): CachedSlice[] {
    const rows = this.db.prepare('SELECT start_ms, end_ms, fetched_ms, synced_ms FROM slices WHERE start_ms >= ? AND end_ms <= ? ORDER BY start_ms').all(fromMs, toMs) as { start_ms: number; end_ms: number; fetched_ms: number; synced_ms: number }[];
    return rows.map((r) => ({ startMs: r.start_ms, endMs: r.end_ms, fetchedMs: r.fetched_ms, syncedMs: r.synced_ms }));
  }

  /** Charges per cached slice (by slice start). */
  sliceCounts(starts: readonly number[]): Map<number, number> {
    const rows = this.db.prepare(`SELECT slice_start AS s, COUNT(*) AS n FROM charges WHERE slice_start IN (SELECT value FROM json_each(?)) GROUP BY slice_start`).all(JSON.stringify(starts)) as { s: number; n: number }[];
    return new Map(rows.map((r) => [r.s, r.n]));
  }

  /** Charges of these slices that can still change: pending, or with a pending refund. Null: a row this version did not write. */
  unsettled(starts: readonly number[]): (StoreCharge & { readonly sliceStart: number })[] | null {
    const rows = this.db
      .prepare(
        `SELECT * FROM charges WHERE slice_start IN (SELECT value FROM json_each(?)) AND (status = 'pending'
           OR id IN (SELECT charge_id FROM refunds WHERE status = 'pending'))`,
      )
      .all(JSON.stringify(starts)) as ChargeRow[];
    const out: (StoreCharge & { sliceStart: number })[] = [];
    for (const r of rows) {
      const c = toCharge(r);
      if (!c) return null;
      out.push({ ...c, sliceStart: r.slice_start });
    }
    return out;
  }

  /** The cached charges among `ids` in these slices. */
  find(ids: readonly string[], starts: readonly number[]): Map<string, StoreCharge> {
    const rows = this.db
      .prepare(`SELECT * FROM charges WHERE id IN (SELECT value FROM json_each(?)) AND slice_start IN (SELECT value FROM json_each(?))`)
      .all(JSON.stringify(ids), JSON.stringify(starts)) as ChargeRow[];
    const out = new Map<string, StoreCharge>();
    for (const r of rows) {
      const c = toCharge(r);
      if (c) out.set(c.id, c);
    }
    return out;
  }

  /** Which of these refund ids are cached already. */
  knownRefunds(ids: readonly string[]): Set<string> {
    const rows = this.db.prepare(`SELECT id FROM refunds WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as { id: string }[];
    return new Set(rows.map((r) => r.id));
  }

  /** Sums of the charges of these slices, but `exclude`d ones, by store, terminal, currency and status. Null: a status this version does not know. */
  groups(starts: readonly number[], exclude: readonly string[]): ChargeGroup[] | null {
    const rows = this.db
      .prepare(
        `SELECT store_id, terminal_id, currency, status, COUNT(*) AS n, SUM(amount) AS amount, TOTAL(fee) AS fee, TOTAL(fee_vat) AS fee_vat
         FROM charges WHERE slice_start IN (SELECT value FROM json_each(?)) AND id NOT IN (SELECT value FROM json_each(?))
         GROUP BY store_id, terminal_id, currency, status`,
      )
      .all(JSON.stringify(starts), JSON.stringify(exclude)) as { store_id: string | null; terminal_id: string | null; currency: string; status: string; n: number; amount: number; fee: number; fee_vat: number }[];
    const out: ChargeGroup[] = [];
    for (const r of rows) {
      if (!isStatus(r.status)) return null;
      out.push({ storeId: r.store_id, terminalId: r.terminal_id, currency: r.currency, status: r.status, count: r.n, amount: r.amount, fee: r.fee, feeVat: r.fee_vat });
    }
    return out;
  }

  /** Sums of the refunds (not failed) of the charges of these slices, but `exclude`d ones. */
  refundGroups(starts: readonly number[], exclude: readonly string[]): RefundGroup[] {
    const rows = this.db
      .prepare(
        `SELECT c.store_id, c.terminal_id, c.currency, r.voided, COUNT(*) AS n, SUM(r.amount) AS amount
         FROM refunds r JOIN charges c ON c.id = r.charge_id
         WHERE c.slice_start IN (SELECT value FROM json_each(?)) AND c.id NOT IN (SELECT value FROM json_each(?))
           AND (r.status IS NULL OR r.status <> 'failed')
         GROUP BY c.store_id, c.terminal_id, c.currency, r.voided`,
      )
      .all(JSON.stringify(starts), JSON.stringify(exclude)) as { store_id: string | null; terminal_id: string | null; currency: string; voided: number; n: number; amount: number }[];
    return rows.map((r) => ({ storeId: r.store_id, terminalId: r.terminal_id, currency: r.currency, voided: r.voided === 1, count: r.n, amount: r.amount }));
  }

  write(w: CacheWrite): void {
    // Positional parameters: a first run writes a whole day (60,000 rows), and binding named ones from
    // a spread object cost twice as much.
    const insertCharge = this.db.prepare(
      `INSERT OR REPLACE INTO charges (id, slice_start, created_ms, status, amount, currency, fee, fee_vat, store_id, terminal_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const putCharge = (c: StoreCharge, sliceStart: number): void => {
      insertCharge.run(c.id, sliceStart, c.createdMs, c.status, c.amount, c.currency, c.fee, c.feeVat, c.storeId, c.terminalId);
    };
    const putRefund = this.db.prepare('INSERT OR REPLACE INTO refunds (id, charge_id, amount, voided, status) VALUES (?, ?, ?, ?, ?)');
    this.db.transaction(() => {
      for (const s of w.slices) {
        // A slice replaces whatever covered its time before (another day start or zone made other slices).
        this.db.prepare('DELETE FROM slices WHERE start_ms < ? AND end_ms > ?').run(s.endMs, s.startMs);
        this.db.prepare('DELETE FROM refunds WHERE charge_id IN (SELECT id FROM charges WHERE created_ms >= ? AND created_ms < ?)').run(s.startMs, s.endMs);
        this.db.prepare('DELETE FROM charges WHERE created_ms >= ? AND created_ms < ?').run(s.startMs, s.endMs);
        for (const c of s.charges) putCharge(c, s.startMs);
        this.db.prepare('INSERT INTO slices (start_ms, end_ms, fetched_ms, synced_ms) VALUES (?, ?, ?, ?)').run(s.startMs, s.endMs, s.fetchedMs, s.syncedMs);
      }
      for (const c of w.charges) putCharge(c, c.sliceStart);
      for (const r of w.refunds) putRefund.run(r.id, r.chargeId, r.amount, r.voided ? 1 : 0, r.status);
      const sync = this.db.prepare('UPDATE slices SET synced_ms = MAX(synced_ms, ?) WHERE start_ms = ? AND end_ms = ?');
      for (const s of w.synced) sync.run(s.syncedMs, s.startMs, s.endMs);
    })();
  }

  close(): void {
    this.db.close();
  }
}

/**
 * Opens the file; one that is not a database is removed and made anew: it is a cache. (Damage found
 * later, on a read, makes the report fetch everything and remove the file: see store-report.ts.)
 */
function openFresh(file: string): Database.Database {
  for (let attempt = 0; ; attempt++) {
    preparePrivateSqlite(file);
    let db: Database.Database | null = null;
    try {
      db = new Database(file);
      db.pragma('journal_mode = WAL');
      // A lost last transaction only means fetching those pages again.
      db.pragma('synchronous = NORMAL');
      db.pragma('busy_timeout = 5000');
      return db;
    } catch (e) {
      db?.close();
      const code = (e as { code?: unknown }).code;
      if (attempt > 0 || (code !== 'SQLITE_NOTADB' && code !== 'SQLITE_CORRUPT')) throw e;
      for (const f of [file, ...SQLITE_SIDE_FILES.map((s) => file + s)]) fs.rmSync(f, { force: true });
    }
  }
}

/** Removes the cache file and its side files (Settings or a support step; the next run rebuilds it). */
export function clearStoreReportCache(file: string): void {
  for (const f of [file, ...SQLITE_SIDE_FILES.map((s) => file + s)]) fs.rmSync(f, { force: true });
}

/**
 * The app's cache file and scope: one file per mode in the data folder; the scope is the demo run's id
 * (each demo starts a fresh sandbox) or a digest of the Opn address and key (another account, or the
 * same file read after a key change, never sees these rows). The digest is one-way and cut short: the
 * key cannot be recovered from it.
 */
export function storeReportCacheOptions(o: { dataDir: string; mode: 'demo' | 'live'; opnApiBase: string; secretKey: string; demoRunId: string }): { file: string; scope: string } {
  const file = path.join(o.dataDir, o.mode === 'demo' ? 'demo-store-report-cache.sqlite' : 'store-report-cache.sqlite');
  const scope = o.mode === 'demo' ? o.demoRunId : `opn:${createHash('sha256').update(`store-report-cache\0${o.opnApiBase}\0${o.secretKey}`).digest('hex').slice(0, 24)}`;
  return { file, scope };
}
