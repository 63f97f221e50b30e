// A till's client of the terminal's POS link, written against the public HTTP API only (the schemas it
// parses answers with are the API's own, shared/pos-link/api.ts). Over https it pins the terminal's
// certificate by its SHA-256 fingerprint (shown in Settings → POS link): no CA, no hostname check, and
// nothing is sent before the fingerprint matched.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import type { Duplex } from 'node:stream';
import type { z } from 'zod';
import { posErrorSchema } from '../../shared/pos-link/api';

export interface TillConnection {
  /** e.g. http://127.0.0.1:4350 or https://192.168.1.20:4351 */
  readonly url: string;
  readonly apiKey?: string | undefined;
  /** Required for https: "AB:CD:…" as Settings shows it. */
  readonly fingerprint?: string | undefined;
}

export class PosApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body: unknown,
  ) {
    super(message);
    this.name = 'PosApiError';
  }
}

const normalise = (fp: string): string => fp.replace(/[^0-9a-f]/gi, '').toUpperCase();

/** A TLS socket to the terminal whose certificate has exactly the pinned fingerprint. */
function pinnedSocket(host: string, port: number, fingerprint: string): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({ host, port, servername: /^[\d.]+$/.test(host) ? undefined : host, rejectUnauthorized: false }, () => {
      const seen = socket.getPeerCertificate().fingerprint256 ?? '';
      if (normalise(seen) !== normalise(fingerprint)) {
        socket.destroy();
        reject(new PosApiError(0, 'fingerprint_mismatch', `The terminal's certificate is not the paired one (got ${seen}).`, null));
        return;
      }
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

/** Opens a request; the answer's response object (the caller reads or streams it). */
export async function open(c: TillConnection, method: string, path: string, o: { body?: unknown; headers?: Record<string, string> } = {}): Promise<IncomingMessage> {
  const u = new URL(path, c.url);
  const body = o.body === undefined ? undefined : JSON.stringify(o.body);
  const headers: Record<string, string> = { accept: 'application/json', ...o.headers };
  if (c.apiKey) headers.authorization = `Bearer ${c.apiKey}`;
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(Buffer.byteLength(body));
  }
  let socket: Duplex | undefined;
  if (u.protocol === 'https:') {
    if (!c.fingerprint) throw new PosApiError(0, 'fingerprint_required', 'An https terminal needs its certificate fingerprint (--fingerprint).', null);
    socket = await pinnedSocket(u.hostname, Number(u.port || 443), c.fingerprint);
  } else if (u.protocol !== 'http:') throw new PosApiError(0, 'bad_url', 'The terminal URL is http:// or https://.', null);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: u.hostname, port: u.port || (u.protocol === 'https:' ? 443 : 80), method, path: u.pathname + u.search, headers, ...(socket ? { createConnection: () => socket } : { agent: false }) }, resolve);
    req.once('error', reject);
    req.end(body);
  });
}

async function readAll(res: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of res as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** One call: the answer parsed with its schema, or a PosApiError with the documented code. */
export async function call<T>(c: TillConnection, method: string, path: string, schema: z.ZodType<T>, body?: unknown): Promise<{ status: number; data: T }> {
  const res = await open(c, method, path, body === undefined ? {} : { body });
  const text = await readAll(res);
  const status = res.statusCode ?? 0;
  let json: unknown = null;
  try {
    json = text ? (JSON.parse(text) as unknown) : null;
  } catch {
    throw new PosApiError(status, 'bad_answer', `The terminal answered ${status} with something that is not JSON.`, text);
  }
  if (status >= 400) {
    const e = posErrorSchema.safeParse(json);
    if (e.success) throw new PosApiError(status, e.data.error.code, e.data.error.message, e.data);
    throw new PosApiError(status, 'bad_answer', `The terminal answered ${status}.`, json);
  }
  return { status, data: schema.parse(json) };
}
