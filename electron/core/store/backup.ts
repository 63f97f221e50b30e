// Online backups: one per UTC day in <dir>/backups/, the newest 14 kept. better-sqlite3's backup API copies
// a consistent snapshot while the terminal keeps writing.
import type { Database } from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { ensurePrivateDir, ensurePrivateFile } from '../private-files';

export const BACKUPS_KEPT = 14;

export function backupDir(dbPath: string): string {
  return path.join(path.dirname(dbPath), 'backups');
}

function backupName(dbPath: string, day: string): string {
  return `${path.basename(dbPath, path.extname(dbPath))}-${day}.db`;
}

// Backups under way, per receipt log. A second copy started into the same `.partial` file while the first
// is still stepping leaves a file without the tables under today's name (measured: the test in
// store.test.ts), so a caller arriving meanwhile waits for the copy already under way.
const running = new Map<string, Promise<string | null>>();

/** Makes today's backup unless it exists; prunes to the newest `kept`. Returns the file written, or null. */
export function backupIfDue(db: Database, dbPath: string, now: Date, kept = BACKUPS_KEPT): Promise<string | null> {
  const key = path.resolve(dbPath);
  const current = running.get(key);
  if (current) return current;
  const backup = makeBackup(db, dbPath, now, kept).finally(() => running.delete(key));
  running.set(key, backup);
  return backup;
}

async function makeBackup(db: Database, dbPath: string, now: Date, kept: number): Promise<string | null> {
  const dir = backupDir(dbPath);
  ensurePrivateDir(dir);
  const target = path.join(dir, backupName(dbPath, now.toISOString().slice(0, 10)));
  let written: string | null = null;
  if (!fs.existsSync(target)) {
    // Write under a temporary name so a crash mid-copy never leaves a half file that looks complete.
    const tmp = `${target}.partial`;
    // better-sqlite3 makes the copy with the process's default mode: tightened before it gets its
    // name (the 0700 folder keeps it private meanwhile).
    await db.backup(tmp);
    ensurePrivateFile(tmp);
    fs.renameSync(tmp, target);
    written = target;
  }
  const prefix = `${path.basename(dbPath, path.extname(dbPath))}-`;
  const all = fs
    .readdirSync(dir)
    .filter((f) => f.startsWith(prefix) && f.endsWith('.db'))
    .sort();
  for (const old of all.slice(0, Math.max(0, all.length - kept))) fs.rmSync(path.join(dir, old), { force: true });
  return written;
}
