// isoSeconds (sandbox/time.ts) keeps the last day's prefix and writes the time of day from a table: it
// must give Date.toISOString()'s text cut to the second for any instant, in any order of calls.
import { expect, it } from 'vitest';
import { isoSeconds } from '../../sandbox/time';

const reference = (ms: number): string => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

it('writes the same text as toISOString, cut to the second', () => {
  let seed = 11;
  const random = (): number => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const day = 86_400_000;
  const samples = [0, -1, -999, -1_000, -1_001, 999, day - 1, day, -day, -day - 1, 8.64e15, -8.64e15, Date.parse('2026-11-27T23:59:59.999Z'), Date.parse('+010000-01-01T00:00:00Z'), Date.parse('0001-01-01T00:00:00Z')];
  for (let i = 0; i < 20_000; i++) samples.push(Math.floor((random() - 0.3) * 4e12)); // 1875 … 2096
  let t = Date.parse('2026-11-27T15:59:58.100Z');
  for (let i = 0; i < 5_000; i++) samples.push((t += Math.floor(random() * 1_500))); // a day's charges, across midnight
  for (const ms of samples) expect(isoSeconds(ms), String(ms)).toBe(reference(ms));
});

it('throws for an invalid time, as toISOString does', () => {
  expect(() => isoSeconds(Number.NaN)).toThrow(RangeError);
  expect(() => isoSeconds(8.64e15 + 1_000)).toThrow(RangeError);
});
