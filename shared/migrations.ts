// The one forward-only migration runner, for the receipt log and the forwarder's store. Pure: each side
// hands it a small adapter over its own SQLite connection. Every step reads the file's version INSIDE
// its write transaction (BEGIN IMMEDIATE), so two processes opening the same new file cannot both see
// the old version and both apply a step; a step and its version bump commit together.

/** One schema step; `up` runs in the same transaction as the version bump. */
export interface MigrationStep<Db> {
  readonly version: number;
  readonly name: string;
  up(db: Db): void;
}

/** What the runner needs of a connection (better-sqlite3 gives it in three lines). */
export interface MigrationTarget<Db> {
  readonly db: Db;
  /** PRAGMA user_version. */
  version(): number;
  setVersion(version: number): void;
  /** Runs `fn` in one BEGIN IMMEDIATE transaction. */
  immediate<T>(fn: () => T): T;
}

/** The file is newer than this code: opening it would risk losing what a newer version wrote. */
export class SchemaFromFutureError extends Error {
  constructor(
    readonly found: number,
    readonly latest: number,
  ) {
    super(`The database is at schema version ${found}; this program knows up to ${latest}. Use a newer version of the program.`);
    this.name = 'SchemaFromFutureError';
  }
}

/**
 * Applies every step newer than the file, one transaction each; returns the final version. A file newer
 * than the code is refused with `fromFuture`'s error (default SchemaFromFutureError), changing nothing.
 */
export function runMigrationSteps<Db>(target: MigrationTarget<Db>, steps: readonly MigrationStep<Db>[], o: { fromFuture?: (found: number, latest: number) => Error } = {}): number {
  const future = o.fromFuture ?? ((found: number, latest: number) => new SchemaFromFutureError(found, latest));
  const sorted = [...steps].sort((a, b) => a.version - b.version);
  sorted.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migrations must be numbered 1..n without gaps; found ${m.version} at ${i + 1}`);
  });
  const latest = sorted.length;
  for (const m of sorted) {
    target.immediate(() => {
      const current = target.version();
      if (current > latest) throw future(current, latest);
      if (current >= m.version) return;
      m.up(target.db);
      target.setVersion(m.version);
    });
  }
  // A file already at the latest version ran no step: still refuse one from the future.
  const final = target.immediate(() => target.version());
  if (final > latest) throw future(final, latest);
  return final;
}
