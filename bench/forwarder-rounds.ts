// The load phase's rounds (forwarder.bench.ts): each side's time, CPU and the machine's idle time,
// summed over the rounds, and each round's events/s ratio, so a run says how far its ratio can be trusted.
import { cpus } from 'node:os';
import { cpuMs, idleMs } from './forwarder-processes';

/** One side (the floor or the forwarder) over every round. */
export class SideTally {
  ms = 0;
  cpuMs = 0;
  benchCpuMs = 0;
  serverCpuMs = 0;
  idleMs = 0;
  readonly rates: number[] = [];

  /** Runs one round of `n` webhooks, counting `pids`' CPU (and `serverPids`' apart). Returns its events/s. */
  async round(n: number, pids: number[], serverPids: number[], run: () => Promise<void>): Promise<number> {
    const c0 = cpuMs(pids);
    const s0 = cpuMs(serverPids);
    const b0 = cpuMs([process.pid]);
    const i0 = idleMs();
    const t0 = performance.now();
    await run();
    const ms = performance.now() - t0;
    this.ms += ms;
    this.cpuMs += cpuMs(pids) - c0;
    this.serverCpuMs += cpuMs(serverPids) - s0;
    this.benchCpuMs += cpuMs([process.pid]) - b0;
    this.idleMs += idleMs() - i0;
    const rate = n / (ms / 1000);
    this.rates.push(rate);
    return rate;
  }

  /** Share of the machine's CPUs idle during this side's rounds (0–1; NaN off Linux). */
  get idleShare(): number {
    return this.idleMs / (this.ms * cpus().length);
  }
}

// Student's t, two-sided 95 %, by degrees of freedom (1–30); 2.0 beyond.
const T95 = [12.71, 4.3, 3.18, 2.78, 2.57, 2.45, 2.36, 2.31, 2.26, 2.23, 2.2, 2.18, 2.16, 2.14, 2.13, 2.12, 2.11, 2.1, 2.09, 2.09, 2.08, 2.07, 2.07, 2.06, 2.06, 2.06, 2.05, 2.05, 2.05, 2.04];

/**
 * The spread of the per-round ratios (forwarder's events/s over the floor's in the same round): their
 * range and a 95 % interval for their mean. The goal is checked on the run's ratio (all events over all
 * time); this says how much of a miss or a pass is this machine's noise.
 */
export function roundRatios(floor: SideTally, fwd: SideTally): { min: number; max: number; mean: number; ci95: [number, number] } {
  const r = fwd.rates.map((x, i) => x / (floor.rates[i] ?? NaN));
  const n = r.length;
  const mean = r.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(r.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, n - 1));
  const half = (T95[n - 2] ?? 2.0) * (sd / Math.sqrt(n));
  const r3 = (x: number): number => Math.round(x * 1000) / 1000;
  return { min: r3(Math.min(...r)), max: r3(Math.max(...r)), mean: r3(mean), ci95: [r3(mean - half), r3(mean + half)] };
}
