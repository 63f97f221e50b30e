// Shared by the forwarder's fuzz tests: the seed (fixed, or FUZZ_SEED to reproduce a CI run), the run
// count, a fingerprint of every SQLite table, and a collector of unhandled rejections.
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';

export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20261129);
export const FUZZ_RUNS = Math.max(1000, Number(process.env.FUZZ_RUNS ?? 1000));

/** sha256 over every row of every table, read through its own connection (what is on disk). */
export function fingerprint(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    const h = createHash('sha256');
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[];
    for (const { name } of tables) {
      h.update(`table ${name}\n`);
      for (const row of db.prepare(`SELECT * FROM "${name}" ORDER BY 1, 2`).all()) h.update(`${JSON.stringify(row)}\n`);
    }
    return h.digest('hex');
  } finally {
    db.close();
  }
}

/** Collects unhandled rejections and uncaught exceptions while a fuzz run lasts. */
export function watchProcess(): { problems: unknown[]; stop: () => void } {
  const problems: unknown[] = [];
  const onProblem = (err: unknown): void => void problems.push(err);
  process.on('unhandledRejection', onProblem);
  process.on('uncaughtException', onProblem);
  return {
    problems,
    stop: () => {
      process.off('unhandledRejection', onProblem);
      process.off('uncaughtException', onProblem);
    },
  };
}
