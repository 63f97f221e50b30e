// The ONE manager-PIN check of the app: every channel whose policy needs the PIN goes through it at the
// gate, so wrong PINs count once across refunds, voids, reports and Settings. Five wrong PINs in a row
// lock PIN entry; each further lock in a row lasts three times longer (5 min, 15 min, 45 min, … at most
// a day). The record is persisted before the answer (see attempts.ts); a clock set back to before a
// lock began restarts that lock instead of ending it.
import type { AttemptsFile, PinAttempts } from './attempts';
import { verifyPin } from './hash';

export interface PinLimiterOptions {
  file: AttemptsFile;
  maxFailures?: number;
  /** First lock; later locks in a row multiply it by `growth`. */
  lockMs?: number;
  growth?: number;
  maxLockMs?: number;
  now?: () => number;
}

export type PinCheck =
  | { ok: true }
  | { ok: false; code: 'pin_invalid'; remaining: number }
  | { ok: false; code: 'pin_locked'; retryAfterMs: number }
  | { ok: false; code: 'pin_not_set' };

export class PinLimiter {
  private readonly maxFailures: number;
  private readonly lockMs: number;
  private readonly growth: number;
  private readonly maxLockMs: number;
  private readonly now: () => number;

  constructor(private readonly o: PinLimiterOptions) {
    this.maxFailures = o.maxFailures ?? 5;
    this.lockMs = o.lockMs ?? 5 * 60_000;
    this.growth = o.growth ?? 3;
    this.maxLockMs = o.maxLockMs ?? 24 * 3_600_000;
    this.now = o.now ?? Date.now;
  }

  /** How long the n-th lock in a row lasts (n ≥ 1). */
  lockDuration(n: number): number {
    return Math.min(this.maxLockMs, this.lockMs * this.growth ** Math.max(0, n - 1));
  }

  check(pin: string, hash: string | null): PinCheck {
    const t = this.now();
    const stored = this.o.file.read();
    // A damaged record counts as a lock, never as "no failures": corrupting the file must not unlock.
    let state: PinAttempts = stored === 'damaged' ? { version: 1, failures: 0, lockouts: 1, lockedAt: t, lockedUntil: t + this.lockDuration(1) } : stored;
    if (stored === 'damaged') this.o.file.write(state);
    if (state.lockedUntil > 0) {
      if (t < state.lockedAt) {
        // The clock went back to before the lock began: the lock starts again from now.
        state = { ...state, lockedAt: t, lockedUntil: t + this.lockDuration(state.lockouts) };
        this.o.file.write(state);
      }
      if (t < state.lockedUntil) return { ok: false, code: 'pin_locked', retryAfterMs: state.lockedUntil - t };
    }
    if (!hash) return { ok: false, code: 'pin_not_set' };
    if (verifyPin(pin, hash)) {
      if (!isClear(state)) this.o.file.write({ version: 1, failures: 0, lockouts: 0, lockedAt: 0, lockedUntil: 0 });
      return { ok: true };
    }
    const failures = state.failures + 1;
    if (failures >= this.maxFailures) {
      const lockouts = state.lockouts + 1;
      const until = t + this.lockDuration(lockouts);
      this.o.file.write({ version: 1, failures: 0, lockouts, lockedAt: t, lockedUntil: until });
      return { ok: false, code: 'pin_locked', retryAfterMs: until - t };
    }
    this.o.file.write({ ...state, failures, lockedAt: 0, lockedUntil: 0 });
    return { ok: false, code: 'pin_invalid', remaining: this.maxFailures - failures };
  }
}

function isClear(s: PinAttempts): boolean {
  return s.failures === 0 && s.lockouts === 0 && s.lockedUntil === 0;
}
