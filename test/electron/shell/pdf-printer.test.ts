// The Electron PDF printer without Electron: stand-in BrowserWindow and session record what the
// printer does. The HTML goes through a private temp file (0600, in its own mkdtemp directory), not a
// data: URL; only that file (and inline data:) may load; the file is gone after printing, even on failure.
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createPdfPrinter, REPORT_FILE } from '../../../electron/shell/pdf-printer';
import type { PrintSession, PrintWindow, PrintWindowConstructor } from '../../../electron/shell/pdf-printer';
import { tempDir } from '../../support/temp';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

interface Seen { options: unknown; loaded: string[]; contents: string[]; modes: number[]; dirModes: number[]; destroyed: boolean; filterAnswers: Record<string, boolean> }

function setup(fail = false): { tmp: string; windows: Seen[]; Ctor: PrintWindowConstructor; session: PrintSession; listeners: number } {
  const tmp = tempDir('pdf-printer-test').dir;
  dirs.push(tmp);
  const windows: Seen[] = [];
  let listener: ((d: { url: string }, cb: (r: { cancel: boolean }) => void) => void) | null = null;
  const state = { listeners: 0 };
  const cancelled = (url: string): boolean => {
    let cancel = true;
    listener?.({ url }, (r) => (cancel = r.cancel));
    return cancel;
  };
  class FakeWindow implements PrintWindow {
    private readonly seen: Seen;
    constructor(options: unknown) {
      this.seen = { options, loaded: [], contents: [], modes: [], dirModes: [], destroyed: false, filterAnswers: {} };
      windows.push(this.seen);
    }
    loadFile(file: string): Promise<void> {
      this.seen.loaded.push(file);
      this.seen.contents.push(readFileSync(file, 'utf8'));
      this.seen.modes.push(statSync(file).mode & 0o777);
      this.seen.dirModes.push(statSync(path.dirname(file)).mode & 0o777);
      const own = pathToFileURL(file).href;
      const other = pathToFileURL(path.join(tmp, 'elsewhere.html')).href;
      for (const url of [own, other, 'https://example.com/x.png', 'data:image/png;base64,AAAA']) this.seen.filterAnswers[url === own ? 'own' : url === other ? 'other' : url] = !cancelled(url);
      return Promise.resolve();
    }
    readonly webContents = { printToPDF: (): Promise<Buffer> => (fail ? Promise.reject(new Error('printer broke')) : Promise.resolve(Buffer.from('%PDF-1.7 fake'))) };
    destroy(): void {
      this.seen.destroyed = true;
    }
  }
  const session: PrintSession = {
    webRequest: {
      onBeforeRequest: (l) => {
        listener = l;
        state.listeners++;
      },
    },
  };
  return { tmp, windows, Ctor: FakeWindow, session, get listeners() { return state.listeners; } };
}

describe('createPdfPrinter', () => {
  it('prints a large report from a private temp file, loads only that file offline and script-less, deletes it after', async () => {
    const s = setup();
    const printer = createPdfPrinter({ BrowserWindow: s.Ctor, fromPartition: () => s.session, tmpDir: s.tmp });
    // ~2.5 MB once URL-encoded: over Chromium's URL limit as a data: URL.
    const html = `<!doctype html><html><body>${'<p>결제 10,000 ₩ — row</p>\n'.repeat(30_000)}</body></html>`;
    expect(encodeURIComponent(html).length).toBeGreaterThan(2 * 1024 * 1024);

    const pdf = await printer.print(html);
    expect(pdf.toString()).toBe('%PDF-1.7 fake');
    const [w] = s.windows;
    expect(w?.options).toEqual({ show: false, webPreferences: { sandbox: true, contextIsolation: true, javascript: false, partition: 'report-print' } });
    expect(w?.loaded).toHaveLength(1);
    expect(path.basename(w?.loaded[0] ?? '')).toBe(REPORT_FILE);
    expect(path.dirname(path.dirname(w?.loaded[0] ?? ''))).toBe(s.tmp);
    expect(w?.contents[0]).toBe(html);
    expect(w?.modes[0]).toBe(0o600);
    expect(w?.dirModes[0]).toBe(0o700);
    expect(w?.filterAnswers).toEqual({ own: true, other: false, 'https://example.com/x.png': false, 'data:image/png;base64,AAAA': true });
    expect(w?.destroyed).toBe(true);
    expect(existsSync(w?.loaded[0] ?? '')).toBe(false);
    expect(readdirSync(s.tmp)).toEqual([]);

    // A second print reuses the one request filter; the first file is no longer allowed.
    await printer.print('<p>two</p>');
    expect(s.listeners).toBe(1);
    expect(s.windows[1]?.contents[0]).toBe('<p>two</p>');
    expect(readdirSync(s.tmp)).toEqual([]);
  });

  it('deletes the temp file and destroys the window when printing fails', async () => {
    const s = setup(true);
    const printer = createPdfPrinter({ BrowserWindow: s.Ctor, fromPartition: () => s.session, tmpDir: s.tmp });
    await expect(printer.print('<p>x</p>')).rejects.toThrow('printer broke');
    expect(s.windows[0]?.destroyed).toBe(true);
    expect(readdirSync(s.tmp)).toEqual([]);
  });
});
