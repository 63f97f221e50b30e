// Browser-mode downloads of report exports, over a real HTTP server on loopback: an attachment with
// the file's name, fetchable again while the link is valid, refused once it has expired (the list in
// the Reports screen reads availableUntil to say so), and the file's place on disk kept in savedTo.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDownloads } from '../../../electron/browser-server/downloads';

let dir: string;
let server: Server;
let base: string;
let clock = Date.parse('2026-11-29T10:00:00Z');
const downloads = createDownloads(() => clock);

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'kp-dl-'));
  server = createServer((req, res) => {
    void downloads.serve(req, res).then((served) => served || res.writeHead(418).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

describe('report downloads in browser mode', () => {
  it('serves an attachment with its name until availableUntil, more than once, then refuses it', async () => {
    const file = path.join(dir, 'counter-1_2026-11-29_sales.csv');
    writeFileSync(file, '\ufeffkind,amount\r\nsale,20.00\r\n');
    const exp = downloads.link({ fileName: 'counter-1_2026-11-29_sales.csv', mimeType: 'text/csv', location: file, bytes: 30 });
    expect(exp.location).toMatch(/^\/downloads\/[\w-]{20,}\/counter-1_2026-11-29_sales\.csv$/);
    expect(exp.savedTo).toBe(file);
    expect(exp.availableUntil).toBe('2026-11-29T10:10:00.000Z');

    for (let i = 0; i < 2; i++) {
      const r = await fetch(base + exp.location);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-disposition')).toBe(`attachment; filename="counter-1_2026-11-29_sales.csv"; filename*=UTF-8''counter-1_2026-11-29_sales.csv`);
      expect(await r.text()).toContain('sale,20.00');
    }
    clock += 10 * 60_000 + 1;
    const late = await fetch(base + exp.location);
    expect(late.status).toBe(404);
    expect(await late.text()).toContain('exports folder');
  });

  it('a name outside ASCII keeps its UTF-8 form in filename*', async () => {
    const file = path.join(dir, 'report.pdf');
    writeFileSync(file, '%PDF-1.4');
    const exp = downloads.link({ fileName: '김치_2026-11-29.pdf', mimeType: 'application/pdf', location: file, bytes: 8 });
    const r = await fetch(base + exp.location);
    expect(r.headers.get('content-disposition')).toBe(`attachment; filename="___2026-11-29.pdf"; filename*=UTF-8''${encodeURIComponent('김치_2026-11-29.pdf')}`);
  });
});
