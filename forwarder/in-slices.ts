// Work over many items a slice at a time, yielding to the event loop between slices: a webhook that
// arrives meanwhile waits for one slice, not for all of them.

/** Runs `work` on consecutive slices of at most `size` items; `stop` is asked before each slice. */
export async function inSlices<T>(items: readonly T[], size: number, work: (slice: readonly T[]) => Promise<void> | void, stop: () => boolean = () => false): Promise<void> {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`slice size must be a positive integer, got ${size}`);
  for (let i = 0; i < items.length; i += size) {
    // setImmediate, not a resolved promise: a microtask would run before any I/O callback
    if (i > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    if (stop()) return;
    await work(items.slice(i, i + size));
  }
}
