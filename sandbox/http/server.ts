// The request pipeline: faults → route → auth → body → idempotency → handler → reply (or a dropped socket).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, authFailure, statusError } from '../errors';
import type { FaultRegistry, MatchedFault } from '../faults';
import { IdempotencyCache } from '../idempotency';
import { authenticate } from './auth';
import { jsonChunks } from './json-chunks';
import type { Params } from './body';
import { parseBody, parseForm, readRawBody } from './body';
import type { Reply, Route } from './router';
import { matchRoute } from './router';

export interface PipelineDeps {
  readonly routes: readonly Route[];
  readonly faults: FaultRegistry;
  readonly idempotency: IdempotencyCache | null;
  readonly keys: { readonly publicKey: string; readonly secretKey: string };
  readonly log: ((line: string) => void) | null;
  /** Reshapes an API answer (account API version, omitted fields); see sandbox/shape.ts. */
  readonly shape?: (body: unknown, path: string) => unknown;
  /** Who may frame the HTML pages (default 'loopback'); 'deny' imitates a checkout page that refuses frames. */
  readonly framing?: () => PageFraming;
}

export type PageFraming = 'loopback' | 'deny';

const CONTROL_PREFIX = '/__sandbox/';
export const FRAME_ANCESTORS = "frame-ancestors 'self' http://127.0.0.1:* http://localhost:*";
const FRAMING_HEADERS: Record<PageFraming, Record<string, string>> = {
  // Pages (authorize, wallet) may be framed by the terminal's browser-mode customer display on loopback.
  loopback: { 'Content-Security-Policy': FRAME_ANCESTORS },
  deny: { 'Content-Security-Policy': "frame-ancestors 'none'", 'X-Frame-Options': 'DENY' },
};
const MUTATING = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export function createPipeline(deps: PipelineDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const started = Date.now();
    void handle(deps, req, res).then(
      (status) => deps.log?.(`${req.method ?? '?'} ${(req.url ?? '').split('?')[0]} ${status} ${Date.now() - started}ms`),
      (err: unknown) => {
        console.error('sandbox: request failed', err instanceof Error ? err.message : String(err));
        if (!res.headersSent) send(res, errorReply(new ApiError(500, 'internal_error', 'internal server error')));
      },
    );
  };
}

function errorReply(err: ApiError): Reply {
  return { kind: 'json', status: err.status, body: err.toJSON() };
}

function send(res: ServerResponse, reply: Reply, extraHeaders: Record<string, string> = {}, framing: PageFraming = 'loopback'): void {
  if (res.destroyed) return;
  for (const [k, v] of Object.entries(extraHeaders)) res.setHeader(k, v);
  if (reply.kind === 'redirect') {
    res.writeHead(302, { Location: reply.location, 'Content-Length': '0' });
    res.end();
    return;
  }
  // JSON goes out in pieces (the same text): see json-chunks.ts.
  const chunks = reply.kind === 'json' ? jsonChunks(reply.body) : [reply.html];
  const type = reply.kind === 'json' ? 'application/json; charset=utf-8' : 'text/html; charset=utf-8';
  const frame = reply.kind === 'html' ? FRAMING_HEADERS[framing] : {};
  const length = chunks.reduce((n, c) => n + Buffer.byteLength(c), 0);
  res.writeHead(reply.status, { 'Content-Type': type, 'Content-Length': String(length), 'Cache-Control': 'no-store', ...frame });
  if (chunks.length === 1) {
    res.end(chunks[0]);
    return;
  }
  res.cork();
  for (const c of chunks) res.write(c);
  res.end();
}

function replyStatus(reply: Reply): number {
  return reply.kind === 'redirect' ? 302 : reply.status;
}

async function handle(deps: PipelineDeps, req: IncomingMessage, res: ServerResponse): Promise<number> {
  const method = (req.method ?? 'GET').toUpperCase();
  const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
  const path = url.pathname;

  let fault: MatchedFault | null = null;
  if (!path.startsWith(CONTROL_PREFIX)) fault = deps.faults.take(method, path);
  if (fault?.latencyMs) await sleep(fault.latencyMs);

  const reply = await processRequest(deps, req, method, path, url.search, fault);
  if (fault?.dropAfterCommit) {
    // The work is committed; the client never hears about it.
    req.socket.destroy();
    return 0;
  }
  const out = reply.reply.kind === 'json' && deps.shape && !path.startsWith(CONTROL_PREFIX) ? { ...reply.reply, body: deps.shape(reply.reply.body, path) } : reply.reply;
  send(res, out, reply.headers, deps.framing?.() ?? 'loopback');
  return replyStatus(out);
}

async function processRequest(
  deps: PipelineDeps,
  req: IncomingMessage,
  method: string,
  path: string,
  search: string,
  fault: MatchedFault | null,
): Promise<{ reply: Reply; headers: Record<string, string> }> {
  const plain = (reply: Reply): { reply: Reply; headers: Record<string, string> } => ({ reply, headers: {} });
  try {
    if (fault?.status) {
      req.resume();
      return plain(errorReply(statusError(fault.status)));
    }
    if (fault?.proxyStatus) {
      req.resume();
      return plain({ kind: 'html', status: fault.proxyStatus, html: `<html><body><h1>${fault.proxyStatus}</h1>nginx</body></html>` });
    }
    // HEAD reads a page's headers (the terminal checks whether its display may frame the checkout); Node sends no body.
    const match = matchRoute(deps.routes, method === 'HEAD' ? 'GET' : method, path);
    if (match.kind !== 'found') {
      req.resume();
      return plain(errorReply(new ApiError(404, 'not_found', `${method} ${path.slice(0, 100)} was not found`)));
    }
    const { route, pathParams } = match;
    const auth = authenticate(req.headers, deps.keys.publicKey, deps.keys.secretKey);
    if (route.access !== 'none' && (auth.kind === null || (route.access === 'secret' && auth.kind !== 'secret'))) {
      req.resume();
      return plain(errorReply(authFailure()));
    }
    const raw = await readRawBody(req);
    const body = parseBody(raw, req.headers['content-type']);
    const query: Params = search.length > 1 ? parseForm(search.slice(1)) : {};
    const params = { ...query, ...body };
    // A request stalled inside the API: it takes effect later, whether or not its sender is still there.
    if (fault?.commitDelayMs || fault?.release) {
      fault.onHeld?.();
      if (fault.commitDelayMs) await sleep(fault.commitDelayMs);
      await fault.release?.catch(() => undefined);
    }

    const idemKey = req.headers['idempotency-key'];
    const useIdem = deps.idempotency !== null && MUTATING.has(method) && typeof idemKey === 'string' && idemKey !== '' && route.access !== 'none';
    let scope = '';
    const fingerprint = IdempotencyCache.fingerprint(method, path, raw);
    let release = (): void => undefined;
    if (useIdem && deps.idempotency) {
      if (idemKey.length > 255) throw new ApiError(400, 'bad_request', 'Idempotency-Key is longer than 255 characters');
      scope = IdempotencyCache.scope(auth.key, idemKey);
      // A concurrent request with the same key waits for the first to finish, then replays it.
      release = await deps.idempotency.acquire(scope);
      const hit = deps.idempotency.lookup(scope, fingerprint);
      if (hit.kind !== 'miss') release();
      if (hit.kind === 'replay') {
        return { reply: { kind: 'json', status: hit.status, body: JSON.parse(hit.body) as unknown }, headers: { 'Idempotent-Replayed': 'true' } };
      }
      if (hit.kind === 'mismatch') throw new ApiError(422, 'bad_request', 'Idempotency-Key was already used with different parameters');
    }

    let reply: Reply;
    try {
      try {
        reply = await route.handler({ method, path, params, pathParams, headers: req.headers });
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        reply = errorReply(err);
      }
      if (useIdem && deps.idempotency && reply.kind === 'json' && reply.status < 500) {
        deps.idempotency.store(scope, fingerprint, reply.status, JSON.stringify(reply.body));
      }
    } finally {
      release();
    }
    return plain(reply);
  } catch (err) {
    if (err instanceof ApiError) {
      req.resume();
      return plain(errorReply(err));
    }
    throw err;
  }
}
