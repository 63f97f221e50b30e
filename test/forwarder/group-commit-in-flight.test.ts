// Group commit with a bound on commits in flight (two for Redis and for the SQLite writer thread; the
// next batch collects what arrives meanwhile) and a limit: a commit that never settles (a Redis round trip
// hanging across a failover) must not hold every append.
import { describe, expect, it } from 'vitest';
import { GroupCommit } from '../../forwarder/store/group-commit';
import { waitFor } from '../support/wait';

describe('GroupCommit, commits in flight', () => {
  it('appends arriving during a commit go together in the next one', async () => {
    const batches: number[][] = [];
    let release: () => void = () => undefined;
    const g = new GroupCommit<number, number>({ windowMs: 0, maxBatch: 100, maxInFlight: 1 }, async (inputs) => {
      batches.push(inputs);
      if (batches.length === 1) await new Promise<void>((r) => (release = r));
      return inputs;
    });
    const first = g.add(1);
    await waitFor(() => batches.length === 1, 'the first commit');
    const rest = [g.add(2), g.add(3), g.add(4)];
    expect(batches).toHaveLength(1); // held while the first is in flight
    release();
    expect(await Promise.all([first, ...rest])).toEqual([1, 2, 3, 4]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it('with maxWaitMs, a commit that never settles does not hold the appends behind it', async () => {
    const batches: number[][] = [];
    const g = new GroupCommit<number, number>({ windowMs: 0, maxBatch: 100, maxInFlight: 1, maxWaitMs: 5 }, (inputs) => {
      batches.push(inputs);
      return inputs[0] === 1 ? new Promise<number[]>(() => undefined) : inputs; // the first hangs for good
    });
    void g.add(1);
    await waitFor(() => batches.length === 1, 'the first commit');
    expect(await Promise.all([g.add(2), g.add(3)])).toEqual([2, 3]);
    expect(batches).toEqual([[1], [2, 3]]);
  });

  it('with two in flight, a second batch goes while the first commits, and what comes next waits for one of them', async () => {
    const batches: number[][] = [];
    const releases: (() => void)[] = [];
    const g = new GroupCommit<number, number>({ windowMs: 0, maxBatch: 100, maxInFlight: 2 }, async (inputs) => {
      batches.push(inputs);
      await new Promise<void>((r) => releases.push(r));
      return inputs;
    });
    const done = [g.add(1)];
    await waitFor(() => batches.length === 1, 'the first commit');
    done.push(g.add(2));
    await waitFor(() => batches.length === 2, 'the second commit, the first still in flight');
    done.push(g.add(3), g.add(4));
    await new Promise((r) => setTimeout(r, 20));
    expect(batches).toEqual([[1], [2]]); // two in flight: 3 and 4 wait
    releases[0]?.();
    await waitFor(() => batches.length === 3, 'the third commit');
    expect(batches[2]).toEqual([3, 4]);
    releases[1]?.();
    releases[2]?.();
    expect(await Promise.all(done)).toEqual([1, 2, 3, 4]);
  });
});
