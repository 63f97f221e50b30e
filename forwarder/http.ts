// The forwarder's HTTP servers: the public one (webhooks, /healthz, /terminals upgrades, and /metrics
// only with the metrics bearer token) with its limits, and the metrics listener (loopback by default).
import { timingSafeEqual, createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { TerminalHub } from './hub';
import { handleWebhook } from './intake';
import type { IntakeDeps } from './intake';
import type { Logger } from './log';
import type { Metrics } from './metrics';
import { clientAddress, type TrustedProxies } from './client-address';
import { ConnectionGuard } from './connections';
import { PerIpCap } from './per-ip';
import type { EventStore } from './store/types';

export interface ServerLimits {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  maxConnections: number;
  maxPendingWebhooksPerIp: number;
  maxPendingUpgradesPerIp: number;
  maxPendingWebhooks: number;
  maxConnectionsPerIp: number;
  maxIdlePerIp: number;
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

const sha = (s: string): Buffer => createHash('sha256').update(s).digest();

/** Constant-time check of `Authorization: Bearer <token>`. */
function bearerMatches(req: IncomingMessage, token: string): boolean {
  const m = /^Bearer (\S{1,200})$/.exec(req.headers.authorization ?? '');
  return m?.[1] !== undefined && timingSafeEqual(sha(m[1]), sha(token));
}

/** A scrape must not hang on a stuck store: past this, the backlog is left out and flagged. */
const BACKLOG_READ_MS = 2000;

export function serveMetrics(res: ServerResponse, store: EventStore, metrics: Metrics, hub: TerminalHub, fail: (err: unknown) => void): void {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), BACKLOG_READ_MS)));
  Promise.race([store.backlog(), late])
    .then((backlog) => {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(metrics.render(backlog, hub.inFlight(), store.commits));
    }, fail)
    .finally(() => clearTimeout(timer));
}

export function createPublicServer(o: {
  webhookPath: string; intake: IntakeDeps; hub: TerminalHub; store: EventStore; metrics: Metrics; log: Logger; limits: ServerLimits; metricsToken?: string;
  proxies: TrustedProxies;
}): Server {
  const { metrics, log, hub, store } = o;
  // One client (the real one behind a trusted proxy) holds at most its cap and a quarter of the pool:
  // the rest of the webhook capacity is a share no single client can take, there for Opn.
  const webhooksPerIp = new PerIpCap(o.limits.maxPendingWebhooksPerIp, o.limits.maxPendingWebhooks);
  const upgradesPerIp = new PerIpCap(o.limits.maxPendingUpgradesPerIp);
  const client = (req: IncomingMessage): string => clientAddress(req, o.proxies);
  // connectionsCheckingInterval: how often Node enforces headersTimeout/requestTimeout (default 30 s).
  const server = createServer({
    headersTimeout: o.limits.headersTimeoutMs,
    requestTimeout: o.limits.requestTimeoutMs,
    connectionsCheckingInterval: Math.min(1000, Math.max(50, Math.floor(o.limits.headersTimeoutMs / 4))),
  }, (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const fail = (err: unknown): void => {
      log.error({ err: err instanceof Error ? err.message : String(err) }, 'request failed');
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'internal', message: 'internal error' } }));
    };
    if (path === o.webhookPath) {
      if (req.method !== 'POST') return json(res, 405, { error: { code: 'method_not_allowed', message: 'POST only' } }, { allow: 'POST' });
      const release = webhooksPerIp.take(client(req));
      if (!release) {
        metrics.limit('webhooks_per_ip');
        return json(res, 429, { error: { code: 'too_many_pending', message: 'too many webhook requests in progress from this address' } }, { connection: 'close', 'retry-after': '1' });
      }
      res.once('close', release);
      handleWebhook(req, res, o.intake).catch(fail);
    } else if (path === '/healthz' && req.method === 'GET') {
      json(res, 200, { ok: true, store: store.kind, terminalsConnected: hub.connectedCount });
    } else if (path === '/metrics' && req.method === 'GET' && o.metricsToken !== undefined && bearerMatches(req, o.metricsToken)) {
      serveMetrics(res, store, metrics, hub, fail);
    } else {
      // /metrics without the token is not found either: the public port does not reveal it exists.
      json(res, 404, { error: { code: 'not_found', message: 'not found' } });
    }
  });
  server.maxConnections = o.limits.maxConnections;
  server.keepAliveTimeout = 65_000;
  new ConnectionGuard(o.limits, o.proxies, (what) => metrics.limit(what)).attach(server);
  server.on('upgrade', (req, socket, head) => {
    if ((req.url ?? '').split('?')[0] !== '/terminals') {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const release = upgradesPerIp.take(client(req));
    if (!release) {
      metrics.limit('upgrades_per_ip');
      socket.end('HTTP/1.1 429 Too Many Requests\r\nConnection: close\r\nRetry-After: 1\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    metrics.upgradesAuthenticating++;
    let done = false;
    hub.handleUpgrade(req, socket, head, () => {
      if (done) return;
      done = true;
      metrics.upgradesAuthenticating--;
      release();
    });
  });
  return server;
}

/** GET /metrics (and /healthz) only: meant for loopback or a private network. */
export function createMetricsServer(o: { store: EventStore; metrics: Metrics; hub: TerminalHub; log: Logger }): Server {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/metrics' && req.method === 'GET') {
      serveMetrics(res, o.store, o.metrics, o.hub, (err) => {
        o.log.error({ err: err instanceof Error ? err.message : String(err) }, 'metrics failed');
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    } else if (path === '/healthz' && req.method === 'GET') json(res, 200, { ok: true });
    else json(res, 404, { error: { code: 'not_found', message: 'not found' } });
  });
  server.requestTimeout = 10_000;
  server.headersTimeout = 5_000;
  return server;
}
