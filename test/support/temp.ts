// Temporary folders for tests. One contract: `tempDir(label)` makes a fresh folder and returns its path
// and a `cleanup`; a folder not cleaned by the test is removed after the test file (cleanup.ts), so it
// is always removed, even when a test fails.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { atFileEnd } from './cleanup';

export interface TempDir {
  readonly dir: string;
  /** A path inside the folder. */
  file(name: string): string;
  cleanup(): void;
}

export function tempDir(label = 'test'): TempDir {
  const dir = mkdtempSync(path.join(os.tmpdir(), `kp-${label}-`));
  const remove = (): void => rmSync(dir, { recursive: true, force: true });
  void atFileEnd(remove);
  return { dir, file: (name) => path.join(dir, name), cleanup: remove };
}
