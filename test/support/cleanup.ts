// What a test file started and must not outlive it: setup.ts runs these after the file's own afterAll
// hooks, last registered first, so a forgotten folder or server is still removed or stopped.
type Cleanup = () => void | Promise<void>;

const pending = new Set<Cleanup>();

/** Registers `fn` to run after this test file; returns a function that runs it now (once). */
export function atFileEnd(fn: Cleanup): () => Promise<void> {
  let done = false;
  const once: Cleanup = async () => {
    if (done) return;
    done = true;
    pending.delete(once);
    await fn();
  };
  pending.add(once);
  return async () => once();
}

export async function runFileCleanups(): Promise<void> {
  const errors: unknown[] = [];
  for (const fn of [...pending].reverse()) {
    try {
      await fn();
    } catch (err) {
      errors.push(err);
    }
  }
  pending.clear();
  if (errors.length) throw new AggregateError(errors, 'test cleanup failed');
}
