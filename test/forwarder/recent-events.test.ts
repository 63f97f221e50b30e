// The just-stored events a session sends without reading them back: it answers exactly what the store
// would, or nothing (then the store is read).
import { describe, expect, it } from 'vitest';
import { RecentEvents } from '../../forwarder/store/recent-events';
import type { StoredEvent } from '../../forwarder/store/types';

const ev = (seq: number): StoredEvent => ({ seq, eventId: `e${seq}`, eventKey: 'charge.complete', receivedAt: '2026-12-06T00:00:00.000Z', signature: 'verified', rawBody: `{"n":${seq}}` });

describe('RecentEvents', () => {
  it('answers a contiguous run from the cursor, within the limit; outside the run it leaves the read to the store', () => {
    const r = new RecentEvents();
    for (const s of [3, 4, 5]) r.add('a', ev(s));
    expect(r.after('a', 2, 10)?.map((e) => e.seq)).toEqual([3, 4, 5]);
    expect(r.after('a', 3, 1)?.map((e) => e.seq)).toEqual([4]);
    expect(r.after('a', 1, 10)).toBeNull(); // seq 2 is not here: the store has it
    expect(r.after('a', 5, 10)).toBeNull(); // past the run: ask the store
    expect(r.after('b', 0, 10)).toBeNull();
    // a gap (another process or instance stored seq 6): the run starts again at 7
    r.add('a', ev(7));
    expect(r.after('a', 2, 10)).toBeNull();
    expect(r.after('a', 6, 10)?.map((e) => e.seq)).toEqual([7]);
  });

  it('drops what is acknowledged, forgets a renumbered terminal, and keeps at most its bound in all', () => {
    const r = new RecentEvents(4);
    for (const s of [1, 2, 3]) r.add('a', ev(s));
    r.acked('a', 2);
    expect(r.after('a', 2, 10)?.map((e) => e.seq)).toEqual([3]);
    r.acked('a', 3);
    expect(r.after('a', 2, 10)).toBeNull();
    r.add('a', ev(4));
    r.forget('a');
    expect(r.after('a', 3, 10)).toBeNull();
    for (const s of [1, 2]) r.add('b', ev(s));
    for (const s of [1, 2, 3]) r.add('c', ev(s));
    expect(r.after('b', 0, 10)).toBeNull(); // the oldest terminal went to stay within 4
    expect(r.after('c', 0, 10)?.map((e) => e.seq)).toEqual([1, 2, 3]);
  });
});
