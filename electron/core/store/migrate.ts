// Forward-only migrations keyed by PRAGMA user_version; each step and its version bump commit together.
import type { Database } from 'better-sqlite3';
import { DbVersionFromFutureError } from '../errors';
import type { Migration } from './migrations/types';

export function userVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies every migration newer than the file; refuses a file newer than the code. Returns the final version. */
export function runMigrations(db: Database, migrations: readonly Migration[]): number {
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  sorted.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migrations must be numbered 1..n without gaps; found ${m.version} at ${i + 1}`);
  });
  const latest = sorted.length;
  const current = userVersion(db);
  if (current > latest) throw new DbVersionFromFutureError(current, latest);
  for (const m of sorted) {
    if (m.version <= current) continue;
    db.transaction(() => {
      m.up(db);
      // user_version cannot be bound as a parameter; the value is a checked integer.
      db.pragma(`user_version = ${Math.trunc(m.version)}`);
    }).immediate();
  }
  return userVersion(db);
}
