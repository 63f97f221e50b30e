// Serves the built renderer (dist/renderer) read-only. An HTML page gets its policy from shared/csp.ts
// with the bridge's ws:// host added, as the header and in its meta tag (the same string), plus headers
// a browser honours only from HTTP. Paths never leave the folder.
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { appPageCsp } from '../app/page-csp';
import { cspPageOf, withCspMeta } from '../../shared';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export async function serveStatic(root: string, req: IncomingMessage, res: ServerResponse, mode: { demo?: boolean } = {}): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed');
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  } catch {
    return send(res, 400, 'Bad request');
  }
  if (pathname === '/') {
    res.writeHead(302, { location: '/display.html' }).end();
    return;
  }
  const file = path.resolve(root, `.${pathname}`);
  if (!file.startsWith(root + path.sep) || pathname.includes('\0')) return send(res, 404, 'Not found');
  const type = TYPES[path.extname(file)];
  if (!type) return send(res, 404, 'Not found');
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return send(res, 404, 'Not found');
  }
  const html = type.startsWith('text/html');
  // The caller has checked Host against the server's own names (server.ts) before serving anything.
  const policy = html ? appPageCsp(cspPageOf(pathname), { bridgeHost: (req.headers.host ?? '').toLowerCase(), demo: mode.demo === true }) : null;
  if (policy) body = Buffer.from(withCspMeta(body.toString('utf8'), policy), 'utf8');
  res.writeHead(200, {
    'content-type': type,
    'content-length': body.length,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': html ? 'no-store' : 'public, max-age=3600',
    ...(policy ? { 'content-security-policy': policy, 'x-frame-options': 'DENY' } : {}),
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function send(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' }).end(text);
}
