// How the Redis store reaches Redis: one URL, or a Sentinel set that names the current primary (ioredis
// asks the sentinels again after a failover, so no restart is needed). And the replica gate: a write is
// only reported durable once the primary has it on disk and at least `minReplicas` replicas have it
// (WAITAOF where the server has it, Redis ≥ 7.2; else WAIT). Redis replication is asynchronous, so
// without the gate a webhook answered 2xx could vanish at a failover, and Opn would not send it again.
import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import type { RedisOptions } from 'ioredis';

export interface SentinelAddress {
  readonly host: string;
  readonly port: number;
}

export interface RedisTarget {
  /** redis:// or rediss:// URL of a single Redis (ignored when sentinels are given) */
  readonly url?: string;
  /** Sentinel addresses; the primary is the one they name for `masterName` */
  readonly sentinels?: readonly SentinelAddress[];
  readonly masterName?: string;
  /** password of the sentinels (`requirepass` in sentinel.conf) */
  readonly sentinelPassword?: string;
  /** password of the Redis primary and replicas (`requirepass`); overrides one in the URL */
  readonly password?: string;
  /** replicas that must have each write before it counts as durable; default 1 with sentinels, else 0 */
  readonly minReplicas?: number;
  /** how long a write waits for them before it fails (the webhook then gets a 5xx); default 1000 ms */
  readonly replicaWaitMs?: number;
}

export const DEFAULT_MASTER_NAME = 'forwarder';
export const DEFAULT_REPLICA_WAIT_MS = 1000;

/** "host:port,host:port" → addresses; throws on a malformed entry. */
export function parseSentinels(list: string): SentinelAddress[] {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map((entry) => {
      const m = /^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/.exec(entry);
      const port = Number(m?.[2]);
      if (!m?.[1] || !(port > 0 && port < 65536)) throw new Error(`"${entry}" is not host:port`);
      return { host: m[1].replace(/^\[|\]$/g, ''), port };
    });
}

export function describeTarget(t: RedisTarget): string {
  return t.sentinels?.length ? `sentinel ${t.masterName ?? DEFAULT_MASTER_NAME} via ${t.sentinels.map((s) => `${s.host}:${s.port}`).join(',')}` : 'url';
}

/** How long a client that ioredis ended on its own waits before connecting again. */
const REVIVE_MS = 200;
/** Clients ended on purpose (closeRedisClient): not connected again. */
const closing = new WeakSet<Redis>();

/**
 * ioredis ends a client for good (status "end": every later command fails with "Connection is closed.")
 * when its connector's connect is cancelled while under way. With Sentinel that happens at a failover:
 * the failover detector of the connection that died stays subscribed to +switch-master, and when the
 * message comes while the client is reconnecting (waiting on a sentinel for the primary's address) it
 * cancels that connect (issue 22: one instance's reader ended, its upgrades got 503 and its terminals
 * nothing more; test/forwarder/sentinel-client-end.test.ts). A client that ends without our close is
 * connected again: it holds no state a new connection lacks (a subscriber resubscribes on ready).
 */
function keepConnected(client: Redis): Redis {
  client.on('end', () => {
    if (closing.has(client)) return;
    setTimeout(() => {
      if (client.status === 'end' && !closing.has(client)) client.connect().catch(() => undefined); // ends again: tried again
    }, REVIVE_MS).unref();
  });
  return client;
}

/** Ends a client made by redisClient for good: QUIT (pending replies come first), else a disconnect. */
export async function closeRedisClient(client: Redis, now = false): Promise<void> {
  closing.add(client);
  if (now) client.disconnect();
  else await client.quit().catch(() => client.disconnect());
}

/** A client of the current primary. `extra` tunes retries per role (writer, reader, subscriber). */
export function redisClient(t: RedisTarget, extra: RedisOptions = {}): Redis {
  const common: RedisOptions = {
    lazyConnect: true,
    ...(t.password ? { password: t.password } : {}),
    // A client left on a primary that was turned into a replica reconnects (through the sentinels)
    // instead of failing every write with READONLY.
    reconnectOnError: (err) => (err.message.startsWith('READONLY') ? 2 : false),
    ...extra,
  };
  if (t.sentinels && t.sentinels.length > 0) {
    return keepConnected(new Redis({
      ...common,
      sentinels: t.sentinels.map((s) => ({ host: s.host, port: s.port })),
      name: t.masterName ?? DEFAULT_MASTER_NAME,
      role: 'master',
      ...(t.sentinelPassword ? { sentinelPassword: t.sentinelPassword } : {}),
      // Listen for +switch-master on the sentinels: move to the new primary at once, not at the next error.
      failoverDetector: true,
      sentinelRetryStrategy: (times) => Math.min(100 * times, 1000),
      retryStrategy: (times) => Math.min(50 * times, 500),
    }));
  }
  if (!t.url) throw new Error('store "redis" needs a URL (REDIS_URL) or sentinels (REDIS_SENTINELS)');
  return keepConnected(new Redis(t.url, common));
}

export class ReplicaTimeout extends Error {
  constructor(got: number, wanted: number, ms: number) {
    super(`only ${got} of ${wanted} Redis replicas acknowledged the write within ${ms} ms`);
  }
}

/**
 * Waits until the writes made so far on `conn` are on the primary's disk and on `minReplicas` replicas.
 * WAIT/WAITAOF cover the connection's own last write, so callers make sure their connection wrote
 * something (the append script does; `touch` below otherwise).
 */
export class ReplicaGate {
  private useWaitAof: boolean | null = null;

  constructor(
    private readonly conn: Redis,
    readonly minReplicas: number,
    private readonly waitMs: number,
    private readonly touchKey: string,
  ) {}

  get enabled(): boolean {
    return this.minReplicas > 0;
  }

  /** A write on this connection, so a following wait() covers every write the primary took before it. */
  async touch(): Promise<void> {
    await this.conn.incr(this.touchKey);
  }

  async wait(): Promise<void> {
    if (!this.enabled) return;
    const n = this.minReplicas;
    if (this.useWaitAof !== false) {
      try {
        // [fsynced locally, replicas that fsynced it]: the primary's disk and n replicas' disks.
        const [local, replicas] = (await this.conn.call('WAITAOF', '1', String(n), String(this.waitMs))) as [number, number];
        this.useWaitAof = true;
        if (local < 1 || replicas < n) throw new ReplicaTimeout(replicas, n, this.waitMs);
        return;
      } catch (err) {
        if (err instanceof ReplicaTimeout) throw err;
        // Redis < 7.2 (unknown command) or appendonly off on the primary: WAIT (replicas have it in memory).
        if (!(err instanceof Error) || !/unknown command|appendonly/i.test(err.message)) throw err;
        this.useWaitAof = false;
      }
    }
    const replicas = Number(await this.conn.wait(n, this.waitMs));
    if (replicas < n) throw new ReplicaTimeout(replicas, n, this.waitMs);
  }

  /** 'WAITAOF' or 'WAIT' once known (after the first wait), else null. */
  get command(): 'WAITAOF' | 'WAIT' | null {
    return this.useWaitAof === null ? null : this.useWaitAof ? 'WAITAOF' : 'WAIT';
  }
}

const shas = new Map<string, string>();
/**
 * EVALSHA with the script's SHA1, falling back to EVAL when the server does not know it yet (first use,
 * a restarted or promoted Redis): the script text (up to a kilobyte) is not sent, nor hashed by Redis,
 * on every call of the hot paths.
 */
export async function evalScript(conn: Redis, script: string, numKeys: number, ...args: (string | number)[]): Promise<unknown> {
  let sha = shas.get(script);
  if (!sha) {
    sha = createHash('sha1').update(script).digest('hex');
    shas.set(script, sha);
  }
  try {
    return await conn.evalsha(sha, numKeys, ...args);
  } catch (err) {
    if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
    return conn.eval(script, numKeys, ...args);
  }
}
