// The receipt log's migrations through the one runner (shared/migrations.ts): forward-only steps keyed by
// PRAGMA user_version, each read and applied inside its own BEGIN IMMEDIATE transaction.
import type { Database } from 'better-sqlite3';
import { runMigrationSteps } from '../../../shared';
import { DbVersionFromFutureError } from '../errors';
import type { Migration } from './migrations/types';

export function userVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies every migration newer than the file; refuses a file newer than the code. Returns the final version. */
export function runMigrations(db: Database, migrations: readonly Migration[]): number {
  return runMigrationSteps(
    {
      db,
      version: () => userVersion(db),
      // user_version cannot be bound as a parameter; the value is a checked integer.
      setVersion: (v) => db.pragma(`user_version = ${Math.trunc(v)}`),
      immediate: (fn) => db.transaction(fn).immediate(),
    },
    migrations,
    { fromFuture: (found, latest) => new DbVersionFromFutureError(found, latest) },
  );
}
