// Serial group commit (one batch in flight; the next collects what arrives meanwhile) with a limit: a
// commit that never settles (a Redis round trip hanging across a failover) must not hold every append.
import { describe, expect, it } from 'vitest';
import { GroupCommit } from '../../forwarder/store/group-commit';
import { waitFor } from '../support/wait';

describe('GroupCommit, serial', () => {
  it('appends arriving during a commit go together in the next one', async () => {
    const batches: number[][] = [];
    let release: () => void = () => undefined;
    const g = new GroupCommit<number, number>({ windowMs: 0, maxBatch: 100, serial: true }, async (inputs) => {
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

  it('with serialMaxWaitMs, a commit that never settles does not hold the appends behind it', async () => {
    const batches: number[][] = [];
    const g = new GroupCommit<number, number>({ windowMs: 0, maxBatch: 100, serial: true, serialMaxWaitMs: 5 }, (inputs) => {
      batches.push(inputs);
      return inputs[0] === 1 ? new Promise<number[]>(() => undefined) : inputs; // the first hangs for good
    });
    void g.add(1);
    await waitFor(() => batches.length === 1, 'the first commit');
    expect(await Promise.all([g.add(2), g.add(3)])).toEqual([2, 3]);
    expect(batches).toEqual([[1], [2, 3]]);
  });
});
