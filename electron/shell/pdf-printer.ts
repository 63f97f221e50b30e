// Report PDFs by Chromium's printToPDF in a hidden, script-less, offline window. The HTML goes through
// a private temp file (loadFile) rather than a data: URL: a busy day's report is ~1 MB URL-encoded,
// near Chromium's 2 MB URL limit. Takes the Electron pieces as arguments (only `import type` here),
// so it is tested in plain Node with stand-ins.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PdfPrinter } from '../reports';

export interface PrintWindow {
  loadFile(filePath: string): Promise<void>;
  readonly webContents: { printToPDF(options: { pageSize: 'A4'; printBackground: boolean; preferCSSPageSize: boolean }): Promise<Buffer> };
  destroy(): void;
}
export type PrintWindowConstructor = new (options: {
  show: false;
  webPreferences: { sandbox: true; contextIsolation: true; javascript: false; partition: string };
}) => PrintWindow;
export interface PrintSession {
  readonly webRequest: { onBeforeRequest(listener: (details: { url: string }, callback: (response: { cancel: boolean }) => void) => void): void };
}

export interface PdfPrinterDeps {
  BrowserWindow: PrintWindowConstructor;
  /** Electron's session.fromPartition. */
  fromPartition: (partition: string) => PrintSession;
  /** Where the temp directories go; default os.tmpdir(). */
  tmpDir?: string;
}

const PARTITION = 'report-print';
export const REPORT_FILE = 'report.html';

export function createPdfPrinter(deps: PdfPrinterDeps): PdfPrinter {
  // Files being printed right now: the only file: URLs the print window may load (besides inline data:).
  const allowed = new Set<string>();
  let filtering = false;
  const allow = (url: string): boolean => {
    if (url.startsWith('data:')) return true;
    if (!url.startsWith('file:')) return false;
    try {
      return allowed.has(fileURLToPath(url));
    } catch {
      return false;
    }
  };
  return {
    async print(html) {
      if (!filtering) {
        // One listener per session (a second call would replace the first), checking the live set.
        deps.fromPartition(PARTITION).webRequest.onBeforeRequest((details, cb) => cb({ cancel: !allow(details.url) }));
        filtering = true;
      }
      // mkdtemp makes the directory 0700; the file itself is 0600 and must not exist yet.
      const dir = await mkdtemp(path.join(deps.tmpDir ?? os.tmpdir(), 'kp-report-'));
      const file = path.join(dir, REPORT_FILE);
      let win: PrintWindow | null = null;
      try {
        await writeFile(file, html, { encoding: 'utf8', mode: 0o600, flag: 'wx' });
        allowed.add(file);
        win = new deps.BrowserWindow({ show: false, webPreferences: { sandbox: true, contextIsolation: true, javascript: false, partition: PARTITION } });
        await win.loadFile(file);
        return await win.webContents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
      } finally {
        win?.destroy();
        allowed.delete(file);
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
