// The forwarder's data files readable only by their owner (shared/file-modes.ts): its database holds
// raw webhook bodies and dead letters. The terminal's twin is electron/core/private-files.ts.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { promises as fsp } from 'node:fs';
import path from 'node:path';

import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, SQLITE_SIDE_FILES } from '../shared';

function chmodIfPresent(target: string, mode: number): void {
  try {
    chmodSync(target, mode);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}

/** Tightening a folder we do not own (EPERM) is left alone: the files inside are still 0600. */
function chmodOwn(target: string, mode: number): void {
  try {
    chmodSync(target, mode);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') throw e;
  }
}

/** Creates the folder (and any missing parent) 0700, and makes an existing one 0700. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodOwn(dir, PRIVATE_DIR_MODE);
}

export async function ensurePrivateDirAsync(dir: string): Promise<void> {
  await fsp.mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  await fsp.chmod(dir, PRIVATE_DIR_MODE);
}

/** Creates the file empty 0600 when missing, and makes an existing one (an older build's) 0600. */
export function ensurePrivateFile(file: string): void {
  closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  chmodSync(file, PRIVATE_FILE_MODE);
}

/**
 * Before opening a SQLite database: its folder 0700, the file 0600. SQLite creates the -wal, -shm and
 * -journal files with the database file's own mode, so they follow; ones left by an older build are
 * tightened here.
 */
export function preparePrivateSqlite(file: string): void {
  ensurePrivateDir(path.dirname(path.resolve(file)));
  ensurePrivateFile(file);
  // Another process may remove a side file between the check and the chmod (SQLite deletes -wal/-shm
  // when its last connection closes): gone is fine, it is made anew from the 0600 database's mode.
  for (const suffix of SQLITE_SIDE_FILES) if (existsSync(file + suffix)) chmodIfPresent(file + suffix, PRIVATE_FILE_MODE);
}
