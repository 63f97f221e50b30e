// inSlices: every item once, in order, in slices of at most the size, with the event loop free between them.
import { describe, expect, it } from 'vitest';
import { inSlices } from '../../forwarder/in-slices';

describe('inSlices', () => {
  it('hands every item over once, in order, at most `size` at a time', async () => {
    const seen: number[][] = [];
    await inSlices(Array.from({ length: 130 }, (_, i) => i), 50, (s) => void seen.push([...s]));
    expect(seen.map((s) => s.length)).toEqual([50, 50, 30]);
    expect(seen.flat()).toEqual(Array.from({ length: 130 }, (_, i) => i));
  });

  it('lets callbacks already waiting on the event loop run between slices, not only after the last', async () => {
    const order: string[] = [];
    await inSlices([1, 2, 3], 1, (s) => {
      order.push(`slice ${s[0]}`);
      // what arrives during a slice (an I/O callback, a timer) must not wait for the slices after it
      if (s[0] === 1) setImmediate(() => order.push('waiting callback'));
    });
    expect(order).toEqual(['slice 1', 'waiting callback', 'slice 2', 'slice 3']);
  });

  it('waits for an asynchronous slice before the next, and stops when asked', async () => {
    const done: number[] = [];
    let stop = false;
    await inSlices([1, 2, 3, 4], 1, async (s) => {
      await new Promise((r) => setTimeout(r, 5));
      done.push(s[0] ?? 0);
      if (s[0] === 2) stop = true;
    }, () => stop);
    expect(done).toEqual([1, 2]);
  });

  it('passes a failing slice on to the caller, and refuses a size that is not a positive integer', async () => {
    const seen: number[] = [];
    await expect(inSlices([1, 2, 3], 1, (s) => {
      if (s[0] === 2) throw new Error('store down');
      seen.push(s[0] ?? 0);
    })).rejects.toThrow('store down');
    expect(seen).toEqual([1]);
    await expect(inSlices([1], 0, () => undefined)).rejects.toThrow(RangeError);
    await expect(inSlices([1], 1.5, () => undefined)).rejects.toThrow(RangeError);
  });
});
