// The webhook forwarder: Opn posts webhooks here; each terminal keeps an outbound websocket and
// receives its own events, in order, replayed from its cursor, acknowledged after its commit.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RELAY_DEAD_AFTER_MS, RELAY_HEARTBEAT_MS, terminalIdSchema } from '../shared';
import { TerminalHub } from './hub';
import { DeadLetterJanitor } from './dead-letters';
import { ConfigError, NO_SECRET_MESSAGE, weakSecretMessage } from './errors';
import { parseTrustedProxies, type TrustedProxies } from './client-address';
import { createMetricsServer, createPublicServer } from './http';
import * as L from './limits';
import { createLogger } from './log';
import { Metrics } from './metrics';
import { openStore } from './store/open';
import type { StoreOptions } from './store/open';
import { openChargeRoutes } from './store/charge-routes';
import type { AppendResult, DeadLetter, EventStore } from './store/types';
import { isStrongWebhookSecret, MIN_WEBHOOK_SECRET_BYTES } from './signature';
import { hashToken, newToken } from './tokens';

/** Where events are kept (store, dataDir, redis*) is the store's own option list (store/open.ts). */
export interface ForwarderOptions extends Pick<StoreOptions, 'store' | 'dataDir' | 'redisUrl' | 'redisSentinels' | 'redisMasterName' | 'redisSentinelPassword' | 'redisPassword' | 'redisMinReplicas' | 'redisReplicaWaitMs' | 'redisPrefix' | 'sqliteLoneCommits'> {
  host?: string;
  port?: number;
  webhookPath?: string;
  /** base64 Opn webhook secret; without it the forwarder refuses to start unless allowUnsigned */
  webhookSecret?: string;
  /** the secret being rotated out, also accepted during Opn's 24 h rotation */
  previousWebhookSecret?: string;
  /** accept unsigned webhooks when no secret is set (demo, tests): warned at start and per event */
  allowUnsigned?: boolean;
  signatureToleranceSec?: number;
  /** oldest correctly signed webhook accepted if its event id was never stored (Opn retries); default 3 days */
  maxWebhookAgeSec?: number;
  heartbeatMs?: number;
  /** a link silent this long is dropped; default 3 × heartbeatMs (15 s with the default heartbeat) */
  deadAfterMs?: number;
  /** unacknowledged events on the wire per terminal; default 64 */
  maxInFlight?: number;
  /** largest websocket frame accepted from a terminal; default RELAY_MAX_FRAME_BYTES */
  maxFrameBytes?: number;
  /** how often acknowledged events older than 7 days and old dead letters are deleted; default 1 h */
  pruneIntervalMs?: number;
  /** dead letters older than this are deleted; default 7 days */
  deadLetterRetentionMs?: number;
  /** at most this many dead letters are kept, oldest pruned first; default 10,000 */
  deadLetterMax?: number;
  /** a separate /metrics listener on this port (0: any free port); none when undefined */
  metricsPort?: number;
  metricsHost?: string;
  /** /metrics on the public port only with `Authorization: Bearer <metricsToken>`; never when unset */
  metricsToken?: string;
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
  maxConnections?: number;
  maxPendingWebhooksPerIp?: number;
  maxPendingUpgradesPerIp?: number;
  /** webhook requests in progress from everyone (one client takes at most a quarter); default 1024 */
  maxPendingWebhooks?: number;
  /** HTTP sockets one client holds (websockets once upgraded are not counted); default 256 */
  maxConnectionsPerIp?: number;
  /** idle keep-alive sockets one client holds; its oldest is closed beyond this; default 64 */
  maxIdlePerIp?: number;
  /** reverse proxies whose X-Forwarded-For / Forwarded is believed: "127.0.0.1, 10.0.0.0/8" */
  trustProxy?: string;
  /** how long the terminal of a charge is remembered, to route refunds made at Opn; default 180 days */
  chargeRouteRetentionMs?: number;
  /** appends arriving within this many ms share one durable commit; default 2 */
  groupCommitMs?: number;
  /** clock for signature timestamps and receivedAt (tests) */
  now?: () => number;
  quiet?: boolean;
}

export interface Forwarder {
  readonly url: string;
  readonly wsUrl: string;
  readonly webhookUrl: string;
  /** the separate metrics listener's /metrics URL, when one was asked for */
  readonly metricsUrl: string | null;
  createToken(terminalId: string): Promise<string>;
  revokeToken(terminalId: string): Promise<void>;
  listDeadLetters(): Promise<DeadLetter[]>;
  replayDeadLetter(id: string, terminalId: string): Promise<AppendResult | null>;
  /** events sent and not yet acknowledged, per connected terminal */
  inFlight(): Map<string, number>;
  readonly store: EventStore;
  stop(): Promise<void>;
}

export async function createToken(store: EventStore, terminalId: string): Promise<string> {
  const id = terminalIdSchema.parse(terminalId);
  const token = newToken();
  await store.setTokenHash(id, hashToken(token));
  return token;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

const urlHostOf = (host: string): string => (host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host);

export async function startForwarder(options: ForwarderOptions): Promise<Forwarder> {
  const host = options.host ?? '127.0.0.1';
  const webhookPath = options.webhookPath ?? '/webhooks/opn';
  const heartbeatMs = options.heartbeatMs ?? RELAY_HEARTBEAT_MS;
  const now = options.now ?? Date.now;
  for (const [name, value] of [['webhookSecret', options.webhookSecret], ['previousWebhookSecret', options.previousWebhookSecret]] as const) {
    if (value !== undefined && !isStrongWebhookSecret(value)) throw new ConfigError(weakSecretMessage(name, MIN_WEBHOOK_SECRET_BYTES), 'weak_webhook_secret');
  }
  const secrets = [options.webhookSecret, options.previousWebhookSecret].filter((s): s is string => typeof s === 'string' && s.length > 0);
  if (secrets.length === 0 && options.allowUnsigned !== true) throw new ConfigError(NO_SECRET_MESSAGE, 'no_webhook_secret');
  let proxies: TrustedProxies;
  try {
    proxies = parseTrustedProxies(options.trustProxy);
  } catch (err) {
    throw new ConfigError(`trustProxy: ${(err as Error).message}`);
  }
  const log = createLogger(options.quiet ?? false);
  if (secrets.length === 0) log.warn('NO WEBHOOK SECRET: unsigned webhooks are accepted (--allow-unsigned); anyone who can reach this port can forge events');
  const metrics = new Metrics();
  const onTheWay = { n: 0 };
  const chargeRouteRetentionMs = options.chargeRouteRetentionMs ?? L.CHARGE_ROUTE_RETENTION_MS;
  const store = await openStore({ ...options, chargeRouteRetentionMs, onTheWay: () => onTheWay.n, sqliteWriterThread: true });
  const chargeRoutes = await openChargeRoutes(options).catch(async (err: unknown) => {
    await store.close();
    throw err;
  });
  const weak = await store.durabilityWarning().catch((err: unknown) => `could not check: ${err instanceof Error ? err.message : String(err)}`);
  if (weak) log.warn({ store: store.kind }, `store durability weaker than documented: ${weak}`);
  const hub = new TerminalHub({
    store, metrics, log, heartbeatMs,
    deadAfterMs: options.deadAfterMs ?? (options.heartbeatMs ? 3 * heartbeatMs : RELAY_DEAD_AFTER_MS),
    maxInFlight: options.maxInFlight ?? 64,
    maxFrameBytes: options.maxFrameBytes,
  });
  const janitor = new DeadLetterJanitor({ store, metrics, log, now, retentionMs: options.deadLetterRetentionMs ?? L.DEAD_LETTER_RETENTION_MS, max: options.deadLetterMax ?? L.DEAD_LETTER_MAX });
  const intake = { store, chargeRoutes, metrics, log, secrets, toleranceSec: options.signatureToleranceSec ?? 300, maxAgeSec: options.maxWebhookAgeSec ?? L.MAX_WEBHOOK_AGE_SEC, now, janitor, onTheWay };
  const server = createPublicServer({
    webhookPath, intake, hub, store, metrics, log, metricsToken: options.metricsToken,
    limits: {
      headersTimeoutMs: options.headersTimeoutMs ?? L.HEADERS_TIMEOUT_MS,
      requestTimeoutMs: options.requestTimeoutMs ?? L.REQUEST_TIMEOUT_MS,
      maxConnections: options.maxConnections ?? L.MAX_CONNECTIONS,
      maxPendingWebhooksPerIp: options.maxPendingWebhooksPerIp ?? L.MAX_PENDING_WEBHOOKS_PER_IP,
      maxPendingUpgradesPerIp: options.maxPendingUpgradesPerIp ?? L.MAX_PENDING_UPGRADES_PER_IP,
      maxPendingWebhooks: options.maxPendingWebhooks ?? L.MAX_PENDING_WEBHOOKS,
      maxConnectionsPerIp: options.maxConnectionsPerIp ?? L.MAX_CONNECTIONS_PER_IP,
      maxIdlePerIp: options.maxIdlePerIp ?? L.MAX_IDLE_PER_IP,
    },
    proxies,
  });
  const metricsServer = options.metricsPort === undefined ? null : createMetricsServer({ store, metrics, hub, log });

  let port: number;
  let metricsUrl: string | null = null;
  try {
    port = await listen(server, options.port ?? 0, host);
    if (metricsServer) {
      const mHost = options.metricsHost ?? '127.0.0.1';
      metricsUrl = `http://${urlHostOf(mHost)}:${await listen(metricsServer, options.metricsPort ?? 0, mHost)}/metrics`;
    }
  } catch (err) {
    server.close();
    metricsServer?.close();
    await hub.close();
    await store.close();
    await chargeRoutes.close();
    throw err;
  }
  const url = `http://${urlHostOf(host)}:${port}`;

  const prune = (): void => {
    store.prune(new Date(now() - L.MIN_RETENTION_MS).toISOString()).then(
      (n) => n > 0 && log.info({ pruned: n }, 'pruned acknowledged events past retention'),
      (err: unknown) => log.warn({ err: err instanceof Error ? err.message : String(err) }, 'prune failed'),
    );
    void janitor.prune();
    chargeRoutes.prune(now() - chargeRouteRetentionMs).catch((err: unknown) => log.warn({ err: err instanceof Error ? err.message : String(err) }, 'charge route prune failed'));
  };
  const pruneTimer = setInterval(prune, options.pruneIntervalMs ?? 3_600_000);
  pruneTimer.unref();
  void janitor.prune();

  let stopped: Promise<void> | undefined;
  return {
    url,
    wsUrl: `ws://${urlHostOf(host)}:${port}/terminals`,
    webhookUrl: `${url}${webhookPath}`,
    metricsUrl,
    store,
    createToken: (terminalId) => createToken(store, terminalId),
    revokeToken: async (terminalId) => {
      const id = terminalIdSchema.parse(terminalId);
      await store.revokeToken(id);
      hub.closeTerminal(id, 'revoked', 'the terminal token was revoked');
      await store.publishKick(id, 'revoked', 'revoke');
    },
    listDeadLetters: () => store.listDeadLetters(),
    replayDeadLetter: (id, terminalId) => store.replayDeadLetter(id, terminalIdSchema.parse(terminalId)),
    inFlight: () => hub.inFlight(),
    stop: () => {
      stopped ??= (async () => {
        clearInterval(pruneTimer);
        await hub.close();
        server.closeAllConnections();
        metricsServer?.closeAllConnections();
        await Promise.all([server, metricsServer].map((s) => new Promise<void>((resolve) => (s ? s.close(() => resolve()) : resolve()))));
        await store.close();
        await chargeRoutes.close();
      })();
      return stopped;
    },
  };
}
