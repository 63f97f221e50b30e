// The copy off the disk: a second backup folder (a USB stick, a network share) written after each Z and
// once a day, verified after writing (opened read-only, integrity_check), pruned by age. The folder must
// already exist: a USB stick that is not plugged in must not turn into a folder on the PC's own disk.
import fs from 'node:fs';
import path from 'node:path';
import { checkBackupFile, listBackups } from './restore';
import { writeProblemOf } from './disk-check';

export interface OffsiteTarget {
  readonly dir: string;
  /** Copies older than this are removed (the newest good copy never is). */
  readonly keepDays: number;
}

export type OffsiteErrorCode = 'offsite_missing' | 'disk_full' | 'store_unwritable' | 'offsite_unverified';

export interface OffsiteStatus {
  readonly dir: string | null;
  readonly state: 'off' | 'ok' | 'failed' | 'never';
  readonly lastGood: { readonly file: string; readonly at: string } | null;
  readonly lastError: { readonly code: OffsiteErrorCode; readonly detail: string; readonly at: string } | null;
}

export class OffsiteError extends Error {
  constructor(
    readonly code: OffsiteErrorCode,
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
    this.name = 'OffsiteError';
  }
}

function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** The newest copy of this log in `dir` that passes its check, if any (Settings shows it). */
export function newestGoodCopy(dbPath: string, dir: string, maxSchemaVersion: number): { file: string; at: string } | null {
  for (const file of listBackups(dbPath, [dir])) {
    if (checkBackupFile(file, maxSchemaVersion).ok) return { file, at: fs.statSync(file).mtime.toISOString() };
  }
  return null;
}

/**
 * Writes a copy with `backup` (SQLite's online backup to the given path), fsyncs it, renames it into
 * place, opens it read-only and runs integrity_check. A copy that fails its check is removed (it is our
 * own bad copy, never the log) and the error thrown. Then copies older than keepDays are pruned.
 */
export async function writeOffsiteCopy(
  dbPath: string,
  target: OffsiteTarget,
  backup: (file: string) => Promise<void>,
  now: Date,
  maxSchemaVersion: number,
): Promise<{ file: string; at: string }> {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target.dir);
  } catch {
    throw new OffsiteError('offsite_missing', 'the backup folder is not there (USB stick unplugged, share not mounted?)');
  }
  if (!stat.isDirectory()) throw new OffsiteError('offsite_missing', 'the backup folder is not a folder');
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const file = path.join(target.dir, `${path.basename(dbPath, path.extname(dbPath))}-${stamp}.db`);
  const tmp = `${file}.partial`;
  try {
    await backup(tmp);
    fsyncFile(tmp);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw new OffsiteError(writeProblemOf(e) ?? 'store_unwritable', e instanceof Error ? e.message : String(e));
  }
  const check = checkBackupFile(file, maxSchemaVersion);
  if (!check.ok) {
    fs.rmSync(file, { force: true });
    throw new OffsiteError('offsite_unverified', check.detail);
  }
  prune(dbPath, target, file, now);
  return { file, at: now.toISOString() };
}

function prune(dbPath: string, target: OffsiteTarget, keep: string, now: Date): void {
  const cutoff = now.getTime() - target.keepDays * 86_400_000;
  for (const f of listBackups(dbPath, [target.dir])) {
    if (f === keep) continue;
    try {
      if (fs.statSync(f).mtimeMs < cutoff) fs.rmSync(f, { force: true });
    } catch {
      // A copy that vanished meanwhile, or a share that refuses deletes: the next run tries again.
    }
  }
}
