// The POS link's request handler: route → (key, scope, rate limit) → body parsed with the API's schema →
// the checkout/refund/pairing logic → a JSON answer or a typed error. Every operation of the OpenAPI
// document (shared/pos-link/api-openapi.ts) is served here, and nothing else.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { posCheckoutCreateSchema, posCheckoutListQuerySchema, posPairRequestSchema, posRefundCreateSchema, posWebhookSetSchema, type PosTerminalInfo, POS_OPERATIONS, type PosOperation, type PosOperationId } from '../../shared';
import type { Logger } from '../core/log';
import type { Checkouts } from './checkouts';
import type { PosTerminalFacts } from './core-port';
import { PosApiFailure } from './errors';
import { parseWith, readJsonBody, sendFailure, sendJson } from './http';
import type { AuthedKey, PosKeys } from './keys';
import type { RateLimiter } from './rate-limit';
import type { PosRefunds } from './refunds';
import type { SseHub } from './sse';
import type { TillWebhooks } from './webhooks';

export interface RouteDeps {
  readonly keys: PosKeys;
  readonly checkouts: Checkouts;
  readonly refunds: PosRefunds;
  readonly sse: SseHub;
  readonly webhooks: TillWebhooks;
  readonly facts: PosTerminalFacts;
  readonly limiter: RateLimiter;
  /** Stricter: pairing attempts per address. */
  readonly pairLimiter: RateLimiter;
  readonly document: () => Record<string, unknown>;
  readonly logger?: Logger | undefined;
}

interface Matched {
  readonly op: PosOperation;
  readonly id: string | null;
}

const TEMPLATES = POS_OPERATIONS.map((op) => ({ op, re: new RegExp(`^${op.path.replace(/\{id\}/g, '([A-Za-z0-9_-]{1,80})').replace(/\./g, '\\.')}$`) }));

function match(method: string, pathname: string): Matched {
  const onPath = TEMPLATES.filter((t) => t.re.test(pathname));
  if (onPath.length === 0) throw new PosApiFailure('not_found', 'No such endpoint.');
  const hit = onPath.find((t) => t.op.method.toUpperCase() === method);
  if (!hit) throw new PosApiFailure('method_not_allowed', `${method} is not allowed here.`);
  return { op: hit.op, id: hit.re.exec(pathname)?.[1] ?? null };
}

export function terminalInfo(facts: PosTerminalFacts, openCheckoutId: string | null): PosTerminalInfo {
  const core = facts.core();
  const busy = openCheckoutId !== null || (core?.openSales().length ?? 0) > 0;
  return {
    state: !core ? 'not_configured' : busy || facts.recovering() ? 'busy' : 'ready',
    mode: facts.mode(),
    currency: facts.currency(),
    max_deadline_seconds: Math.floor(facts.qrValidityMs() / 1000),
    link: facts.link(),
    open_checkout_id: openCheckoutId,
  };
}

function bearer(req: IncomingMessage): string | null {
  const h = req.headers.authorization;
  if (typeof h !== 'string' || h.length > 200) return null;
  const m = /^Bearer ([\x21-\x7e]+)$/.exec(h);
  return m?.[1] ?? null;
}

export function createRequestHandler(d: RouteDeps, o: { hostAllowed: (host: string | undefined) => boolean }): (req: IncomingMessage, res: ServerResponse) => void {
  const handlers: Record<PosOperationId, (req: IncomingMessage, res: ServerResponse, key: AuthedKey | null, id: string | null, url: URL) => Promise<void> | void> = {
    pair: async (req, res) => {
      const body = parseWith(posPairRequestSchema, await readJsonBody(req));
      const paired = d.keys.pair(body.code);
      if (!paired) throw new PosApiFailure('pairing_code_invalid', 'The pairing code is wrong, used or expired. Ask the manager for a new one (Settings → POS link).', { field: 'code' });
      sendJson(res, 201, { api_key: paired.apiKey, key_id: paired.info.id, name: paired.info.name, scopes: paired.info.scopes });
    },
    createCheckout: async (req, res, key) => {
      const body = parseWith(posCheckoutCreateSchema, await readJsonBody(req));
      const { checkout, created } = d.checkouts.create(body, key!);
      sendJson(res, created ? 201 : 200, checkout, created ? { Location: `/v1/checkouts/${checkout.id}` } : {});
    },
    listCheckouts: (_req, res, key, _id, url) => {
      const q = parseWith(posCheckoutListQuerySchema, Object.fromEntries(url.searchParams));
      sendJson(res, 200, { data: d.checkouts.listByReference(q.reference_id, key!) });
    },
    getCheckout: (_req, res, key, id) => sendJson(res, 200, d.checkouts.get(id!, key!)),
    cancelCheckout: async (req, res, key, id) => {
      const body = await readJsonBody(req);
      if (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body) || Object.keys(body).length > 0)) throw new PosApiFailure('invalid_request', 'Cancel takes no body (or {}).');
      sendJson(res, 200, await d.checkouts.cancel(id!, key!));
    },
    createRefund: async (req, res, key) => {
      const body = parseWith(posRefundCreateSchema, await readJsonBody(req));
      const { refund, created } = await d.refunds.create(body, key!);
      sendJson(res, created ? 201 : 200, refund);
    },
    getRefund: (_req, res, key, id) => sendJson(res, 200, d.refunds.get(id!, key!)),
    events: (req, res, key, _id, url) => d.sse.open(req, res, key!, url),
    setWebhook: async (req, res, key) => {
      const body = parseWith(posWebhookSetSchema, await readJsonBody(req));
      sendJson(res, 200, d.webhooks.set(key!.id, body.url));
    },
    terminal: (_req, res) => sendJson(res, 200, terminalInfo(d.facts, d.checkouts.openCheckout()?.id ?? null)),
    openapi: (_req, res) => sendJson(res, 200, d.document()),
  };

  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const address = req.socket.remoteAddress ?? 'unknown';
    if (!o.hostAllowed(req.headers.host)) throw new PosApiFailure('forbidden', 'This host name is not served here.');
    // A web page cannot send these without a preflight we never grant (no CORS): a browser tab on this
    // PC cannot drive the API.
    if (req.headers.origin !== undefined) throw new PosApiFailure('forbidden', 'Browsers may not call the POS link.');
    // Origin-form only ("/v1/…"); "//x" would read as another host, and an absolute form is refused.
    const target = req.url ?? '';
    let url: URL;
    try {
      if (!target.startsWith('/')) throw new Error('not origin-form');
      url = new URL(`http://pos.invalid${target}`);
    } catch {
      throw new PosApiFailure('not_found', 'No such endpoint.');
    }
    const { op, id } = match(req.method ?? 'GET', url.pathname);
    let key: AuthedKey | null = null;
    if (op.scope) {
      const token = bearer(req);
      key = token ? d.keys.authenticate(token) : null;
      if (!key) {
        const wait = d.limiter.take(`addr:${address}`);
        if (wait > 0) throw new PosApiFailure('rate_limited', 'Too many requests; slow down.', { retryAfterSeconds: wait });
        throw new PosApiFailure('unauthorized', 'Send a live API key as Authorization: Bearer <key> (pair with POST /v1/pair).');
      }
      if (!key.scopes.includes(op.scope)) throw new PosApiFailure('forbidden_scope', `This key lacks the "${op.scope}" scope.`);
    }
    const wait = op.id === 'pair' ? d.pairLimiter.take(`addr:${address}`) : d.limiter.take(key ? `key:${key.id}` : `addr:${address}`);
    if (wait > 0) throw new PosApiFailure('rate_limited', 'Too many requests; slow down.', { retryAfterSeconds: wait });
    await handlers[op.id](req, res, key, id, url);
  };

  return (req, res) => {
    serve(req, res).catch((error: unknown) => {
      if (error instanceof PosApiFailure) {
        sendFailure(res, error);
        return;
      }
      const ref = randomUUID();
      d.logger?.error({ ref, err: String((error as Error)?.name ?? 'Error') }, 'pos link: request failed');
      sendFailure(res, new PosApiFailure('internal', `Something went wrong (ref ${ref}).`));
    });
  };
}
