// Report exports in browser mode: the file the report service wrote is offered under an unguessable
// path for ten minutes (ReportExport.location becomes that URL, availableUntil says until when), as a
// real download (Content-Disposition: attachment, with the UTF-8 name). It may be fetched again within
// that time (a download the browser dropped can be retried); the file itself stays in savedTo.
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
      const until = now() + TTL_MS;
      for (const [key, entry] of entries) if (entry.until < now()) entries.delete(key);
      entries.set(id, { file: exp.location, fileName: exp.fileName, mimeType: exp.mimeType, until });
      return { ...exp, location: `${PREFIX}${id}/${encodeURIComponent(exp.fileName)}`, availableUntil: new Date(until).toISOString(), savedTo: exp.location };
    },
    async serve(req, res) {
      const pathname = new URL(req.url ?? '/', 'http://x').pathname;
      if (!pathname.startsWith(PREFIX)) return false;
      const id = pathname.slice(PREFIX.length).split('/')[0] ?? '';
      const entry = entries.get(id);
      if (!entry || entry.until < now() || req.method !== 'GET') {
        if (entry && entry.until < now()) entries.delete(id);
        res.writeHead(404, { 'content-type': 'text/plain' }).end('This download link has expired. The file is still in the exports folder of the terminal.');
        return true;
      }
      const body = await readFile(entry.file).catch(() => null);
      if (!body) {
        entries.delete(id);
        res.writeHead(404, { 'content-type': 'text/plain' }).end('This file is no longer on the terminal.');
        return true;
      }
      res.writeHead(200, {
        'content-type': entry.mimeType,
        'content-length': body.length,
        'content-disposition': `attachment; filename="${entry.fileName.replace(/[^\w.-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(entry.fileName)}`,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
      });
      res.end(body);
      return true;
    },
  };
}
