// Test helpers: a tiny Opn client over real HTTP (fetch), a webhook receiver on loopback, and an
// independent webhook-signature verifier written from reference §5 (not the sandbox's signer).
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { Sandbox, SandboxOptions } from '../../sandbox/index';
import { startSandbox } from '../../sandbox/index';
import { afterEach } from 'vitest';
import { listenLoopback } from '../support/servers';

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface Reply {
  status: number;
  body: Json;
  headers: http.IncomingHttpHeaders;
}

export function basic(key: string): string {
  return `Basic ${Buffer.from(`${key}:`).toString('base64')}`;
}

/** Form-encodes nested params the way curl -d "a[b]=c" does. */
export function form(params: Record<string, unknown>, prefix = ''): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(params)) {
    const name = prefix ? `${prefix}[${k}]` : k;
    if (v !== null && typeof v === 'object') parts.push(form(v as Record<string, unknown>, name));
    else parts.push(`${encodeURIComponent(name)}=${encodeURIComponent(String(v))}`);
  }
  return parts.filter(Boolean).join('&');
}

export interface CallOptions {
  key?: string | null;
  json?: unknown;
  form?: Record<string, unknown>;
  raw?: string | Buffer;
  contentType?: string;
  headers?: Record<string, string>;
}

export async function call(sb: Sandbox, method: string, path: string, o: CallOptions = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...o.headers };
  const key = o.key === undefined ? sb.secretKey : o.key;
  if (key !== null) headers.Authorization = basic(key);
  let body: string | Buffer | undefined;
  if (o.json !== undefined) {
    body = JSON.stringify(o.json);
    headers['Content-Type'] = 'application/json';
  } else if (o.form !== undefined) {
    body = form(o.form);
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
  } else if (o.raw !== undefined) {
    body = o.raw;
  }
  if (o.contentType) headers['Content-Type'] = o.contentType;
  if (body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(body));
  // node:http rather than fetch: official clients (go, python) send GET requests with a JSON body.
  const res = await new Promise<{ status: number; text: string; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    const req = http.request(`${sb.baseUrl}${path}`, { method, headers }, (r) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => resolve({ status: r.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), headers: r.headers }));
      r.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
  const text = res.text;
  let parsed: Json = {};
  try {
    parsed = JSON.parse(text) as Json;
  } catch {
    parsed = { _text: text };
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

export function quietSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  return startSandbox({ quiet: true, allowInsecureReturnUri: true, ...options });
}

export const RETURN_URI = 'https://example.com/orders/345678/complete';

export async function createCharge(sb: Sandbox, extra: Record<string, unknown> = {}, amount = 150000, currency = 'SGD'): Promise<Json> {
  const r = await call(sb, 'POST', '/charges', {
    form: { amount, currency, return_uri: RETURN_URI, source: { type: 'kakaopay', platform_type: 'WEB' }, ...extra },
  });
  if (r.status !== 200) throw new Error(`create charge failed: ${JSON.stringify(r.body)}`);
  return r.body;
}

// ---- webhook receiver ----

export interface Received {
  headers: http.IncomingHttpHeaders;
  raw: string;
  body: Json;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** Status codes to answer, consumed in order; then 200. */
  answers: number[];
  waitFor(n: number, timeoutMs?: number): Promise<Received[]>;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  const answers: number[] = [];
  let waiters: (() => void)[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      received.push({ headers: req.headers, raw, body: JSON.parse(raw) as Json });
      res.statusCode = answers.shift() ?? 200;
      res.end('ok');
      const w = waiters;
      waiters = [];
      for (const f of w) f();
    });
  });
  const { port, close } = await listenLoopback(server);
  const receiver: Receiver = {
    url: `http://127.0.0.1:${port}/webhooks/opn`,
    received,
    answers,
    async waitFor(n, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < n) {
        if (Date.now() > deadline) throw new Error(`expected ${n} webhooks, got ${received.length}`);
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 200);
        });
      }
      return received;
    },
    close,
  };
  return receiver;
}

/** Independent verifier: hex HMAC-SHA256 over `${timestamp}.${rawBody}`, key = base64-decoded secret; any listed signature may match. */
export function verifySignature(received: Received, secretBase64: string): boolean {
  const ts = received.headers['omise-signature-timestamp'];
  const header = received.headers['omise-signature'];
  if (typeof ts !== 'string' || typeof header !== 'string' || !/^\d+$/.test(ts)) return false;
  const key = Buffer.from(secretBase64, 'base64');
  const expected = createHmac('sha256', key).update(ts).update('.').update(received.raw).digest();
  return header.split(',').some((part) => {
    const candidate = Buffer.from(part.trim(), 'hex');
    return candidate.length === expected.length && timingSafeEqual(candidate, expected);
  });
}

/** Follows the authorize page as a browser would: GET the page, POST its form. */
export async function authorizeViaPage(authorizeUri: string, outcome: 'successful' | 'failed', failureCode?: string): Promise<Response> {
  const page = await fetch(authorizeUri);
  const html = await page.text();
  const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1]?.replace(/&#47;/g, '/');
  if (!action) throw new Error('authorize page has no form');
  const body = new URLSearchParams({ outcome, ...(failureCode ? { failure_code: failureCode } : {}) });
  return fetch(new URL(action, authorizeUri), { method: 'POST', body, redirect: 'manual' });
}

/**
 * For a test file: `setup` starts a sandbox posting its webhooks to a fresh receiver, `receiver` one more
 * receiver. Everything started is stopped after each test, in reverse order.
 */
export function sandboxWithReceiver(): {
  readonly setup: (options?: SandboxOptions) => Promise<{ sb: Sandbox; rx: Receiver }>;
  readonly receiver: () => Promise<Receiver>;
} {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const f of cleanup.splice(0).reverse()) await f();
  });
  const receiver = async (): Promise<Receiver> => {
    const rx = await startReceiver();
    cleanup.push(() => rx.close());
    return rx;
  };
  return {
    receiver,
    setup: async (options = {}) => {
      const rx = await receiver();
      const sb = await quietSandbox({ webhookEndpoints: [rx.url], ...options });
      cleanup.push(() => sb.stop());
      return { sb, rx };
    },
  };
}
