// One Opn HTTP request: Basic auth, Omise-Version, JSON, a timeout per attempt, typed errors, and retries
// only where a retry cannot take money twice (see `shouldRetry`).
import type { z } from 'zod';
import { OPN_API_VERSION, opnErrorSchema } from '../../../shared';
import type { Logger } from '../log';
import { scrubSecrets } from '../log';
import { OpnApiError, OpnNetworkError } from './errors';
import { backoffDelay } from '../../../shared';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface TransportOptions {
  baseUrl: string;
  secretKey: string;
  timeoutMs: number;
  /** Extra attempts after the first, for failures that are safe to retry. */
  retries: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  fetch: FetchLike;
  logger: Logger;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  /** Run before every request with the URL it is about to go to; throws to stop it (the destination rule). */
  guard?: (url: string) => void;
}

export interface OpnRequest<T> {
  method: 'GET' | 'POST';
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: Record<string, unknown>;
  idempotencyKey?: string;
  schema: z.ZodType<T>;
}

// Codes meaning the TCP connection was never established, so the request was never sent.
const CONNECT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT', 'EADDRNOTAVAIL']);

function causeCode(e: unknown): string | undefined {
  const cause = e instanceof Error ? (e.cause as { code?: unknown } | undefined) : undefined;
  return typeof cause?.code === 'string' ? cause.code : undefined;
}

function toNetworkError(e: unknown, method: string, path: string): OpnNetworkError {
  if (e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError')) {
    return new OpnNetworkError('timeout', `Opn did not answer ${method} ${path} in time.`);
  }
  const code = causeCode(e);
  if (code && CONNECT_CODES.has(code)) return new OpnNetworkError('connect', `Could not connect to Opn (${code}).`, code);
  return new OpnNetworkError('response', `The connection to Opn broke during ${method} ${path}${code ? ` (${code})` : ''}.`, code);
}

/** GETs are always safe to repeat; a POST only when it provably never left, or Opn said "slow down" (429). */
export function shouldRetry(method: 'GET' | 'POST', e: unknown): boolean {
  if (e instanceof OpnNetworkError) return method === 'GET' || e.phase === 'connect';
  if (e instanceof OpnApiError) return method === 'GET' ? e.retryable : e.httpStatus === 429;
  return false;
}

/** The shared backoff, but never sooner than Opn's Retry-After (itself capped). */
export function retryDelay(attempt: number, o: Pick<TransportOptions, 'backoffBaseMs' | 'backoffMaxMs' | 'random'>, retryAfterMs?: number): number {
  const delay = backoffDelay(attempt, { initialMs: o.backoffBaseMs, maxMs: o.backoffMaxMs, random: o.random });
  return Math.max(delay, Math.min(retryAfterMs ?? 0, o.backoffMaxMs));
}

function buildUrl(base: string, path: string, query?: OpnRequest<unknown>['query']): string {
  const url = new URL(path.replace(/^\//, ''), base.endsWith('/') ? base : `${base}/`);
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
  return url.toString();
}

export async function opnRequest<T>(o: TransportOptions, req: OpnRequest<T>): Promise<T> {
  const auth = `Basic ${Buffer.from(`${o.secretKey}:`).toString('base64')}`;
  const url = buildUrl(o.baseUrl, req.path, req.query);
  const scrub = (s: string) => scrubSecrets(s, [o.secretKey, auth]);
  for (let attempt = 0; ; attempt++) {
    let retryAfterMs: number | undefined;
    // Outside the try: a refused destination is not a network failure and is never retried.
    o.guard?.(url);
    try {
      return await attemptOnce(o, req, url, auth, (ms) => (retryAfterMs = ms));
    } catch (raw) {
      const e = raw instanceof OpnApiError || raw instanceof OpnNetworkError ? raw : toNetworkError(raw, req.method, req.path);
      e.message = scrub(e.message);
      // Drop the stack's first line copy of the message too, so a secret can never leak through `stack`.
      e.stack = `${e.name}: ${e.message}`;
      const retry = attempt < o.retries && shouldRetry(req.method, e);
      o.logger.warn({ method: req.method, path: req.path, attempt, retry, err: { name: e.name, message: e.message } }, 'opn request failed');
      if (!retry) throw e;
      await o.sleep(retryDelay(attempt, o, retryAfterMs));
    }
  }
}

/**
 * The body as text, decoded chunk by chunk as it arrives (UTF-8, as res.text()). A list page of 100
 * charges is ~210 KB: res.text() first copies it into one buffer, then decodes that into one string,
 * two allocations of V8's large-object kind, each a fresh mapping (~1 ms a page on the bench machine).
 */
async function readText(res: Response): Promise<string> {
  if (!res.body) return '';
  const reader: ReadableStreamDefaultReader<Uint8Array> = res.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    text += decoder.decode(value, { stream: true });
  }
}

async function attemptOnce<T>(o: TransportOptions, req: OpnRequest<T>, url: string, auth: string, onRetryAfter: (ms: number) => void): Promise<T> {
  const headers: Record<string, string> = {
    Authorization: auth,
    'Omise-Version': OPN_API_VERSION,
    Accept: 'application/json',
    'User-Agent': 'KakaoPayCounter/0.1',
  };
  if (req.body) headers['Content-Type'] = 'application/json';
  if (req.idempotencyKey) headers['Idempotency-Key'] = req.idempotencyKey;
  let res: Response;
  let text: string;
  const signal = AbortSignal.timeout(o.timeoutMs);
  try {
    res = await o.fetch(url, { method: req.method, headers, body: req.body ? JSON.stringify(req.body) : undefined, signal });
    text = await readText(res);
  } catch (e) {
    throw toNetworkError(e, req.method, req.path);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new OpnApiError('invalid_response', res.status, `Opn answered ${req.method} ${req.path} with ${res.status} and a body that is not JSON.`);
  }
  if (!res.ok) {
    const retryAfter = Number(res.headers.get('retry-after'));
    if (Number.isFinite(retryAfter) && retryAfter > 0) onRetryAfter(retryAfter * 1000);
    const parsed = opnErrorSchema.safeParse(json);
    if (parsed.success) throw new OpnApiError(parsed.data.code, res.status, parsed.data.message);
    throw new OpnApiError(res.status === 429 ? 'too_many_requests' : 'http_error', res.status, `Opn answered ${req.method} ${req.path} with HTTP ${res.status}.`);
  }
  const parsed = req.schema.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join('.')}: ${i.message}`)
      .join('; ');
    throw new OpnApiError('invalid_response', res.status, `Opn's answer to ${req.method} ${req.path} has an unexpected shape (${where}).`);
  }
  return parsed.data;
}
