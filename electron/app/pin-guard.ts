// Manager PIN checks for screens the core does not guard itself (reports, settings): verified
// against the stored scrypt hash, locked for a minute after five wrong PINs in a row.
import { AppFacingError } from './errors';

export interface PinGuard {
  check(pin: string): void;
}

export function createPinGuard(options: {
  hash: () => string;
  verify: (pin: string, hash: string) => boolean;
  now?: () => number;
  maxFailures?: number;
  lockMs?: number;
}): PinGuard {
  const now = options.now ?? Date.now;
  const maxFailures = options.maxFailures ?? 5;
  const lockMs = options.lockMs ?? 60_000;
  let failures = 0;
  let lockedUntil = 0;
  return {
    check(pin) {
      if (now() < lockedUntil) throw new AppFacingError('pin_locked', 'Too many wrong PINs. Try again in a minute.');
      const hash = options.hash();
      if (!hash) throw new AppFacingError('pin_not_set', 'Set a manager PIN in Settings first.');
      if (!options.verify(pin, hash)) {
        failures += 1;
        if (failures >= maxFailures) {
          failures = 0;
          lockedUntil = now() + lockMs;
        }
        throw new AppFacingError('pin_invalid', 'That PIN is not right.');
      }
      failures = 0;
    },
  };
}
