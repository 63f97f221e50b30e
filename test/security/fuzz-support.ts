// Shared by the boundary fuzzers in test/security: the seed and run count (same as the forwarder's:
// FUZZ_SEED to reproduce a CI run, FUZZ_RUNS for more cases), the unhandled-problem watcher, and a
// fingerprint of a data folder: every SQLite file's tables, and every other file's bytes.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fingerprint } from '../support/sqlite';

export { FUZZ_RUNS, FUZZ_SEED, watchProcess } from '../forwarder/fuzz';

/** Everything a refusal must leave as it was: SQLite tables (read from outside) and other files' bytes. */
export function folderState(dir: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of readdirSync(dir).sort()) {
    const file = path.join(dir, name);
    if (!statSync(file).isFile()) continue;
    // WAL side files change when SQLite checkpoints; the tables read through them are what counts.
    if (/\.(sqlite|db)-(wal|shm|journal)$/.test(name)) continue;
    out[name] = /\.(sqlite|db)$/.test(name) ? fingerprint(file) : createHash('sha256').update(readFileSync(file)).digest('hex');
  }
  return out;
}

/** Values that break schemas: wrong types, edges of numbers and strings, prototype names, deep nesting. */
export const NASTY_STRINGS = ['', ' ', '__proto__', 'constructor', 'toString', '\u0000', '\ud800', '../../etc/passwd', 'a'.repeat(5000), '1e309', 'NaN', '-0', '0x10', '١٢٣٤'];
