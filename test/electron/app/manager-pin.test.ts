// The manager PIN's one limiter: failures are on disk before the answer, so a restart gives no fresh
// tries; locks grow with each run of failures; a clock set back does not end a lock; a damaged record
// locks instead of unlocking.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PIN_ATTEMPTS_FILE, openAttemptsFile } from '../../../electron/app/manager-pin/attempts';
import { hashPin } from '../../../electron/app/manager-pin';
import { PinLimiter } from '../../../electron/app/manager-pin/limiter';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const HASH = hashPin('482913');
const MIN = 60_000;

/** A limiter as the app builds one, on a data folder and a clock the test moves. */
function limiterIn(dir: string, clock: { t: number }): PinLimiter {
  const now = () => clock.t;
  return new PinLimiter({ file: openAttemptsFile(dir), now });
}

function newDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kp-pin-'));
  dirs.push(dir);
  return dir;
}

describe('manager PIN limiter', () => {
  it('five wrong PINs lock even the right one; a restart (a new limiter on the same folder) is still locked', () => {
    const dir = newDir();
    const clock = { t: Date.UTC(2026, 10, 29, 3) };
    const first = limiterIn(dir, clock);
    for (let i = 4; i >= 1; i--) expect(first.check('000000', HASH)).toEqual({ ok: false, code: 'pin_invalid', remaining: i });
    expect(first.check('000000', HASH)).toEqual({ ok: false, code: 'pin_locked', retryAfterMs: 5 * MIN });

    const restarted = limiterIn(dir, clock);
    expect(restarted.check('482913', HASH)).toEqual({ ok: false, code: 'pin_locked', retryAfterMs: 5 * MIN });
    clock.t += 5 * MIN;
    expect(limiterIn(dir, clock).check('482913', HASH)).toEqual({ ok: true });
  });

  it('a restart in the middle of a run keeps the count: 3 wrong, restart, 2 wrong lock', () => {
    const dir = newDir();
    const clock = { t: Date.UTC(2026, 10, 29, 3) };
    for (let i = 0; i < 3; i++) limiterIn(dir, clock).check('111111', HASH);
    expect(limiterIn(dir, clock).check('111111', HASH)).toEqual({ ok: false, code: 'pin_invalid', remaining: 1 });
    expect(limiterIn(dir, clock).check('111111', HASH)).toMatchObject({ ok: false, code: 'pin_locked' });
  });

  it('each further run of failures locks three times longer, until a right PIN resets it', () => {
    const dir = newDir();
    const clock = { t: Date.UTC(2026, 10, 29, 3) };
    const lim = limiterIn(dir, clock);
    const run = () => {
      let last: ReturnType<PinLimiter['check']> = { ok: true };
      for (let i = 0; i < 5; i++) last = lim.check('000000', HASH);
      return last;
    };
    expect(run()).toEqual({ ok: false, code: 'pin_locked', retryAfterMs: 5 * MIN });
    clock.t += 5 * MIN;
    expect(run()).toEqual({ ok: false, code: 'pin_locked', retryAfterMs: 15 * MIN });
    clock.t += 15 * MIN;
    expect(run()).toEqual({ ok: false, code: 'pin_locked', retryAfterMs: 45 * MIN });
    clock.t += 45 * MIN;
    expect(lim.check('482913', HASH)).toEqual({ ok: true });
    expect(run()).toEqual({ ok: false, code: 'pin_locked', retryAfterMs: 5 * MIN });
    expect(lim.lockDuration(50)).toBe(24 * 60 * MIN);
  });

  it('setting the clock back to before the lock began restarts the lock instead of ending it', () => {
    const dir = newDir();
    const clock = { t: Date.UTC(2026, 10, 29, 3) };
    const lim = limiterIn(dir, clock);
    for (let i = 0; i < 5; i++) lim.check('000000', HASH);
    clock.t -= 24 * 60 * MIN;
    expect(lim.check('482913', HASH)).toEqual({ ok: false, code: 'pin_locked', retryAfterMs: 5 * MIN });
    clock.t += 4 * MIN;
    expect(limiterIn(dir, clock).check('482913', HASH)).toEqual({ ok: false, code: 'pin_locked', retryAfterMs: 1 * MIN });
  });

  it('a damaged record locks; a missing record is a fresh start; the file never holds the PIN', () => {
    const dir = newDir();
    const clock = { t: Date.UTC(2026, 10, 29, 3) };
    limiterIn(dir, clock).check('000000', HASH);
    const file = path.join(dir, PIN_ATTEMPTS_FILE);
    expect(readFileSync(file, 'utf8')).not.toContain('000000');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ failures: 1, lockouts: 0 });
    writeFileSync(file, '{"version":1,"failures":-5');
    expect(limiterIn(dir, clock).check('482913', HASH)).toEqual({ ok: false, code: 'pin_locked', retryAfterMs: 5 * MIN });
    expect(limiterIn(newDir(), clock).check('482913', HASH)).toEqual({ ok: true });
    expect(limiterIn(newDir(), clock).check('482913', null)).toEqual({ ok: false, code: 'pin_not_set' });
  });
});
