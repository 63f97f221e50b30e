// Prints the report HTML with a headless system Chromium driven by playwright-core. One browser is
// started lazily and reused; every print gets a fresh page with JavaScript off and no network.
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';
import { ReportError } from '../errors';
import type { PdfPrinter } from './printer';

import { CHROMIUM_ARGS } from './chromium-args';

export { CHROMIUM_ARGS } from './chromium-args';

export interface ChromiumPrinterOptions {
  /** Default: env CHROMIUM_PATH, else /usr/bin/chromium. */
  readonly executablePath?: string;
  readonly timeoutMs?: number;
}

export interface ChromiumPrinter extends PdfPrinter {
  close(): Promise<void>;
}

export function createChromiumPrinter(options: ChromiumPrinterOptions = {}): ChromiumPrinter {
  const executablePath = options.executablePath ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const timeout = options.timeoutMs ?? 60_000;
  let browser: Promise<Browser> | null = null;

  const getBrowser = (): Promise<Browser> => {
    browser ??= chromium.launch({ executablePath, headless: true, args: [...CHROMIUM_ARGS], timeout }).catch((e: unknown) => {
      browser = null;
      throw new ReportError('print_failed', `Could not start Chromium at ${executablePath}: ${e instanceof Error ? e.message.split('\n')[0] : 'unknown error'}`, { reason: 'chromium_start' });
    });
    return browser;
  };

  return {
    async print(html) {
      const b = await getBrowser();
      const context = await b.newContext({ javaScriptEnabled: false, offline: true });
      try {
        const page = await context.newPage();
        await page.setContent(html, { waitUntil: 'load', timeout });
        return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
      } finally {
        await context.close();
      }
    },
    async close() {
      const pending = browser;
      browser = null;
      if (pending) await (await pending.catch(() => null))?.close();
    },
  };
}
