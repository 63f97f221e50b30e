// Browser mode, as a function: the terminal app (with the demo stack when unconfigured) plus the
// HTTP/websocket server. `main.ts` calls it from the command line; the end-to-end tests call it
// in-process.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { createCdpPrinter } from '../reports/pdf/cdp-printer';
import { GateError } from '../app/errors';
import { openFileSecretBox } from '../app/file-secret-box';
import type { DemoLauncher } from '../app/runtime';
import { createTerminalApp, type TerminalApp, type TerminalAppOptions } from '../app/terminal-app';
import { createDownloads } from './downloads';
import { startBrowserServer, type BrowserServer } from './server';

export interface BrowserModeOptions {
  dataDir: string;
  port?: number;
  staticDir?: string;
  demo?: DemoLauncher;
  version?: string;
  /** `--restore <file>` (checked before use). */
  restoreFrom?: string;
  /** Test knobs passed to the app (QR lifetime, polling cadence, display hold). */
  tuning?: Pick<TerminalAppOptions, 'qrTtlMs' | 'pollIntervalMs' | 'displayHoldMs' | 'logger'>;
}

export interface BrowserMode {
  readonly app: TerminalApp;
  readonly server: BrowserServer;
  close(): Promise<void>;
}

/** dist/renderer, found next to the bundle (dist/electron) or from the source tree. */
export function findRendererDir(from: string = import.meta.dirname): string {
  const candidates = [process.env.KAKAOPAY_RENDERER_DIR, path.resolve(from, '../renderer'), path.resolve(from, '../../dist/renderer'), path.resolve(process.cwd(), 'dist/renderer')];
  const found = candidates.find((dir): dir is string => typeof dir === 'string' && existsSync(path.join(dir, 'cashier.html')));
  if (!found) throw new GateError('unavailable', 'The renderer is not built (dist/renderer/cashier.html is missing). Run `npm run build` first.');
  return found;
}

export async function startBrowserMode(options: BrowserModeOptions): Promise<BrowserMode> {
  const staticDir = options.staticDir ?? findRendererDir();
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  // Warm Chromium over its DevTools pipe: no playwright-core at run time.
  const printer = createCdpPrinter();
  const downloads = createDownloads();
  const app = await createTerminalApp({
    dataDir: options.dataDir,
    ...(options.restoreFrom ? { restoreFrom: options.restoreFrom } : {}),
    shell: 'browser',
    secretBox: openFileSecretBox(options.dataDir),
    pdfPrinter: printer,
    exportLink: (exp) => downloads.link(exp),
    ...(options.demo ? { demo: options.demo } : {}),
    ...(options.version ? { version: options.version } : {}),
    ...options.tuning,
  });
  let server: BrowserServer;
  try {
    server = await startBrowserServer({ app, staticDir, port: options.port ?? 0, shareDisplay: app.settings.get().shareCustomerDisplay, downloads });
  } catch (error) {
    await app.close();
    await printer.close();
    throw error;
  }
  return {
    app,
    server,
    async close() {
      await server.close();
      await app.close();
      await printer.close();
    },
  };
}
