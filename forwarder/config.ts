// Configuration of `npm run forwarder`: environment variables, overridden by --port / --host / --data
// (and --allow-unsigned).
// Validated with zod; a bad value is a clear error and exit code 2. Secrets never appear in messages.
import { resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError, weakSecretMessage } from './errors';
import type { ForwarderOptions } from './index';
import * as L from './limits';
import { isStrongWebhookSecret, MIN_WEBHOOK_SECRET_BYTES } from './signature';
import { parseTrustedProxies } from './client-address';
import { DEFAULT_MASTER_NAME, DEFAULT_REPLICA_WAIT_MS, parseSentinels } from './store/redis-link';
import { parseArgs } from 'node:util';

export { ConfigError } from './errors';

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();
const flag = z.enum(['0', '1', 'true', 'false']).optional();
const on = (v: string | undefined): boolean => v === '1' || v === 'true';

export const envSchema = z.object({
  FORWARDER_PORT: port.default(8787),
  FORWARDER_HOST: z.string().min(1).default('127.0.0.1'),
  FORWARDER_DATA_DIR: z.string().min(1).default('.data/forwarder'),
  FORWARDER_STORE: z.enum(['sqlite', 'redis']).default('sqlite'),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://').optional(),
  FORWARDER_REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9:_-]{1,64}$/).default('fwd'),
  REDIS_SENTINELS: z.string().transform((v, ctx) => {
    try {
      return parseSentinels(v);
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: `must be host:port,host:port (${err instanceof Error ? err.message : 'invalid'})` });
      return z.NEVER;
    }
  }).optional(),
  REDIS_SENTINEL_MASTER: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/).default(DEFAULT_MASTER_NAME),
  REDIS_SENTINEL_PASSWORD: z.string().min(1).max(512).optional(),
  REDIS_PASSWORD: z.string().min(1).max(512).optional(),
  FORWARDER_REDIS_MIN_REPLICAS: z.coerce.number().int().min(0).max(16).optional(),
  FORWARDER_REDIS_WAIT_MS: positiveInt.max(60_000).default(DEFAULT_REPLICA_WAIT_MS),
  FORWARDER_WEBHOOK_PATH: z.string().regex(/^\/[A-Za-z0-9/_.-]{0,200}$/, 'must be an absolute path like /webhooks/opn').default('/webhooks/opn'),
  OPN_WEBHOOK_SECRET: z.string().regex(/^[A-Za-z0-9+/=_-]{8,}$/, 'must be the base64 secret from the Opn dashboard').optional(),
  OPN_WEBHOOK_SECRET_PREVIOUS: z.string().regex(/^[A-Za-z0-9+/=_-]{8,}$/, 'must be base64').optional(),
  FORWARDER_SIGNATURE_TOLERANCE_SEC: positiveInt.default(300),
  FORWARDER_MAX_WEBHOOK_AGE_SEC: positiveInt.max(6 * 24 * 3600).default(L.MAX_WEBHOOK_AGE_SEC),
  FORWARDER_HEARTBEAT_MS: positiveInt.optional(),
  FORWARDER_MAX_IN_FLIGHT: positiveInt.max(10_000).default(64),
  FORWARDER_QUIET: flag,
  FORWARDER_ALLOW_UNSIGNED: flag,
  FORWARDER_METRICS_PORT: port.default(0),
  FORWARDER_METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  FORWARDER_METRICS_TOKEN: z.string().regex(/^[A-Za-z0-9_\-.~+/=]{16,200}$/, 'must be 16 to 200 characters of [A-Za-z0-9_-.~+/=]').optional(),
  FORWARDER_HEADERS_TIMEOUT_MS: positiveInt.max(120_000).default(L.HEADERS_TIMEOUT_MS),
  FORWARDER_REQUEST_TIMEOUT_MS: positiveInt.max(300_000).default(L.REQUEST_TIMEOUT_MS),
  FORWARDER_MAX_CONNECTIONS: positiveInt.max(1_000_000).default(L.MAX_CONNECTIONS),
  FORWARDER_MAX_PENDING_WEBHOOKS_PER_IP: positiveInt.max(100_000).default(L.MAX_PENDING_WEBHOOKS_PER_IP),
  FORWARDER_MAX_PENDING_UPGRADES_PER_IP: positiveInt.max(100_000).default(L.MAX_PENDING_UPGRADES_PER_IP),
  FORWARDER_MAX_PENDING_WEBHOOKS: positiveInt.max(1_000_000).default(L.MAX_PENDING_WEBHOOKS),
  FORWARDER_MAX_CONNECTIONS_PER_IP: positiveInt.max(1_000_000).default(L.MAX_CONNECTIONS_PER_IP),
  FORWARDER_MAX_IDLE_PER_IP: positiveInt.max(1_000_000).default(L.MAX_IDLE_PER_IP),
  FORWARDER_TRUST_PROXY: z.string().max(2000).optional(),
  FORWARDER_DEAD_LETTER_RETENTION_HOURS: positiveInt.max(24 * 365).default(L.DEAD_LETTER_RETENTION_MS / 3_600_000),
  FORWARDER_DEAD_LETTER_MAX: positiveInt.max(10_000_000).default(L.DEAD_LETTER_MAX),
  FORWARDER_GROUP_COMMIT_MS: z.coerce.number().min(0).max(50).default(L.GROUP_COMMIT_WINDOW_MS),
  FORWARDER_SQLITE_LONE_COMMITS: flag,
  FORWARDER_CHARGE_ROUTE_RETENTION_DAYS: positiveInt.max(3650).default(L.CHARGE_ROUTE_RETENTION_MS / 86_400_000),
});

const flagsSchema = z.object({
  port: port.optional(),
  host: z.string().min(1).optional(),
  data: z.string().min(1).optional(),
  terminal: z.string().optional(),
  allowUnsigned: z.boolean().optional(),
});
export type Flags = z.infer<typeof flagsSchema>;

function explain(err: z.ZodError): string {
  return err.issues.map((i) => `${i.path.join('.') || '(input)'}: ${i.message}`).join('; ');
}

/** Splits argv into positional words and --flag value pairs (also --flag=value). */
const FLAG_OPTIONS = { port: { type: 'string' }, host: { type: 'string' }, data: { type: 'string' }, terminal: { type: 'string' }, 'allow-unsigned': { type: 'boolean' } } as const;

/** `forwarder [words…] [--port p] [--host h] [--data dir] [--terminal t] [--allow-unsigned]` (node:util parseArgs). */
export function parseArgv(argv: readonly string[]): { words: string[]; flags: Flags } {
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; options: typeof FLAG_OPTIONS; allowPositionals: true; strict: true }>>;
  try {
    parsed = parseArgs({ args: [...argv], options: FLAG_OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    const flag = /'(--?[^' ]{1,40})/.exec(err instanceof Error ? err.message : '')?.[1] ?? 'a flag';
    throw new ConfigError(code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' ? `${flag} needs a value` : `unknown flag ${flag}`);
  }
  const { 'allow-unsigned': allowUnsigned, ...named } = parsed.values;
  const raw: Record<string, string | boolean> = Object.fromEntries(Object.entries(named).filter(([, v]) => v !== undefined));
  if (allowUnsigned) raw.allowUnsigned = true;
  const flags = flagsSchema.safeParse(raw);
  if (!flags.success) throw new ConfigError(`bad flag: ${explain(flags.error)}`);
  return { words: parsed.positionals, flags: flags.data };
}

export function loadConfig(env: NodeJS.ProcessEnv, flags: Flags): ForwarderOptions {
  const parsed = envSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([k, v]) => k in envSchema.shape && v !== '')));
  if (!parsed.success) throw new ConfigError(`bad environment: ${explain(parsed.error)}`);
  const e = parsed.data;
  if (e.FORWARDER_STORE === 'redis' && !e.REDIS_URL && !e.REDIS_SENTINELS?.length) throw new ConfigError('bad environment: FORWARDER_STORE=redis needs REDIS_URL or REDIS_SENTINELS');
  for (const name of ['OPN_WEBHOOK_SECRET', 'OPN_WEBHOOK_SECRET_PREVIOUS'] as const) {
    const value = e[name];
    if (value !== undefined && !isStrongWebhookSecret(value)) throw new ConfigError(weakSecretMessage(name, MIN_WEBHOOK_SECRET_BYTES), 'weak_webhook_secret');
  }
  try {
    parseTrustedProxies(e.FORWARDER_TRUST_PROXY);
  } catch (err) {
    throw new ConfigError(`bad environment: FORWARDER_TRUST_PROXY: ${(err as Error).message} (addresses or CIDRs, comma-separated)`);
  }
  if (e.FORWARDER_HEADERS_TIMEOUT_MS > e.FORWARDER_REQUEST_TIMEOUT_MS) throw new ConfigError('bad environment: FORWARDER_HEADERS_TIMEOUT_MS must not exceed FORWARDER_REQUEST_TIMEOUT_MS');
  return {
    host: flags.host ?? e.FORWARDER_HOST,
    port: flags.port ?? e.FORWARDER_PORT,
    dataDir: resolve(flags.data ?? e.FORWARDER_DATA_DIR),
    store: e.FORWARDER_STORE,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.FORWARDER_REDIS_PREFIX,
    redisSentinels: e.REDIS_SENTINELS,
    redisMasterName: e.REDIS_SENTINEL_MASTER,
    redisSentinelPassword: e.REDIS_SENTINEL_PASSWORD,
    redisPassword: e.REDIS_PASSWORD,
    redisMinReplicas: e.FORWARDER_REDIS_MIN_REPLICAS,
    redisReplicaWaitMs: e.FORWARDER_REDIS_WAIT_MS,
    webhookPath: e.FORWARDER_WEBHOOK_PATH,
    webhookSecret: e.OPN_WEBHOOK_SECRET,
    previousWebhookSecret: e.OPN_WEBHOOK_SECRET_PREVIOUS,
    signatureToleranceSec: e.FORWARDER_SIGNATURE_TOLERANCE_SEC,
    maxWebhookAgeSec: e.FORWARDER_MAX_WEBHOOK_AGE_SEC,
    heartbeatMs: e.FORWARDER_HEARTBEAT_MS,
    maxInFlight: e.FORWARDER_MAX_IN_FLIGHT,
    quiet: on(e.FORWARDER_QUIET),
    allowUnsigned: flags.allowUnsigned === true || on(e.FORWARDER_ALLOW_UNSIGNED),
    metricsPort: e.FORWARDER_METRICS_PORT,
    metricsHost: e.FORWARDER_METRICS_HOST,
    metricsToken: e.FORWARDER_METRICS_TOKEN,
    headersTimeoutMs: e.FORWARDER_HEADERS_TIMEOUT_MS,
    requestTimeoutMs: e.FORWARDER_REQUEST_TIMEOUT_MS,
    maxConnections: e.FORWARDER_MAX_CONNECTIONS,
    maxPendingWebhooksPerIp: e.FORWARDER_MAX_PENDING_WEBHOOKS_PER_IP,
    maxPendingUpgradesPerIp: e.FORWARDER_MAX_PENDING_UPGRADES_PER_IP,
    maxPendingWebhooks: e.FORWARDER_MAX_PENDING_WEBHOOKS,
    maxConnectionsPerIp: e.FORWARDER_MAX_CONNECTIONS_PER_IP,
    maxIdlePerIp: e.FORWARDER_MAX_IDLE_PER_IP,
    trustProxy: e.FORWARDER_TRUST_PROXY,
    deadLetterRetentionMs: e.FORWARDER_DEAD_LETTER_RETENTION_HOURS * 3_600_000,
    deadLetterMax: e.FORWARDER_DEAD_LETTER_MAX,
    groupCommitMs: e.FORWARDER_GROUP_COMMIT_MS,
    sqliteLoneCommits: e.FORWARDER_SQLITE_LONE_COMMITS === undefined ? undefined : on(e.FORWARDER_SQLITE_LONE_COMMITS),
    chargeRouteRetentionMs: e.FORWARDER_CHARGE_ROUTE_RETENTION_DAYS * 86_400_000,
  };
}
