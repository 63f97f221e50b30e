// The manager PIN's failure record, kept on disk so that neither a restart nor a clock set back gives a
// guesser fresh tries. One small JSON file in the data folder, replaced atomically (write, fsync,
// rename) BEFORE the answer to a PIN attempt leaves the main process.
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const PIN_ATTEMPTS_FILE = 'pin-attempts.json';

const attemptsSchema = z.strictObject({
  version: z.literal(1),
  /** Wrong PINs in the current run (reset by a right PIN or when a lock starts). */
  failures: z.number().int().min(0).max(1000),
  /** Locks in a row since the last right PIN: each lasts longer than the one before. */
  lockouts: z.number().int().min(0).max(1000),
  /** Epoch ms; 0 when not locked. */
  lockedAt: z.number().int().min(0),
  lockedUntil: z.number().int().min(0),
});
export type PinAttempts = z.infer<typeof attemptsSchema>;

export const NO_ATTEMPTS: PinAttempts = { version: 1, failures: 0, lockouts: 0, lockedAt: 0, lockedUntil: 0 };

export interface AttemptsFile {
  /** 'damaged' when the file exists but cannot be read as a record. */
  read(): PinAttempts | 'damaged';
  write(next: PinAttempts): void;
}

export function openAttemptsFile(dataDir: string): AttemptsFile {
  const file = path.join(dataDir, PIN_ATTEMPTS_FILE);
  return {
    read() {
      if (!existsSync(file)) return NO_ATTEMPTS;
      try {
        return attemptsSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
      } catch {
        return 'damaged';
      }
    },
    write(next) {
      const tmp = `${file}.tmp`;
      const fd = openSync(tmp, 'w', 0o600);
      try {
        writeSync(fd, `${JSON.stringify(next)}\n`);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(tmp, file);
    },
  };
}
