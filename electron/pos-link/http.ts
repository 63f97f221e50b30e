// HTTP plumbing of the POS link: reading a capped JSON body, answering JSON and typed errors. Nothing here
// knows about payments.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { POS_API_LIMITS } from '../../shared';
import { PosApiFailure } from './errors';

const SECURITY_HEADERS = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
} as const;

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}

export function sendFailure(res: ServerResponse, f: PosApiFailure): void {
  const headers: Record<string, string> = f.extra.retryAfterSeconds ? { 'Retry-After': String(f.extra.retryAfterSeconds) } : {};
  if (f.code === 'method_not_allowed') headers.Allow = 'GET, POST, PUT';
  const body: Record<string, unknown> = { error: { code: f.code, message: f.message, ...(f.extra.field ? { field: f.extra.field } : {}) } };
  if (f.extra.checkout !== undefined) body.checkout = f.extra.checkout;
  // A refused body may still be arriving: answer, then close the connection rather than read it all.
  if (f.code === 'payload_too_large') headers.Connection = 'close';
  sendJson(res, f.status, body, headers);
}

export { SECURITY_HEADERS };

/** The body as JSON, at most POS_API_LIMITS.bodyBytes; an empty body is `undefined`. */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > POS_API_LIMITS.bodyBytes) throw new PosApiFailure('payload_too_large', `Request bodies are limited to ${POS_API_LIMITS.bodyBytes} bytes.`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > POS_API_LIMITS.bodyBytes) throw new PosApiFailure('payload_too_large', `Request bodies are limited to ${POS_API_LIMITS.bodyBytes} bytes.`);
    chunks.push(chunk);
  }
  if (size === 0) return undefined;
  const type = String(req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') throw new PosApiFailure('unsupported_media_type', 'Send the body as application/json.');
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new PosApiFailure('invalid_json', 'The body is not valid JSON.');
  }
}

/** Parses with the API's schema; the first problem names its field (never the value sent). */
export function parseWith<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const field = issue?.path.map(String).join('.') || undefined;
  // A well-formed amount outside KakaoPay's limits is a business refusal, not a malformed request.
  if (field === 'amount' && issue?.code === 'custom') throw new PosApiFailure('invalid_amount', issue.message, { field });
  const what = issue?.code === 'unrecognized_keys' ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}` : (issue?.message ?? 'invalid');
  throw new PosApiFailure('invalid_request', field ? `${field}: ${what}` : `The request is not valid: ${what}.`, field ? { field } : {});
}
