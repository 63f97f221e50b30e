// Request bodies: form-encoded with bracket nesting (`source[type]=kakaopay`, `a[]=x`, `a[0]=x`) and JSON,
// as Opn's curl examples and official client libraries send them. Values stay strings here; the zod
// parameter schemas coerce numeric and boolean strings field by field (so metadata keeps what was sent).
import type { IncomingMessage } from 'node:http';
import { ApiError, badRequest } from '../errors';

export const MAX_BODY_BYTES = 1024 * 1024;
const MAX_DEPTH = 8;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export type Params = Record<string, unknown>;

/** Reads the raw body; rejects with 413 past the limit (the rest is drained, not buffered). */
export function readRawBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > MAX_BODY_BYTES) {
      req.resume();
      reject(new ApiError(413, 'bad_request', 'request body is larger than 1 MB'));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
    });
    req.on('end', () => {
      if (tooLarge) reject(new ApiError(413, 'bad_request', 'request body is larger than 1 MB'));
      else resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

/** Parses a body by its content type. An empty body is `{}` whatever the type (omise-node sends "" on POST). */
export function parseBody(raw: Buffer, contentType: string | undefined): Params {
  const text = raw.toString('utf8');
  if (text.trim() === '') return {};
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'application/json' || type.endsWith('+json')) return parseJson(text);
  if (type === 'application/x-www-form-urlencoded' || type === '') return parseForm(text);
  throw badRequest(`unsupported content type ${type.slice(0, 60)}: send application/json or application/x-www-form-urlencoded`);
}

export function parseJson(text: string): Params {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw badRequest('malformed JSON body');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badRequest('JSON body must be an object');
  }
  if (depthOf(value) > MAX_DEPTH + 1) throw badRequest('JSON body is nested too deeply');
  return stripForbidden(value) as Params;
}

function depthOf(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  let max = 0;
  for (const v of Object.values(value)) max = Math.max(max, depthOf(v));
  return max + 1;
}

function stripForbidden(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripForbidden);
  if (typeof value !== 'object' || value === null) return value;
  const out: Params = {};
  for (const [k, v] of Object.entries(value)) if (!FORBIDDEN_KEYS.has(k)) out[k] = stripForbidden(v);
  return out;
}

/** `a[b][c]=1&a[d][]=2&e=3` → { a: { b: { c: '1' }, d: ['2'] }, e: '3' }. Malformed brackets are a 400. */
export function parseForm(text: string): Params {
  const root: Params = {};
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const rawKey = eq === -1 ? pair : pair.slice(0, eq);
    const rawValue = eq === -1 ? '' : pair.slice(eq + 1);
    let key: string;
    let value: string;
    try {
      key = decodeURIComponent(rawKey.replace(/\+/g, ' '));
      value = decodeURIComponent(rawValue.replace(/\+/g, ' '));
    } catch {
      throw badRequest('malformed form body: bad percent-encoding');
    }
    assign(root, splitKey(key), value);
  }
  return arrayify(root) as Params;
}

function splitKey(key: string): string[] {
  const m = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
  if (!m || m[1] === undefined) throw badRequest(`malformed form body: bad parameter name ${JSON.stringify(key.slice(0, 60))}`);
  const segments = [m[1]];
  const rest = m[2] ?? '';
  for (const part of rest.matchAll(/\[([^[\]]*)\]/g)) segments.push(part[1] ?? '');
  if (segments.length > MAX_DEPTH) throw badRequest('malformed form body: nested too deeply');
  for (const s of segments) if (FORBIDDEN_KEYS.has(s)) throw badRequest('malformed form body: forbidden parameter name');
  return segments;
}

// Intermediate containers are plain objects; `[]` pushes under the next free numeric key.
function assign(container: Params, path: string[], value: string): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  const key = head === '' ? String(Object.keys(container).length) : head;
  if (rest.length === 0) {
    if (typeof container[key] === 'object' && container[key] !== null) throw badRequest(`malformed form body: ${key} is both a value and an object`);
    container[key] = value;
    return;
  }
  let child = container[key];
  if (child === undefined) {
    child = {};
    container[key] = child;
  }
  if (typeof child !== 'object' || child === null) throw badRequest(`malformed form body: ${key} is both a value and an object`);
  assign(child as Params, rest, value);
}

// Objects whose keys are exactly 0..n-1 become arrays (`a[]=x&a[]=y`, `a[0]=x&a[1]=y`).
function arrayify(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value as Params).map(([k, v]) => [k, arrayify(v)] as const);
  const isList = entries.length > 0 && entries.every(([k], i) => k === String(i));
  if (isList) return entries.map(([, v]) => v);
  return Object.fromEntries(entries);
}
