// The retry/reconnect delay towards a peer that may be down (Opn, the forwarder, the browser bridge):
// exponential, capped, with "equal jitter" (uniform in [cap/2, cap]). Three other schedules are
// deliberately not this one: the print queue's fixed steps (a local printer; its notices name them),
// the start-up reconciliation's fixed 5 s, and the sandbox's webhook retries (imitating Opn's). The jitter spreads a fleet of terminals that lost Opn or the forwarder at the same
// moment; the lower half keeps a refusing peer from being hammered with near-zero delays.
export interface BackoffOptions {
  readonly initialMs: number;
  readonly maxMs: number;
  readonly random?: (() => number) | undefined;
}

export function backoffDelay(attempt: number, o: BackoffOptions): number {
  const cap = Math.min(o.maxMs, o.initialMs * 2 ** Math.min(Math.max(0, attempt), 30));
  const r = (o.random ?? Math.random)();
  return Math.floor(cap / 2 + r * (cap / 2));
}
