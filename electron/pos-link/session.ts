// The POS link as one session of the app: open() reads its database and, when a manager turned it on,
// listens: plain HTTP on loopback (a till on this PC) and, when allowed, HTTPS on the shop's network with
// the per-install certificate. close() stops both. It is its own port, never the browser-mode server's,
// so the customer display's role cannot reach it. Implements PosLinkControl for Settings.
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Database as Db } from 'better-sqlite3';
import { type BackoffOptions, type Sale, posOpenApiDocument, type PosTerminalInfo, POS_API_LIMITS, type PosLinkConfig, type PosLinkControl, type PosLinkStatus, type PosPairingCode, type PosScope } from '../../shared';
import { GateError } from '../app/errors';
import type { Logger } from '../core/log';
import { Checkouts } from './checkouts';
import type { PosTerminalFacts } from './core-port';
import { getConfig, openPosDb, setConfig } from './db';
import { PosEventLog } from './events';
import { PosKeys } from './keys';
import { DEFAULT_RATE_LIMIT, RateLimiter, type RateLimitOptions } from './rate-limit';
import { PosRefunds } from './refunds';
import { createRequestHandler, terminalInfo } from './routes';
import { SseHub } from './sse';
import { ensureCertificate, lanAddresses } from './tls';
import { TillWebhooks } from './webhooks';

export interface PosLinkOptions {
  /** pos-link.sqlite in the data folder. */
  readonly dbFile: string;
  readonly facts: PosTerminalFacts;
  /** Loopback HTTP port (default 4350; 0: any free port). */
  readonly port?: number;
  /** LAN HTTPS port (default 4351; 0: any free port). */
  readonly httpsPort?: number;
  /** Where the HTTPS listener binds (default all interfaces; tests bind 127.0.0.1). */
  readonly lanHost?: string;
  readonly rateLimit?: RateLimitOptions;
  readonly pairRateLimit?: RateLimitOptions;
  readonly heartbeatMs?: number;
  /** Till webhook retry delays (tests shorten them). */
  readonly webhookBackoff?: BackoffOptions;
  readonly now?: () => Date;
  readonly logger?: Logger;
  /** Settings' view changed (Settings shows the status live). */
  readonly onStatus?: (status: PosLinkStatus) => void;
}

export interface PosLinkSession {
  readonly control: PosLinkControl;
  open(): Promise<void>;
  close(): Promise<void>;
  /** Every sale the core commits (the runtime forwards its sale events). */
  onSale(sale: Sale): void;
  /** The terminal's mode, link or readiness may have changed: tills get terminal.updated when it did. */
  terminalChanged(): void;
  /** A new payment core (start, Settings, demo ↔ live): open checkouts catch up with their sales. */
  coreChanged(): void;
}

const listen = (server: Server, port: number, host: string): Promise<number> =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });

const stop = (server: Server): Promise<void> =>
  new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });

export function createPosLinkSession(o: PosLinkOptions): PosLinkSession {
  const now = o.now ?? (() => new Date());
  let db: Db | null = null;
  let parts: { keys: PosKeys; events: PosEventLog; checkouts: Checkouts; refunds: PosRefunds; sse: SseHub; webhooks: TillWebhooks } | null = null;
  let servers: Server[] = [];
  let state: PosLinkStatus['state'] = 'off';
  let errorCode: string | null = null;
  let loopbackUrl: string | null = null;
  let lanUrls: string[] = [];
  let fingerprint: string | null = null;
  let lastTerminal = '';
  let chain: Promise<unknown> = Promise.resolve();
  const saleQueue: Sale[] = [];

  const need = () => {
    if (!db || !parts) throw new Error('The POS link session is not open.');
    return { db, ...parts };
  };
  const readConfig = (d: Db): PosLinkConfig => {
    const port = getConfig(d, 'port');
    return { enabled: getConfig(d, 'enabled') === 'true', allowLan: getConfig(d, 'allow_lan') === 'true', ...(port !== null ? { port: Number(port) } : {}) };
  };
  // The port Settings chose wins over the app's default; the LAN's HTTPS port is the next one.
  const ports = (c: PosLinkConfig): { http: number; https: number } => {
    if (c.port === undefined) return { http: o.port ?? 4350, https: o.httpsPort ?? 4351 };
    return { http: c.port, https: c.port === 0 ? 0 : c.port + 1 };
  };

  const status = (): PosLinkStatus => {
    // Not open (the app is starting, or its file could not be opened): Settings shows why, nothing else.
    if (!db || !parts) return { config: { enabled: false, allowLan: false }, state: 'error', errorCode: 'not_open', loopbackUrl: null, lanUrls: [], certFingerprint: null, keys: [] };
    const p = need();
    return { config: readConfig(p.db), state, errorCode, loopbackUrl, lanUrls: [...lanUrls], certFingerprint: fingerprint, keys: p.keys.list() };
  };

  async function stopListening(): Promise<void> {
    parts?.sse.closeAll();
    const old = servers;
    servers = [];
    await Promise.all(old.map(stop));
    state = 'off';
    loopbackUrl = null;
    lanUrls = [];
  }

  async function apply(): Promise<void> {
    const p = need();
    await stopListening();
    errorCode = null;
    const config = readConfig(p.db);
    fingerprint = config.allowLan ? (await ensureCertificate(p.db, now())).fingerprint : null;
    if (!config.enabled) return;
    const deps = {
      keys: p.keys,
      checkouts: p.checkouts,
      refunds: p.refunds,
      sse: p.sse,
      webhooks: p.webhooks,
      facts: o.facts,
      limiter: new RateLimiter(o.rateLimit ?? DEFAULT_RATE_LIMIT),
      pairLimiter: new RateLimiter(o.pairRateLimit ?? { burst: 5, perSecond: 0.2 }),
      document: () => posOpenApiDocument([loopbackUrl, ...lanUrls].filter((u): u is string => u !== null)),
      logger: o.logger,
    };
    try {
      let loopPort = 0;
      const http = createHttpServer({ headersTimeout: 10_000, requestTimeout: 15_000, maxHeaderSize: 8 * 1024 }, createRequestHandler(deps, { hostAllowed: (h) => h === `127.0.0.1:${loopPort}` || h === `localhost:${loopPort}` }));
      http.maxConnections = 64;
      servers.push(http);
      loopPort = await listen(http, ports(config).http, '127.0.0.1');
      loopbackUrl = `http://127.0.0.1:${loopPort}`;
      if (config.allowLan) {
        const pem = await ensureCertificate(p.db, now());
        const https = createHttpsServer({ cert: pem.cert, key: pem.key, minVersion: 'TLSv1.2', headersTimeout: 10_000, requestTimeout: 15_000, maxHeaderSize: 8 * 1024 }, createRequestHandler(deps, { hostAllowed: (h) => typeof h === 'string' && h.length > 0 && h.length <= 255 }));
        https.maxConnections = 64;
        servers.push(https);
        const lanPort = await listen(https, ports(config).https, o.lanHost ?? '0.0.0.0');
        const hosts = o.lanHost && o.lanHost !== '0.0.0.0' ? [o.lanHost] : lanAddresses();
        lanUrls = hosts.map((h) => `https://${h}:${lanPort}`);
      }
      state = 'listening';
    } catch (e) {
      await stopListening();
      state = 'error';
      errorCode = (e as NodeJS.ErrnoException).code === 'EADDRINUSE' ? 'port_in_use' : 'listen_failed';
      o.logger?.warn({ code: errorCode }, 'pos link: could not listen');
    }
  }

  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = chain.then(fn);
    chain = next.catch(() => undefined);
    return next;
  };
  const changed = (): void => {
    if (db) o.onStatus?.(status());
  };

  const terminalChanged = (): void => {
    if (!parts) return;
    const info: PosTerminalInfo = terminalInfo(o.facts, parts.checkouts.openCheckout()?.id ?? null);
    const text = JSON.stringify(info);
    if (text === lastTerminal) return;
    lastTerminal = text;
    parts.events.append('terminal.updated', null, info);
  };

  const control: PosLinkControl = {
    status,
    configure: (config) =>
      serial(async () => {
        const p = need();
        if (config.port !== undefined && !(Number.isInteger(config.port) && config.port >= 0 && config.port <= 65_534)) throw new GateError('invalid_input', 'The port is a whole number from 1024 to 65534 (0: any free port).');
        if (config.port !== undefined && config.port !== 0 && config.port < 1024) throw new GateError('invalid_input', 'The port is a whole number from 1024 to 65534 (0: any free port).');
        p.db.transaction(() => {
          setConfig(p.db, 'enabled', String(config.enabled));
          setConfig(p.db, 'allow_lan', String(config.allowLan));
          if (config.port !== undefined) setConfig(p.db, 'port', String(config.port));
        })();
        await apply();
        changed();
        return status();
      }),
    createPairingCode(input: { name: string; scopes: readonly PosScope[] }): PosPairingCode {
      const name = input.name.trim();
      if (name.length < 1 || name.length > POS_API_LIMITS.tillName || [...name].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) throw new GateError('invalid_input', `A till's name is 1 to ${POS_API_LIMITS.tillName} visible characters.`);
      const scopes = [...new Set(input.scopes)];
      if (scopes.length === 0 || scopes.some((s) => s !== 'payments' && s !== 'refunds')) throw new GateError('invalid_input', 'Scopes are payments and/or refunds.');
      return need().keys.createPairingCode(name, scopes);
    },
    revokeKey(id) {
      const p = need();
      // An unknown id changes nothing (the list Settings shows is the answer).
      if (p.keys.revoke(id)) p.sse.closeKey(id);
      changed();
      return status();
    },
  };

  return {
    control,
    open: () =>
      serial(async () => {
        if (db) return;
        const d = openPosDb(o.dbFile);
        const keys = new PosKeys(d, now);
        const events = new PosEventLog(d, now);
        const checkouts = new Checkouts(d, o.facts, events, now);
        const refunds = new PosRefunds(d, o.facts, checkouts, events, now);
        db = d;
        const webhooks = new TillWebhooks(d, events, keys, { backoff: o.webhookBackoff, now });
        parts = { keys, events, checkouts, refunds, sse: new SseHub(events, o.heartbeatMs ?? 15_000), webhooks };
        webhooks.start();
        const last = d.prepare("SELECT data FROM events WHERE type = 'terminal.updated' ORDER BY id DESC LIMIT 1").get() as { data: string } | undefined;
        lastTerminal = last?.data ?? '';
        checkouts.resume();
        await apply();
      }),
    close: () =>
      serial(async () => {
        await stopListening();
        await parts?.webhooks.stop();
        parts?.checkouts.close();
        parts = null;
        db?.close();
        db = null;
      }),
    // Called in the core's emit path: the POS link's own writes run just after, in one transaction,
    // so they never delay the payment itself; sales are applied in the order committed.
    onSale(sale) {
      if (!parts) return;
      saleQueue.push(sale);
      if (saleQueue.length > 1) return;
      setImmediate(() => {
        const p = parts;
        const batch = saleQueue.splice(0);
        if (!p) return;
        try {
          p.events.batch(() => {
            for (const s of batch) p.checkouts.onSale(s);
            terminalChanged();
          });
        } catch (error) {
          o.logger?.error({ err: String((error as Error)?.name ?? 'Error') }, 'pos link: could not record a sale change');
        }
      });
    },
    terminalChanged,
    coreChanged() {
      parts?.checkouts.resume();
      terminalChanged();
    },
  };
}
