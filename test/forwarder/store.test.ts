// The one storage interface, exercised identically on SQLite and on a real redis-server.
import { afterAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { openRedisStore } from '../../forwarder/store/redis';
import { openSqliteStore } from '../../forwarder/store/sqlite';
import type { EventStore } from '../../forwarder/store/types';
import { needsRedis } from '../support/programs';
import { useRedis } from '../support/servers';
import { tempDir } from '../support/temp';
import { waitFor } from '../support/wait';
import { uniquePrefix } from './helpers';

const redis = useRedis();
const tmp = tempDir('store');
afterAll(() => tmp.cleanup());

const factories: [string, () => Promise<EventStore>][] = [
  ['sqlite', () => Promise.resolve(openSqliteStore(`${tmp.dir}/${Math.random().toString(36).slice(2)}`))],
  ['sqlite (writer thread)', () => Promise.resolve(openSqliteStore(`${tmp.dir}/${Math.random().toString(36).slice(2)}`, {}, { writerThread: true }))],
  ['redis', () => openRedisStore(redis.url, uniquePrefix('store'))],
];

const ev = (terminalId: string, eventId: string, receivedAt = '2026-11-27T10:00:00.000Z') => ({
  terminalId, eventId, eventKey: 'charge.complete', receivedAt, signature: 'verified' as const, rawBody: `{"id":"${eventId}"}`,
});

for (const [name, open] of factories) describe.skipIf(name === 'redis' && needsRedis.missing)(needsRedis.title(`${name} store`, name === 'redis'), () => {
  it('appends under a per-terminal increasing sequence, stores an event id once, reads after a cursor', async () => {
    const s = await open();
    try {
      const seen: [string, number][] = [];
      const off = s.onAppended((t, seq) => seen.push([t, seq]));
      expect(await s.append(ev('a', 'e1'))).toEqual({ seq: 1, duplicate: false, terminalId: 'a' });
      expect(await s.append(ev('b', 'e2'))).toEqual({ seq: 1, duplicate: false, terminalId: 'b' });
      expect(await s.append(ev('a', 'e3'))).toEqual({ seq: 2, duplicate: false, terminalId: 'a' });
      expect(await s.append(ev('a', 'e1'))).toEqual({ seq: 1, duplicate: true, terminalId: 'a' });
      expect(await s.append(ev('b', 'e3'))).toMatchObject({ duplicate: true, terminalId: 'a' });
      expect((await s.readAfter('a', 0, 10)).map((e) => [e.seq, e.eventId])).toEqual([[1, 'e1'], [2, 'e3']]);
      expect((await s.readAfter('a', 1, 10)).map((e) => e.eventId)).toEqual(['e3']);
      expect(await s.readAfter('a', 0, 1)).toHaveLength(1);
      expect((await s.readAfter('a', 0, 1))[0]).toEqual({ seq: 1, eventId: 'e1', eventKey: 'charge.complete', receivedAt: '2026-11-27T10:00:00.000Z', signature: 'verified', rawBody: '{"id":"e1"}' });
      await waitFor(() => seen.length >= 3, 'three append notices'); // Redis pub/sub notices arrive asynchronously
      expect(seen).toEqual([['a', 1], ['b', 1], ['a', 2]]);
      off();
    } finally {
      await s.close();
    }
  });

  it('acks cumulatively, never backwards nor past the last sequence, and prunes only acked events past retention', async () => {
    const s = await open();
    try {
      await s.setTokenHash('a', 'h');
      await s.append(ev('a', 'p1', '2026-11-01T00:00:00.000Z'));
      await s.append(ev('a', 'p2', '2026-11-01T00:00:01.000Z'));
      await s.append(ev('a', 'p3', '2026-11-27T00:00:00.000Z'));
      await s.ack('a', 99);
      expect(await s.ackedSeq('a')).toBe(3);
      await s.ack('a', 1);
      expect(await s.ackedSeq('a')).toBe(3);
      expect(await s.backlog()).toEqual([{ terminalId: 'a', lastSeq: 3, ackedSeq: 3 }]);
      expect(await s.prune('2026-11-20T00:00:00.000Z')).toBe(2);
      expect((await s.readAfter('a', 0, 10)).map((e) => e.eventId)).toEqual(['p3']);
      // a pruned event id is still recognised as stored
      expect(await s.append(ev('a', 'p1'))).toMatchObject({ duplicate: true, seq: 1 });
    } finally {
      await s.close();
    }
  });

  it('renumbers a log that restarted below the terminal cursor (forwarder data lost), so nothing is skipped', async () => {
    const s = await open();
    try {
      await s.setTokenHash('w', 'h');
      await s.append(ev('w', 'after-wipe-1'));
      await s.append(ev('w', 'after-wipe-2'));
      await s.raiseSeq('w', 50); // the terminal had committed up to 50 from the lost log
      expect((await s.readAfter('w', 50, 10)).map((e) => [e.seq, e.eventId])).toEqual([[51, 'after-wipe-1'], [52, 'after-wipe-2']]);
      expect(await s.append(ev('w', 'after-wipe-3'))).toMatchObject({ seq: 53, duplicate: false });
      expect(await s.append(ev('w', 'after-wipe-1'))).toMatchObject({ seq: 51, duplicate: true });
      await s.raiseSeq('w', 10); // a cursor below the log changes nothing
      expect((await s.readAfter('w', 0, 10)).map((e) => e.seq)).toEqual([51, 52, 53]);
      expect(await s.ackedSeq('w')).toBe(50);
    } finally {
      await s.close();
    }
  });

  it('keeps unacked events whatever their age', async () => {
    const s = await open();
    try {
      await s.setTokenHash('a', 'h');
      await s.append(ev('a', 'old1', '2026-01-01T00:00:00.000Z'));
      await s.append(ev('a', 'old2', '2026-01-01T00:00:00.000Z'));
      await s.ack('a', 1);
      expect(await s.prune('2026-11-20T00:00:00.000Z')).toBe(1);
      expect((await s.readAfter('a', 0, 10)).map((e) => e.eventId)).toEqual(['old2']);
    } finally {
      await s.close();
    }
  });

  it('stores tokens hashed per terminal, revokes them, and remembers known terminals', async () => {
    const s = await open();
    try {
      expect(await s.isKnownTerminal('t')).toBe(false);
      await s.setTokenHash('t', 'abc');
      expect(await s.tokenHash('t')).toBe('abc');
      expect(await s.revokeToken('t')).toBe(true);
      expect(await s.revokeToken('t')).toBe(false);
      expect(await s.tokenHash('t')).toBeNull();
      expect(await s.isKnownTerminal('t')).toBe(true);
    } finally {
      await s.close();
    }
  });

  it("checks many terminals in one call: each one's head and token hash, as headSeq and tokenHash say", async () => {
    const s = await open();
    try {
      await s.setTokenHash('c1', 'h1');
      await s.setTokenHash('c2', 'h2');
      await s.append(ev('c1', 'ci-1'));
      await s.append(ev('c1', 'ci-2'));
      await s.revokeToken('c2');
      const found = await s.checkIn(['c1', 'c2']);
      expect(found.get('c1')).toEqual({ head: 2, tokenHash: 'h1' });
      expect(found.get('c2')).toEqual({ head: 0, tokenHash: null });
      expect(found.get('c1')?.head).toBe(await s.headSeq('c1'));
      expect((await s.checkIn([])).size).toBe(0);
    } finally {
      await s.close();
    }
  });

  it('keeps dead letters once per event id and replays one into a terminal log', async () => {
    const s = await open();
    try {
      const input = { eventId: 'd1', eventKey: 'charge.complete', receivedAt: '2026-11-27T10:00:00.000Z', signature: 'verified' as const, reason: 'unknown_terminal' as const, terminalHint: 'zz', rawBody: '{"id":"d1"}' };
      const first = await s.addDeadLetter(input);
      expect(await s.addDeadLetter(input)).toEqual({ id: first.id, duplicate: true });
      expect(await s.replayDeadLetter('dl_missing', 'x')).toBeNull();
      await s.setTokenHash('x', 'h');
      expect(await s.replayDeadLetter(first.id, 'x')).toEqual({ seq: 1, duplicate: false, terminalId: 'x' });
      expect(await s.replayDeadLetter(first.id, 'x')).toEqual({ seq: 1, duplicate: true, terminalId: 'x' });
      expect((await s.readAfter('x', 0, 10))[0]?.rawBody).toBe('{"id":"d1"}');
      expect(await s.listDeadLetters()).toEqual([{ ...input, id: first.id, replayedTo: 'x' }]);
    } finally {
      await s.close();
    }
  });
});

describe.skipIf(needsRedis.missing)(needsRedis.title('redis store: known terminals', true), () => {
  it('knows the terminals that existed when it opened without a round trip per webhook, and learns one added later by another instance', async () => {
    const prefix = uniquePrefix('known');
    const first = await openRedisStore(redis.url, prefix);
    const admin = new Redis(redis.url);
    const sismembers = async (): Promise<number> => Number(/cmdstat_sismember:calls=(\d+)/.exec(await admin.info('commandstats'))?.[1] ?? 0);
    let second: EventStore | undefined;
    try {
      await first.setTokenHash('k1', 'h1');
      second = await openRedisStore(redis.url, prefix);
      const before = await sismembers();
      for (let i = 0; i < 5; i++) expect(await second.isKnownTerminal('k1')).toBe(true);
      expect(await sismembers()).toBe(before); // read once at open, not asked per webhook
      await first.setTokenHash('k2', 'h2'); // after the second store opened
      expect(await second.isKnownTerminal('k2')).toBe(true);
      expect(await second.isKnownTerminal('k2')).toBe(true);
      expect(await sismembers()).toBe(before + 1); // asked once, then kept
      expect(await second.isKnownTerminal('nobody')).toBe(false);
      expect(await second.isKnownTerminal('nobody')).toBe(false); // a no is asked again: a token may be created
      expect(await sismembers()).toBe(before + 3);
    } finally {
      await second?.close();
      await first.close();
      admin.disconnect();
    }
  });

  it("announces an instance's own appends to its sessions when they are durable, and its notice only to the other instances", async () => {
    const prefix = uniquePrefix('origin');
    const a = await openRedisStore(redis.url, prefix);
    const b = await openRedisStore(redis.url, prefix);
    try {
      const seenA: [string, number, string | undefined][] = [];
      const seenB: [string, number, string | undefined][] = [];
      a.onAppended((t, seq, event) => seenA.push([t, seq, event?.()?.rawBody]));
      b.onAppended((t, seq, event) => seenB.push([t, seq, event?.()?.rawBody]));
      await a.append(ev('o1', 'origin-1'));
      // A's own: already announced when the append resolves, with the event (no read, no pub/sub hop)
      expect(seenA).toEqual([['o1', 1, '{"id":"origin-1"}']]);
      await waitFor(() => seenB.length === 1, "B hears of A's append");
      expect(seenB).toEqual([['o1', 1, '{"id":"origin-1"}']]);
      await b.append(ev('o1', 'origin-2'));
      await waitFor(() => seenA.length === 2, "A hears of B's append");
      await new Promise((r) => setTimeout(r, 200)); // a notice of its own would have come back by now
      expect(seenA).toEqual([['o1', 1, '{"id":"origin-1"}'], ['o1', 2, '{"id":"origin-2"}']]);
      expect(seenB).toEqual([['o1', 1, '{"id":"origin-1"}'], ['o1', 2, '{"id":"origin-2"}']]);
    } finally {
      await b.close();
      await a.close();
    }
  });
});

describe.skipIf(needsRedis.missing)(needsRedis.title('redis store: batches in flight', true), () => {
  it('sends a second batch while Redis is still on the first, and keeps each terminal in order', async () => {
    const prefix = uniquePrefix('inflight');
    // a long window and wait: each pair below goes as one batch, and nothing goes by the clock
    const store = await openRedisStore(redis.url, prefix, { windowMs: 50, maxWaitMs: 5_000 });
    const blocker = new Redis(redis.url);
    try {
      const seen: number[] = [];
      store.onAppended((t, seq) => t === 'f1' && seen.push(seq));
      await store.append(ev('f1', 'warm')); // the script is loaded: no NOSCRIPT round trip below
      const c0 = store.commits;
      // Redis runs one script at a time: this one keeps it busy for 1 s, so no batch is answered meanwhile.
      const busy = blocker.eval("local t = redis.call('TIME'); local s = t[1] * 1000000 + t[2]; repeat t = redis.call('TIME') until t[1] * 1000000 + t[2] - s > 1000000; return 1", 0);
      await new Promise((r) => setTimeout(r, 50));
      const first = [store.append(ev('f1', 'in-1')), store.append(ev('f1', 'in-2'))]; // one batch, sent at once (nothing in flight)
      await new Promise((r) => setTimeout(r, 100));
      const second = [store.append(ev('f1', 'in-3')), store.append(ev('f1', 'in-4'))]; // sent while the first waits
      await new Promise((r) => setTimeout(r, 100));
      expect(store.commits - c0).toBe(2); // two batches on the wire, neither answered yet
      const third = [store.append(ev('f1', 'in-5'))]; // waits for one of them
      await new Promise((r) => setTimeout(r, 80));
      expect(store.commits - c0).toBe(2);
      await busy;
      const results = await Promise.all([...first, ...second, ...third]);
      expect(results.map((r) => r.seq)).toEqual([2, 3, 4, 5, 6]);
      expect(store.commits - c0).toBe(3);
      await waitFor(() => seen.length === 6, 'every append announced');
      expect(seen).toEqual([1, 2, 3, 4, 5, 6]);
    } finally {
      blocker.disconnect();
      await store.close();
    }
  });
});
