// The sandbox's created-order index answers a list window exactly as the filter-and-stable-sort it
// replaced: same records, same order (ties by insertion), for in-order and out-of-order stamps.
import { expect, it } from 'vitest';
import { buildList } from '../../sandbox/list';
import { TimeIndex } from '../../sandbox/time-index';

type Rec = { readonly id: number; readonly createdAt: number };

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

it('lists the same window, order and total as a filter and sort of every record', () => {
  const random = rng(7);
  const t0 = Date.parse('2026-11-27T00:00:00Z');
  const records: Rec[] = [];
  const index = new TimeIndex<Rec>();
  let t = t0;
  for (let id = 0; id < 2_000; id++) {
    t += Math.floor(random() * 900); // several records share a second
    // One in fifty stamped a few seconds back (a clock that moved), to exercise the insertion path.
    const createdAt = id % 50 === 49 ? t - 3_000 - Math.floor(random() * 5_000) : t;
    const r = { id, createdAt };
    records.push(r);
    index.add(r);
  }
  expect(index.size).toBe(records.length);
  const now = t + 10_000;
  for (let q = 0; q < 200; q++) {
    const a = t0 + Math.floor(random() * (now - t0));
    const b = a + Math.floor(random() * 400_000);
    const params = {
      from: new Date(a).toISOString(),
      ...(q % 3 ? { to: new Date(b).toISOString() } : {}),
      // Now and then an offset near or past the window's end (the last page, an empty one).
      offset: Math.floor(random() * (q % 4 === 0 ? 1_200 : 50)),
      limit: 1 + Math.floor(random() * 100),
      order: q % 2 ? ('chronological' as const) : ('reverse_chronological' as const),
    };
    const fast = buildList(index, params, '/x', now, (r) => r.id);
    const slow = buildList(records, params, '/x', now, (r) => r.id);
    expect(fast).toEqual(slow);
  }
  // The whole list (no window) too.
  expect(buildList(index, { limit: 100 }, '/x', now, (r) => r.id)).toEqual(buildList(records, { limit: 100 }, '/x', now, (r) => r.id));
});
