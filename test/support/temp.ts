// Temporary folders for tests. One contract: `tempDir(label)` returns a folder that is made on first
// use and removed by `cleanup()` or, at the latest, after the test file (cleanup.ts). Made on first use
// so a file whose tests are all skipped (vitest then runs none of its hooks) leaves nothing behind.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { atFileEnd } from './cleanup';

export interface TempDir {
  /** The folder's path (the folder is created on first read). */
  readonly dir: string;
  /** A path inside the folder. */
  file(name: string): string;
  cleanup(): void;
}

export function tempDir(label = 'test'): TempDir {
  let made: string | null = null;
  const dir = (): string => {
    if (made === null) {
      const created = mkdtempSync(path.join(os.tmpdir(), `kp-${label}-`));
      made = created;
      void atFileEnd(() => rmSync(created, { recursive: true, force: true }));
    }
    return made;
  };
  return {
    get dir() {
      return dir();
    },
    file: (name) => path.join(dir(), name),
    cleanup: () => {
      if (made !== null) rmSync(made, { recursive: true, force: true });
    },
  };
}
