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
import { loadCashierLink, rememberPort } from './cashier-link';
import { createDownloads } from './downloads';
import { startBrowserServer, type BrowserServer } from './server';

export interface BrowserModeOptions {
  dataDir: string;
  /** The server's port; without one, the port of the last run (when free), so open pages find it again. */
  port?: number;
  /** Make a new cashier token: every cashier page opened with the old link is told it is out of date. */
  newCashierLink?: boolean;
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
    const link = loadCashierLink(options.dataDir, { renew: options.newCashierLink === true });
    const serve = (port: number): Promise<BrowserServer> => startBrowserServer({ app, staticDir, port, token: link.token, shareDisplay: app.settings.get().shareCustomerDisplay, downloads });
    const remembered = options.port === undefined ? link.port : undefined;
    // The last run's port may be taken by now: any free port then (the new link is printed as always).
    server = remembered === undefined ? await serve(options.port ?? 0) : await serve(remembered).catch((error: unknown) => {
      if (isAddressInUse(error)) return serve(0);
      throw error;
    });
    rememberPort(options.dataDir, link, server.port);
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

function isAddressInUse(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'EADDRINUSE';
}
