// Reconnect delays: exponential with "full jitter" (uniform in [0, min(max, base·2^n)]), so a fleet of
// terminals that lost the forwarder at the same moment does not reconnect in lockstep.
export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  random?: () => number;
}

export function backoffDelay(attempt: number, o: BackoffOptions): number {
  const cap = Math.min(o.maxMs, o.initialMs * 2 ** Math.min(attempt, 30));
  const r = (o.random ?? Math.random)();
  // Never below a small floor: a zero delay would hammer a forwarder that refuses us.
  return Math.max(Math.min(o.initialMs, cap) / 2, Math.floor(r * cap));
}
