// Manager PIN checks for what the core does not guard itself (reports, settings). They go through the
// SAME `PinLimiter` the payment core uses for refunds and voids (the composition root passes one
// instance to both), so wrong PINs count once across every screen: five in a row lock PIN entry for
// five minutes whether they were typed at a refund, a report or Settings, and rebuilding the core after
// a settings change does not reset the count. Messages never contain the PIN.
import type { PinLimiter } from '../core';
import { AppFacingError } from './errors';

/** The manager PIN the demo starts with (shown while in demo mode; refused as a live PIN). */
export const DEMO_MANAGER_PIN = '1234';

export interface PinGuard {
  /** Throws `pin_locked`, `pin_not_set` or `pin_invalid` (AppFacingError) unless `pin` is the manager PIN. */
  check(pin: string): void;
}

export function createPinGuard(options: { hash: () => string; limiter: PinLimiter }): PinGuard {
  return {
    check(pin) {
      const r = options.limiter.check(pin, options.hash() || null);
      if (r.ok) return;
      switch (r.code) {
        case 'pin_locked':
          throw new AppFacingError('pin_locked', `Too many wrong PINs. Try again in ${Math.max(1, Math.ceil((r.retryAfterMs ?? 0) / 60_000))} min.`);
        case 'pin_not_set':
          throw new AppFacingError('pin_not_set', 'No manager PIN is set. Set one in Settings first.');
        case 'pin_invalid':
          throw new AppFacingError('pin_invalid', `Wrong PIN (${r.remaining ?? 0} tries left).`);
      }
    },
  };
}
