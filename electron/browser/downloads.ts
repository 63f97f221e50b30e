// Report exports in browser mode: the file the report service wrote is offered once, under an
// unguessable path, for ten minutes (ReportExport.location becomes that URL).
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ReportExport } from '../../shared';

const TTL_MS = 10 * 60_000;
const PREFIX = '/downloads/';

export interface Downloads {
  link(exp: ReportExport): ReportExport;
  /** Serves a download if the request is for one; false when the path is not a download. */
  serve(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
}

export function createDownloads(now: () => number = Date.now): Downloads {
  const entries = new Map<string, { file: string; fileName: string; mimeType: string; until: number }>();
  return {
    link(exp) {
      const id = randomBytes(18).toString('base64url');
      entries.set(id, { file: exp.location, fileName: exp.fileName, mimeType: exp.mimeType, until: now() + TTL_MS });
      return { ...exp, location: `${PREFIX}${id}/${encodeURIComponent(exp.fileName)}` };
    },
    async serve(req, res) {
      const pathname = new URL(req.url ?? '/', 'http://x').pathname;
      if (!pathname.startsWith(PREFIX)) return false;
      const id = pathname.slice(PREFIX.length).split('/')[0] ?? '';
      const entry = entries.get(id);
      entries.delete(id);
      if (!entry || entry.until < now() || req.method !== 'GET') {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('This download link has expired.');
        return true;
      }
      const body = await readFile(entry.file);
      res.writeHead(200, {
        'content-type': entry.mimeType,
        'content-length': body.length,
        'content-disposition': `attachment; filename="${entry.fileName.replace(/[^\w.-]/g, '_')}"`,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
      });
      res.end(body);
      return true;
    },
  };
}
