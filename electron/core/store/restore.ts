// A receipt log that fails its integrity check is never deleted and never written to: it is moved aside
// to <dir>/damaged/, and the newest backup that passes its own check takes its place. What happened after
// that backup is brought back from Opn by the caller (sales/rebuild.ts).
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { DbCorruptError } from '../errors';
import { backupDir } from './backup';

export interface RestoreOutcome {
  /** Where the damaged file (and its -wal/-shm) now lies. */
  readonly damagedKeptAt: string;
  /** The backup copied in, or null when none passed its check (the log starts empty). */
  readonly backup: string | null;
  /** When that backup was written (its file time): sales after it must come from Opn. */
  readonly backupWrittenAt: string | null;
}

export interface BackupCheck {
  readonly ok: boolean;
  /** `integrity_check`'s verdict, or why the file could not be opened. */
  readonly detail: string;
  readonly schemaVersion: number | null;
}

/** Opens a copy read-only and runs integrity_check; never changes the file. */
export function checkBackupFile(file: string, maxSchemaVersion: number): BackupCheck {
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const verdict = String(db.pragma('integrity_check', { simple: true }));
    const version = Number(db.pragma('user_version', { simple: true }));
    const hasSales = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sales'`).get() !== undefined;
    if (verdict !== 'ok') return { ok: false, detail: verdict, schemaVersion: version };
    if (!hasSales) return { ok: false, detail: 'not a receipt log', schemaVersion: version };
    if (version > maxSchemaVersion) return { ok: false, detail: `written by a newer app (version ${version})`, schemaVersion: version };
    return { ok: true, detail: 'ok', schemaVersion: version };
  } catch (e) {
    return { ok: false, detail: e instanceof Error ? e.message : String(e), schemaVersion: null };
  } finally {
    db?.close();
  }
}

/** Backups of this log in the given folders, newest first (by the day in the name, then file time). */
export function listBackups(dbPath: string, dirs: readonly string[]): string[] {
  const prefix = `${path.basename(dbPath, path.extname(dbPath))}-`;
  const found: { file: string; name: string; mtime: number }[] = [];
  for (const dir of dirs) {
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      continue; // a USB stick that is not plugged in
    }
    for (const name of names) {
      if (!name.startsWith(prefix) || !name.endsWith('.db')) continue;
      const file = path.join(dir, name);
      found.push({ file, name, mtime: fs.statSync(file).mtimeMs });
    }
  }
  return found.sort((a, b) => b.name.localeCompare(a.name) || b.mtime - a.mtime).map((f) => f.file);
}

/** Moves the log and its WAL/SHM into <dir>/damaged/ under a time-stamped name. Returns the new path. */
export function setAside(dbPath: string, now: Date): string {
  const dir = path.join(path.dirname(path.resolve(dbPath)), 'damaged');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const target = path.join(dir, `${path.basename(dbPath, path.extname(dbPath))}-${stamp}${path.extname(dbPath) || '.db'}`);
  for (const suffix of ['', '-wal', '-shm']) {
    if (fs.existsSync(dbPath + suffix)) fs.renameSync(dbPath + suffix, target + suffix);
  }
  return target;
}

/** Copies a checked backup into place (under a temporary name first, then renamed). */
export function putInPlace(backup: string, dbPath: string): void {
  const tmp = `${dbPath}.restoring`;
  fs.copyFileSync(backup, tmp);
  const fd = fs.openSync(tmp, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, dbPath);
}

/**
 * Sets the damaged log aside and puts the newest good backup (from the local folder, then `extraDirs`) in
 * its place; with none, the log starts empty and everything is rebuilt from Opn.
 */
export function restoreDamagedLog(dbPath: string, now: Date, maxSchemaVersion: number, extraDirs: readonly string[] = []): RestoreOutcome {
  const damagedKeptAt = setAside(dbPath, now);
  for (const file of listBackups(dbPath, [backupDir(dbPath), ...extraDirs])) {
    if (!checkBackupFile(file, maxSchemaVersion).ok) continue;
    putInPlace(file, dbPath);
    return { damagedKeptAt, backup: file, backupWrittenAt: fs.statSync(file).mtime.toISOString() };
  }
  return { damagedKeptAt, backup: null, backupWrittenAt: null };
}

/**
 * `npm start -- --restore <file>`: checks the file first (read-only, integrity_check, a receipt log this app
 * can read); only then sets the current log aside (kept in damaged/… never deleted) and puts the file in its
 * place. A file that fails its check changes nothing and throws DbCorruptError with the reason.
 */
export function restoreFromFile(file: string, dbPath: string, now: Date, maxSchemaVersion: number): { keptAside: string | null } {
  const check = checkBackupFile(path.resolve(file), maxSchemaVersion);
  if (!check.ok) throw new DbCorruptError(`the file to restore is not usable: ${check.detail}`);
  const keptAside = fs.existsSync(dbPath) ? setAside(dbPath, now) : null;
  putInPlace(path.resolve(file), dbPath);
  return { keptAside };
}
