// Can the receipt log be written right now? Asked before every new charge (a sale whose charge exists at
// Opn but cannot be recorded is the one thing a full disk must never cause) and again while writing is
// known to be broken, to notice when it works again.
import fs from 'node:fs';
import path from 'node:path';

/** Why the terminal cannot record sales: no room, or the file system refuses writes (read-only, I/O error). */
export type WriteProblem = 'disk_full' | 'store_unwritable';

/** Free space below which no new charge starts (a POS disk is GBs; a sale needs a few KB). */
export const DEFAULT_DISK_FLOOR_BYTES = 64 * 1024 * 1024;

const PROBE_BYTES = 16 * 1024;
const PROBE_NAME = '.kp-write-check';

const FULL_CODES = new Set(['ENOSPC', 'EDQUOT', 'SQLITE_FULL']);
const UNWRITABLE_CODES = new Set(['EIO', 'EROFS', 'EACCES', 'EPERM', 'ENODEV', 'ENXIO']);

/**
 * The write problem an error means, or null when it is not about writing (a bug, a constraint, a busy
 * lock). SQLite reports ENOSPC as SQLITE_FULL and failed writes/fsyncs as SQLITE_IOERR_*.
 */
export function writeProblemOf(e: unknown): WriteProblem | null {
  const code = typeof e === 'object' && e !== null && 'code' in e ? String((e).code) : '';
  if (FULL_CODES.has(code)) return 'disk_full';
  if (UNWRITABLE_CODES.has(code) || code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_READONLY') || code === 'SQLITE_CANTOPEN') return 'store_unwritable';
  return null;
}

/**
 * Free space above the floor (statfs) and a small file written, fsynced and removed in the log's folder:
 * the same file system the log's next commit needs. Returns the problem found, or null when writing works.
 */
export function checkWritable(dbPath: string, floorBytes: number): WriteProblem | null {
  const dir = path.dirname(path.resolve(dbPath));
  try {
    const s = fs.statfsSync(dir);
    if (s.bavail * s.bsize < floorBytes) return 'disk_full';
  } catch (e) {
    return writeProblemOf(e) ?? 'store_unwritable';
  }
  const probe = path.join(dir, PROBE_NAME);
  let fd: number | null = null;
  try {
    fd = fs.openSync(probe, 'w', 0o600);
    fs.writeSync(fd, Buffer.alloc(PROBE_BYTES));
    fs.fsyncSync(fd);
    return null;
  } catch (e) {
    return writeProblemOf(e) ?? 'store_unwritable';
  } finally {
    try {
      if (fd !== null) fs.closeSync(fd);
      fs.rmSync(probe, { force: true });
    } catch {
      // A close or unlink failing on a broken disk: the write above already said so, or the next check will.
    }
  }
}
