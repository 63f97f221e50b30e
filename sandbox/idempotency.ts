// Idempotency-Key on POST/PATCH/DELETE: the first response (status and body) is replayed for 24 hours of
// sandbox clock. Upstream support is unverified (reference §4), so a flag turns it off.
import { createHash } from 'node:crypto';

export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;

interface Entry {
  readonly fingerprint: string;
  readonly status: number;
  readonly body: string;
  readonly expiresAt: number;
}

export type Lookup = { kind: 'miss' } | { kind: 'replay'; status: number; body: string } | { kind: 'mismatch' };

export class IdempotencyCache {
  private readonly entries = new Map<string, Entry>();
  private readonly inFlight = new Map<string, Promise<void>>();

  constructor(private readonly now: () => number) {}

  static fingerprint(method: string, path: string, rawBody: Buffer): string {
    return createHash('sha256').update(method).update('\0').update(path).update('\0').update(rawBody).digest('hex');
  }

  // Keys are scoped by the API key so two accounts' keys never collide; the API key is hashed, not kept.
  static scope(apiKey: string, idempotencyKey: string): string {
    return `${createHash('sha256').update(apiKey).digest('hex')}:${idempotencyKey}`;
  }

  /** Serialises requests sharing a key; resolves with the function that lets the next one in. */
  async acquire(scope: string): Promise<() => void> {
    for (;;) {
      const busy = this.inFlight.get(scope);
      if (!busy) break;
      await busy;
    }
    let release!: () => void;
    const done = new Promise<void>((r) => (release = r));
    this.inFlight.set(scope, done);
    return () => {
      if (this.inFlight.get(scope) === done) this.inFlight.delete(scope);
      release();
    };
  }

  lookup(scope: string, fingerprint: string): Lookup {
    const entry = this.entries.get(scope);
    if (!entry) return { kind: 'miss' };
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(scope);
      return { kind: 'miss' };
    }
    if (entry.fingerprint !== fingerprint) return { kind: 'mismatch' };
    return { kind: 'replay', status: entry.status, body: entry.body };
  }

  store(scope: string, fingerprint: string, status: number, body: string): void {
    this.entries.set(scope, { fingerprint, status, body, expiresAt: this.now() + IDEMPOTENCY_TTL_MS });
  }
}
