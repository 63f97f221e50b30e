// Request fault injection: the next `times` requests matching method and path get added latency, a chosen
// error status, or a dropped connection after the write committed (the response is lost: the case where a
// naive retry charges twice). times: Infinity keeps a fault until cleared.
import { z } from 'zod';

export interface RequestFault {
  method?: string;
  path?: string | RegExp;
  times?: number;
  latencyMs?: number;
  status?: 429 | 500 | 503;
  dropAfterCommit?: boolean;
  /** Hold the request inside the "API" after its body was read, before it takes effect (a stalled request). */
  commitDelayMs?: number;
  /** In-process observers only: called when a request starts its commitDelayMs or release wait (its body fully read). */
  onHeld?: () => void;
  /** In-process tests only: after commitDelayMs, hold the request until this settles (a stall the test ends when it chooses). */
  release?: Promise<void>;
  /** Answer like a proxy in front of Opn: this status with an HTML body, not Opn's error object. */
  proxyStatus?: 404 | 502;
}

interface ActiveFault {
  readonly method: string | null;
  readonly path: string | RegExp | null;
  remaining: number;
  readonly latencyMs: number;
  readonly status: 429 | 500 | 503 | null;
  readonly dropAfterCommit: boolean;
  readonly commitDelayMs: number;
  readonly proxyStatus: 404 | 502 | null;
  readonly onHeld: (() => void) | null;
  readonly release: Promise<void> | null;
}

export interface MatchedFault {
  readonly latencyMs: number;
  readonly status: 429 | 500 | 503 | null;
  readonly dropAfterCommit: boolean;
  readonly commitDelayMs: number;
  readonly proxyStatus: 404 | 502 | null;
  readonly onHeld: (() => void) | null;
  readonly release: Promise<void> | null;
}

export const requestFaultSchema = z.strictObject({
  method: z.string().trim().regex(/^[A-Za-z]+$/).optional(),
  path: z.string().max(500).optional(),
  /** A regular expression source, for other processes that cannot send a RegExp. */
  pathRegex: z.string().max(500).optional(),
  times: z.union([z.number().int().min(1), z.literal('always')]).optional(),
  latencyMs: z.number().int().min(0).max(600_000).optional(),
  status: z.union([z.literal(429), z.literal(500), z.literal(503)]).optional(),
  dropAfterCommit: z.boolean().optional(),
  commitDelayMs: z.number().int().min(0).max(600_000).optional(),
  proxyStatus: z.union([z.literal(404), z.literal(502)]).optional(),
});

export const webhookFaultSchema = z.strictObject({
  paused: z.boolean().optional(),
  duplicate: z.boolean().optional(),
  reorder: z.boolean().optional(),
  delayMs: z.number().int().min(0).max(86_400_000).optional(),
});

export class FaultRegistry {
  private faults: ActiveFault[] = [];

  inject(f: RequestFault): void {
    const times = f.times ?? 1;
    if (!(times >= 1)) throw new RangeError('faults.inject: times must be >= 1 (or Infinity)');
    if (f.latencyMs !== undefined && !(f.latencyMs >= 0)) throw new RangeError('faults.inject: latencyMs must be >= 0');
    this.faults.push({
      method: f.method ? f.method.toUpperCase() : null,
      path: f.path ?? null,
      remaining: times,
      latencyMs: f.latencyMs ?? 0,
      status: f.status ?? null,
      dropAfterCommit: f.dropAfterCommit ?? false,
      commitDelayMs: f.commitDelayMs ?? 0,
      proxyStatus: f.proxyStatus ?? null,
      onHeld: f.onHeld ?? null,
      release: f.release ?? null,
    });
  }

  clear(): void {
    this.faults = [];
  }

  /** Consumes one use of the first fault matching this request. */
  take(method: string, path: string): MatchedFault | null {
    const fault = this.faults.find((f) => matches(f, method, path));
    if (!fault) return null;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults = this.faults.filter((f) => f !== fault);
    return { latencyMs: fault.latencyMs, status: fault.status, dropAfterCommit: fault.dropAfterCommit, commitDelayMs: fault.commitDelayMs, proxyStatus: fault.proxyStatus, onHeld: fault.onHeld, release: fault.release };
  }
}

function matches(f: ActiveFault, method: string, path: string): boolean {
  if (f.method && f.method !== method.toUpperCase()) return false;
  if (f.path === null) return true;
  if (typeof f.path === 'string') return path.startsWith(f.path);
  f.path.lastIndex = 0;
  return f.path.test(path);
}
