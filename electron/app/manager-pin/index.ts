// The manager PIN as the gate sees it: is one set, and does this attempt match it. Every failure is
// counted by the one persistent limiter; messages never contain the PIN. The window words the errors
// from their data (remaining tries, lock time) in the cashier's language; messages are for the log.
import { GateError } from '../errors';
import { openAttemptsFile } from './attempts';
import { PinLimiter } from './limiter';

export { hashPin, verifyPin } from './hash';
export { PinLimiter } from './limiter';
export type { PinCheck } from './limiter';

/** The manager PIN the demo starts with (shown while in demo mode; refused as a live PIN). */
export const DEMO_MANAGER_PIN = '1234';

export interface ManagerPin {
  isSet(): boolean;
  /** Throws GateError `pin_required`, `pin_locked`, `pin_not_set` or `pin_invalid` unless `pin` is right. */
  check(pin: string | undefined): void;
}

export function createManagerPin(o: { dataDir: string; hash: () => string; now?: () => number; limiter?: PinLimiter }): ManagerPin {
  const now = o.now ?? Date.now;
  const limiter = o.limiter ?? new PinLimiter({ file: openAttemptsFile(o.dataDir), now });
  return {
    isSet: () => o.hash() !== '',
    check(pin) {
      if (pin === undefined) throw new GateError('pin_required', 'Enter the manager PIN.');
      const r = limiter.check(pin, o.hash() || null);
      if (r.ok) return;
      switch (r.code) {
        case 'pin_locked':
          throw new GateError('pin_locked', `Too many wrong PINs; locked for ${Math.ceil(r.retryAfterMs / 1000)} s.`, { retryAfterMs: r.retryAfterMs });
        case 'pin_not_set':
          throw new GateError('pin_not_set', 'No manager PIN is set. Set one in Settings first.');
        case 'pin_invalid':
          throw new GateError('pin_invalid', `Wrong PIN (remaining: ${r.remaining}).`, { remaining: r.remaining });
      }
    },
  };
}
