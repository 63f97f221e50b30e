// The one migration runner (shared/migrations.ts) on real SQLite files: each step reads the version
// inside its own BEGIN IMMEDIATE transaction, so a second connection that opened the same file in
// between applies nothing twice; a file from the future is refused and left as it was.
import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMigrationSteps, SchemaFromFutureError, type MigrationStep, type MigrationTarget } from '../../shared';
import { tempDir } from '../support/temp';

type Db = Database.Database;
const target = (db: Db): MigrationTarget<Db> => ({
  db,
  version: () => db.pragma('user_version', { simple: true }) as number,
  setVersion: (v) => db.pragma(`user_version = ${v}`),
  immediate: (fn) => db.transaction(fn).immediate(),
});
const steps: MigrationStep<Db>[] = [
  { version: 1, name: 'sales', up: (db) => db.exec('CREATE TABLE sales (id TEXT PRIMARY KEY)') },
  { version: 2, name: 'notes', up: (db) => db.exec('ALTER TABLE sales ADD COLUMN note TEXT') },
];

describe('migration runner', () => {
  it('two connections on one new file: each step applies once, whichever opens first', () => {
    const file = path.join(tempDir('migrate').dir, 'log.sqlite');
    const a = new Database(file);
    const b = new Database(file);
    try {
      // b runs its steps from inside a's first step: the interleaving that broke a version read
      // outside the transaction (b saw 0, then applied step 1 again after a committed).
      let nested = -1;
      const interleaved: MigrationStep<Db>[] = [
        { ...steps[0]!, up: (db) => {
          steps[0]!.up(db);
          // b cannot write while a holds the write lock: its immediate transaction waits (busy) or fails.
          try {
            b.pragma('busy_timeout = 0');
            nested = runMigrationSteps(target(b), steps);
          } catch (error) {
            nested = (error as { code?: string }).code === 'SQLITE_BUSY' ? -2 : -3;
          }
        } },
        steps[1]!,
      ];
      expect(runMigrationSteps(target(a), interleaved)).toBe(2);
      expect(nested).toBe(-2);
      // b opens again after a committed: nothing left to apply, no error.
      expect(runMigrationSteps(target(b), steps)).toBe(2);
      expect(a.prepare("SELECT name FROM pragma_table_info('sales')").all()).toEqual([{ name: 'id' }, { name: 'note' }]);
    } finally {
      a.close();
      b.close();
    }
  });

  it('refuses a file newer than the code and changes nothing', () => {
    const file = path.join(tempDir('migrate').dir, 'future.sqlite');
    const db = new Database(file);
    try {
      db.pragma('user_version = 7');
      expect(() => runMigrationSteps(target(db), steps)).toThrow(SchemaFromFutureError);
      expect(db.pragma('user_version', { simple: true })).toBe(7);
      expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });

  it('refuses steps with a gap in their numbers', () => {
    const db = new Database(':memory:');
    expect(() => runMigrationSteps(target(db), [steps[1]!])).toThrow(/without gaps/);
    db.close();
  });
});
