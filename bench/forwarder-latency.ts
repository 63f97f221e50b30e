// One-at-a-time latency figures, shared by the forwarder bench and the pair runs: percentiles, and the tail
// behind a p99 (a p99 of 1,000 samples is the tenth worst, so it sits in a side's body or among its stalls
// depending on whether it has ten of them; the counts over 1.5 and 3 ms show which).
export const pct = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;
export const round = (x: number, d = 2): number => Math.round(x * 10 ** d) / 10 ** d;

export interface LatencySummary { p50: number; p99: number; over1_5ms: number; over3ms: number }
export const latencySummary = (xs: number[]): LatencySummary => ({ p50: round(pct(xs, 50)), p99: round(pct(xs, 99)), over1_5ms: xs.filter((x) => x > 1.5).length, over3ms: xs.filter((x) => x > 3).length });
