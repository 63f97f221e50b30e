// A real small file system for disk-full tests: a tmpfs mounted by the test (root only), filled to the
// last byte with a filler file and freed again, so SQLite's own writes fail with ENOSPC (SQLITE_FULL).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { atFileEnd } from './cleanup';

export interface SmallFs {
  readonly dir: string;
  /** Writes a filler file until the file system answers ENOSPC. */
  fill(): void;
  /** Removes the filler: writing works again. */
  free(): void;
  unmount(): void;
}

function tryMount(dir: string, sizeKb: number): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k,mode=0700`, 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Whether this process may mount a tmpfs (root, or a container that allows it); checked once. */
export const canMountTmpfs: boolean = (() => {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kp-mountcheck-'));
  const ok = tryMount(dir, 64);
  if (ok) execFileSync('umount', [dir]);
  fs.rmSync(dir, { recursive: true, force: true });
  return ok;
})();

export function mountSmallFs(sizeKb: number): SmallFs {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kp-smallfs-'));
  if (!tryMount(dir, sizeKb)) throw new Error('mount -t tmpfs failed');
  const filler = path.join(dir, 'filler');
  let mounted = true;
  const unmount = (): void => {
    if (!mounted) return;
    mounted = false;
    execFileSync('umount', ['-l', dir]);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  void atFileEnd(unmount);
  return {
    dir,
    fill() {
      const fd = fs.openSync(filler, 'a');
      try {
        for (const size of [256 * 1024, 4096, 512, 1]) {
          const chunk = Buffer.alloc(size, 1);
          try {
            for (;;) fs.writeSync(fd, chunk);
          } catch (e) {
            if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
          }
        }
      } finally {
        fs.closeSync(fd);
      }
    },
    free() {
      fs.rmSync(filler, { force: true });
    },
    unmount,
  };
}
