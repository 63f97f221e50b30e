// Shared by the forwarder's fuzz tests: the seed (fixed, or FUZZ_SEED to reproduce a CI run), the run
// count, the shared fingerprint of every SQLite table, and a collector of unhandled rejections.
export { fingerprint } from '../support/sqlite';

export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20261129);
export const FUZZ_RUNS = Math.max(1000, Number(process.env.FUZZ_RUNS ?? 1000));

/** Collects unhandled rejections and uncaught exceptions while a fuzz run lasts. */
export function watchProcess(): { problems: unknown[]; stop: () => void } {
  const problems: unknown[] = [];
  const onProblem = (err: unknown): void => void problems.push(err);
  process.on('unhandledRejection', onProblem);
  process.on('uncaughtException', onProblem);
  return {
    problems,
    stop: () => {
      process.off('unhandledRejection', onProblem);
      process.off('uncaughtException', onProblem);
    },
  };
}
