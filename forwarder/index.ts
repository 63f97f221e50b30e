// The webhook forwarder: Opn posts webhooks here; each terminal keeps an outbound websocket and
// receives its own events, in order, replayed from its cursor, acknowledged after its commit.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RELAY_DEAD_AFTER_MS, RELAY_HEARTBEAT_MS, terminalIdSchema } from '../shared/relay';
import { TerminalHub } from './hub';
import { handleWebhook } from './intake';
import { MIN_RETENTION_MS } from './limits';
import { createLogger } from './log';
import { Metrics } from './metrics';
import { openStore } from './store/open';
import type { AppendResult, DeadLetter, EventStore } from './store/types';
import { hashToken, newToken } from './tokens';

export interface ForwarderOptions {
  host?: string;
  port?: number;
  dataDir?: string;
  store?: 'sqlite' | 'redis';
  redisUrl?: string;
  redisPrefix?: string;
  webhookPath?: string;
  /** base64 Opn webhook secret; when unset, events are accepted as 'unsigned' */
  webhookSecret?: string;
  /** the secret being rotated out, also accepted during Opn's 24 h rotation */
  previousWebhookSecret?: string;
  signatureToleranceSec?: number;
  heartbeatMs?: number;
  /** a link silent this long is dropped; default 3 × heartbeatMs (15 s with the default heartbeat) */
  deadAfterMs?: number;
  /** unacknowledged events on the wire per terminal; default 64 */
  maxInFlight?: number;
  /** largest websocket frame accepted from a terminal; default RELAY_MAX_FRAME_BYTES */
  maxFrameBytes?: number;
  /** how often acknowledged events older than 7 days are deleted; default 1 h */
  pruneIntervalMs?: number;
  /** clock for signature timestamps and receivedAt (tests) */
  now?: () => number;
  quiet?: boolean;
}

export interface Forwarder {
  readonly url: string;
  readonly wsUrl: string;
  readonly webhookUrl: string;
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

export async function startForwarder(options: ForwarderOptions): Promise<Forwarder> {
  const host = options.host ?? '127.0.0.1';
  const webhookPath = options.webhookPath ?? '/webhooks/opn';
  const heartbeatMs = options.heartbeatMs ?? RELAY_HEARTBEAT_MS;
  const now = options.now ?? Date.now;
  const log = createLogger(options.quiet ?? false);
  const metrics = new Metrics();
  const store = await openStore(options);
  const hub = new TerminalHub({
    store, metrics, log, heartbeatMs,
    deadAfterMs: options.deadAfterMs ?? (options.heartbeatMs ? 3 * heartbeatMs : RELAY_DEAD_AFTER_MS),
    maxInFlight: options.maxInFlight ?? 64,
    maxFrameBytes: options.maxFrameBytes,
  });
  const secrets = [options.webhookSecret, options.previousWebhookSecret].filter((s): s is string => typeof s === 'string' && s.length > 0);
  const intakeDeps = { store, metrics, log, secrets, toleranceSec: options.signatureToleranceSec ?? 300, now };

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const fail = (err: unknown): void => {
      log.error({ err: err instanceof Error ? err.message : String(err) }, 'request failed');
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'internal', message: 'internal error' } }));
    };
    if (path === webhookPath) {
      if (req.method !== 'POST') {
        res.writeHead(405, { allow: 'POST', 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'method_not_allowed', message: 'POST only' } }));
        return;
      }
      handleWebhook(req, res, intakeDeps).catch(fail);
    } else if (path === '/healthz' && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, store: store.kind, terminalsConnected: hub.connectedCount }));
    } else if (path === '/metrics' && req.method === 'GET') {
      store.backlog().then((backlog) => {
        res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(metrics.render(backlog, hub.inFlight()));
      }, fail);
    } else {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'not_found', message: 'not found' } }));
    }
  });
  server.on('upgrade', (req, socket, head) => {
    if ((req.url ?? '').split('?')[0] !== '/terminals') {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    hub.handleUpgrade(req, socket, head);
  });
  server.keepAliveTimeout = 65_000;

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => resolve());
    });
  } catch (err) {
    await hub.close();
    await store.close();
    throw err;
  }
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  const url = `http://${urlHost}:${port}`;

  const prune = (): void => {
    store.prune(new Date(now() - MIN_RETENTION_MS).toISOString()).then(
      (n) => n > 0 && log.info({ pruned: n }, 'pruned acknowledged events past retention'),
      (err: unknown) => log.warn({ err: err instanceof Error ? err.message : String(err) }, 'prune failed'),
    );
  };
  const pruneTimer = setInterval(prune, options.pruneIntervalMs ?? 3_600_000);
  pruneTimer.unref();

  let stopped: Promise<void> | undefined;
  return {
    url,
    wsUrl: `ws://${urlHost}:${port}/terminals`,
    webhookUrl: `${url}${webhookPath}`,
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
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await store.close();
      })();
      return stopped;
    },
  };
}
