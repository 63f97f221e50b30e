// The offline Opn test-mode sandbox: startSandbox() serves the REST API, the authorize page, signed webhooks,
// a controllable clock and fault injection on a real HTTP server. `npm run sandbox` wraps it (cli.ts).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import type { z } from 'zod';
import { COUNTRY_RULES, type Country } from '../shared';
import type { OpnCharge } from '../shared';
import { Clock } from './clock';
import { ApiError } from './errors';
import type { RequestFault } from './faults';
import { FaultRegistry } from './faults';
import { createPipeline, type PageFraming } from './http/server';
import { IdempotencyCache } from './idempotency';
import { DEFAULT_PUBLIC_KEY, DEFAULT_RETRY_SCHEDULE_MS, DEFAULT_SECRET_KEY, sandboxOptionsSchema } from './options';
import { apiRoutes } from './routes/api';
import { authorizeRoutes } from './routes/authorize';
import { walletRoutes } from './routes/wallet';
import { controlRoutes } from './routes/control';
import type { AccountConfig, Context } from './state/context';
import { createCharge, getCharge } from './state/charges';
import type { Outcome } from './state/lifecycle';
import { completeCharge } from './state/lifecycle';
import { serializeCharge } from './state/serialize';
import { Store } from './state/store';
import type { WebhookFaults } from './webhooks/dispatcher';
import { WebhookDispatcher } from './webhooks/dispatcher';
import { generateWebhookSecret } from './webhooks/signer';
import type { ApiVersion } from './shape';
import { shapeAnswer } from './shape';

export { DEFAULT_PUBLIC_KEY, DEFAULT_SECRET_KEY } from './options';
export { signWebhook } from './webhooks/signer';
export type { RequestFault } from './faults';
export { API_VERSIONS } from './shape';
export type { ApiVersion } from './shape';
export type { WebhookFaults } from './webhooks/dispatcher';

export interface SandboxOptions {
  /** Bind address; default '127.0.0.1'. A LAN address or 0.0.0.0 only to let a phone open the authorize page. */
  host?: string;
  /** Default 0: a free port. */
  port?: number;
  /** Account country: currency SGD or THB and its amount limits. Default 'SG'. */
  country?: Country;
  publicKey?: string;
  secretKey?: string;
  /** Base64 webhook secret; default generated. */
  webhookSecret?: string;
  /** During a rotation: deliveries carry a second signature made with this secret. */
  previousWebhookSecret?: string;
  /** Account-level webhook endpoints (charges may add their own webhook_endpoints). */
  webhookEndpoints?: string[];
  /** Idempotency-Key replay for 24 h; default FALSE: Opn's support for the header is unverified upstream. */
  idempotency?: boolean;
  /** Accept http://localhost and http://127.0.0.1 return_uri (the demo uses it). */
  allowInsecureReturnUri?: boolean;
  /** Default 2.9. */
  feeRatePercent?: number;
  /** Default 0. */
  vatRatePercent?: number;
  /** Base URL used in authorize_uri; default the bound address (first LAN IPv4 when bound to 0.0.0.0). */
  publicBaseUrl?: string;
  /** Initial clock time; default real now. */
  startTime?: Date;
  /** The clock moves only on advance() (tests that compare times); default false: it runs in real time. */
  frozenClock?: boolean;
  /** Delay before attempt i of a webhook delivery; default [0, 1000, 5000, 30000]. */
  webhookRetryScheduleMs?: number[];
  /** No request logging. */
  quiet?: boolean;
  /** Shown on the authorize page; default 'Sandbox Shop'. */
  merchantName?: string;
  /** Lifetime of a pending charge created without expires_at; default 7 days. */
  chargeTtlMs?: number;
  /** Daily void cut-off; default 00:15 at UTC+8 (the guide); null: refunds are never voids. */
  voidCutoff?: { hour: number; minute: number; utcOffsetMinutes: number } | null;
  /** Per-attempt webhook timeout; default 10 000 ms. */
  webhookTimeoutMs?: number;
  /** How long the `reorder` webhook fault holds a lone delivery; default 1000 ms. */
  webhookReorderHoldMs?: number;
  /** Where request log lines go when not quiet; default stderr. Lines never contain keys or bodies. */
  log?: (line: string) => void;
  /** The account's API version; events are serialised in it. Default '2019-05-29'. */
  apiVersion?: ApiVersion;
  /** Ignore the requested expires_at (answer created + 7 days). Default false. */
  ignoreExpiresAt?: boolean;
  /** Dotted paths removed from every charge answer (imitates recorded answers lacking fields). */
  omitFields?: string[];
  /** Webhook retries keep the first attempt's Omise-Signature-Timestamp (undocumented upstream). Default false: re-signed now. */
  retryKeepsFirstTimestamp?: boolean;
  /**
   * Accept `capture=false` (authorize now, capture later) for KakaoPay. Default false: refused with 400
   * `bad_request`, as Opn's Charges API documents `capture` for card charges only.
   */
  allowManualCapture?: boolean;
}

// The interface above is what callers read; the zod schema validates it. This line fails to compile if they drift.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const optionsInSync: Same<Required<z.input<typeof sandboxOptionsSchema>>, Required<SandboxOptions>> = true;
void optionsInSync;

export interface Sandbox {
  readonly baseUrl: string;
  /** Base of authorize_uri (differs from baseUrl when bound for the LAN or given publicBaseUrl). */
  readonly publicBaseUrl: string;
  readonly publicKey: string;
  readonly secretKey: string;
  readonly webhookSecret: string;
  readonly clock: { now(): Date; advance(ms: number): Promise<void> };
  readonly faults: {
    inject(f: RequestFault): void;
    webhooks(w: Partial<WebhookFaults>): void;
    clear(): void;
  };
  setWebhookEndpoints(urls: readonly string[]): void;
  /** 'deny': the pages answer X-Frame-Options: DENY and frame-ancestors 'none' (a checkout that refuses frames). */
  setFraming(mode: PageFraming): void;
  /** What the authorize page's buttons do: complete a pending charge. */
  completeCharge(chargeId: string, outcome: Outcome): Promise<OpnCharge>;
  /** What POST /charges does with these (form-decoded) parameters, in-process: a bench seeds 63,000 charges. */
  createCharge(params: Readonly<Record<string, unknown>>): Promise<OpnCharge>;
  /** All charges, for assertions in tests (e.g. "exactly one charge carries this sale_id"). */
  charges(): OpnCharge[];
  stop(): Promise<void>;
}

function firstLanIPv4(): string | null {
  for (const list of Object.values(networkInterfaces())) {
    for (const info of list ?? []) if (info.family === 'IPv4' && !info.internal) return info.address;
  }
  return null;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const opts = sandboxOptionsSchema.parse(options);
  const country = opts.country ?? 'SG';
  const publicKey = opts.publicKey ?? DEFAULT_PUBLIC_KEY;
  const secretKey = opts.secretKey ?? DEFAULT_SECRET_KEY;
  if (publicKey === secretKey) throw new Error('sandbox: public and secret keys must differ');
  const webhookSecret = opts.webhookSecret ?? generateWebhookSecret();
  const clock = new Clock(opts.startTime, { frozen: opts.frozenClock === true });
  const store = new Store();
  const account: AccountConfig = {
    country,
    currency: COUNTRY_RULES[country].currency,
    feeRatePercent: opts.feeRatePercent ?? 2.9,
    vatRatePercent: opts.vatRatePercent ?? 0,
    allowInsecureReturnUri: opts.allowInsecureReturnUri ?? false,
    chargeTtlMs: opts.chargeTtlMs ?? 7 * 86_400_000,
    voidCutoff: opts.voidCutoff === undefined ? { hour: 0, minute: 15, utcOffsetMinutes: 480 } : opts.voidCutoff,
    publicBaseUrl: '',
    ignoreExpiresAt: opts.ignoreExpiresAt ?? false,
    allowManualCapture: opts.allowManualCapture === true,
  };
  const apiVersion = opts.apiVersion ?? '2019-05-29';
  const omitFields = opts.omitFields ?? [];
  const webhooks = new WebhookDispatcher(clock, store, {
    secret: webhookSecret,
    previousSecret: opts.previousWebhookSecret,
    endpoints: [...(opts.webhookEndpoints ?? [])],
    retryScheduleMs: opts.webhookRetryScheduleMs ?? DEFAULT_RETRY_SCHEDULE_MS,
    timeoutMs: opts.webhookTimeoutMs ?? 10_000,
    reorderHoldMs: opts.webhookReorderHoldMs ?? 1000,
    apiVersion,
    retryKeepsFirstTimestamp: opts.retryKeepsFirstTimestamp === true,
  });
  const ctx: Context = { store, clock, account, onEvent: (e) => webhooks.onEvent(e) };
  const faults = new FaultRegistry();
  const log = opts.quiet ? null : (opts.log ?? ((line: string) => void process.stderr.write(`sandbox: ${line}\n`)));

  let framing: PageFraming = 'loopback';
  const server = http.createServer(
    createPipeline({
      routes: [...apiRoutes(ctx), ...authorizeRoutes(ctx, opts.merchantName ?? 'Sandbox Shop'), ...walletRoutes(ctx, opts.merchantName ?? 'Sandbox Shop'), ...controlRoutes(ctx, faults, webhooks)],
      faults,
      idempotency: opts.idempotency === true ? new IdempotencyCache(() => clock.nowMs()) : null,
      shape: (body, path) => shapeAnswer(body, path, { apiVersion, omitFields }),
      keys: { publicKey, secretKey },
      log,
      framing: () => framing,
    }),
  );
  // Idle keep-alive sockets outlive every client's own idle timeout (undici 4 s, Node's agent 5 s), so a
  // client never reuses a socket the sandbox is closing at that moment (a spurious ECONNRESET).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const wildcard = host === '0.0.0.0' || host === '::';
  const urlHost = wildcard ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const baseUrl = `http://${urlHost}:${port}`;
  // Bound to every interface: a phone on the LAN reaches the authorize page at the first LAN IPv4 address.
  const lan = wildcard ? firstLanIPv4() : null;
  account.publicBaseUrl = (opts.publicBaseUrl ?? (lan ? `http://${lan}:${port}` : baseUrl)).replace(/\/+$/, '');

  let stopped: Promise<void> | null = null;
  return {
    baseUrl,
    publicBaseUrl: account.publicBaseUrl,
    publicKey,
    secretKey,
    webhookSecret,
    clock: { now: () => clock.now(), advance: (ms) => clock.advance(ms) },
    faults: {
      inject: (f) => faults.inject(f),
      webhooks: (w) => webhooks.setFaults(w),
      clear: () => {
        faults.clear();
        webhooks.clearFaults();
      },
    },
    setFraming: (mode) => {
      framing = mode;
    },
    setWebhookEndpoints: (urls) => {
      webhooks.config.endpoints = [...urls];
    },
    completeCharge: (chargeId, outcome) => {
      try {
        const charge = completeCharge(ctx, getCharge(ctx, chargeId), outcome);
        return Promise.resolve(serializeCharge(charge, store, clock.nowMs()));
      } catch (err) {
        return Promise.reject(err instanceof ApiError ? new Error(`${err.code}: ${err.message}`) : (err as Error));
      }
    },
    createCharge: (params) => {
      try {
        return Promise.resolve(serializeCharge(createCharge(ctx, params), store, clock.nowMs()));
      } catch (err) {
        return Promise.reject(err instanceof ApiError ? new Error(`${err.code}: ${err.message}`) : (err as Error));
      }
    },
    charges: () => [...store.charges.values()].map((c) => serializeCharge(c, store, clock.nowMs())),
    stop: () => {
      stopped ??= new Promise<void>((resolve) => {
        clock.stop();
        webhooks.stop();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return stopped;
    },
  };
}
