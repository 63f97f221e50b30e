// One CSP per page, defined in shared/csp.ts: the built pages' meta tags, Electron's header and browser
// mode's header are the same string; scripts are never inline; and both pages work under it in real
// Chromium (the bridge's websocket connects, React's style props apply, no violation is reported).
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../electron/core';
import { startBrowserMode, type BrowserMode } from '../../electron/browser-server/start';
import { demoLauncher } from '../../electron/demo/index';
import { appResponseHeaders } from '../../electron/shell/security';
import { FRAME_SOURCES, metaCspOf, pageCsp, withCspMeta, type CspPage } from '../../shared';
import { buildRenderer, CHROMIUM_ARGS } from '../e2e/stack';
import { CHROMIUM_PATH, needsChromium } from '../support/programs';
import { tempDir } from '../support/temp';
import { createHash } from 'node:crypto';
import { appPageCsp } from '../../electron/app/page-csp';
import { receiptCss } from '../../shared';
import { PAPER_WIDTHS } from '../../shared';

const PAGES: readonly CspPage[] = ['cashier', 'display'];
let rendererDir: string;
let dataDir: string;
let mode: BrowserMode;
beforeAll(async () => {
  rendererDir = await buildRenderer();
  dataDir = tempDir('csp').dir;
  mode = await startBrowserMode({ dataDir, port: 0, staticDir: rendererDir, demo: demoLauncher(), tuning: { logger: silentLogger() } });
}, 90_000);
afterAll(async () => {
  await mode?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The value of one directive, e.g. script-src → "'self'". */
function directive(csp: string, name: string): string | undefined {
  return csp.split(';').map((d) => d.trim()).find((d) => d.startsWith(`${name} `))?.slice(name.length + 1);
}

describe('one content security policy', () => {
  it('allows no inline or eval script, no inline style, and frames nothing on either page', () => {
    for (const page of PAGES) {
      for (const csp of [pageCsp(page), pageCsp(page, { bridgeHost: '127.0.0.1:5173' })]) {
        expect(directive(csp, 'script-src')).toBe("'self'");
        expect(directive(csp, 'style-src')).toBe("'self'");
        expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes/);
        // no wildcard anywhere but (later) the hosted checkout's frame hosts
        expect(csp.split(';').filter((d) => !d.trim().startsWith('frame-src')).join(';')).not.toContain('*');
        expect(directive(csp, 'default-src')).toBe("'none'");
        expect(directive(csp, 'frame-ancestors')).toBe("'none'");
        // Until the hosted checkout fills FRAME_SOURCES.display, no page may frame anything.
        expect(directive(csp, 'frame-src')).toBe(FRAME_SOURCES[page].length ? FRAME_SOURCES[page].join(' ') : "'none'");
      }
    }
    expect(FRAME_SOURCES.cashier).toEqual([]);
  });

  it('connect-src: only self in Electron, self and exactly the own ws:// host in browser mode', () => {
    expect(directive(pageCsp('cashier'), 'connect-src')).toBe("'self'");
    expect(directive(pageCsp('display', { bridgeHost: '192.0.2.2:8080' }), 'connect-src')).toBe("'self' ws://192.0.2.2:8080");
  });

  it('the cashier page allows exactly the receipt stylesheets inline (by hash), the display none', () => {
    const hashes = PAPER_WIDTHS.map((paper) => `'sha256-${createHash('sha256').update(receiptCss(paper)).digest('base64')}'`);
    expect(directive(appPageCsp('cashier'), 'style-src')).toBe(["'self'", ...hashes].join(' '));
    expect(directive(appPageCsp('display'), 'style-src')).toBe("'self'");
  });

  it('the built pages carry in their meta tag the very string Electron sends as the header', () => {
    const rendererRoot = path.resolve('/opt/kakaopay/resources/app/dist/renderer');
    for (const page of PAGES) {
      const html = readFileSync(path.join(rendererDir, `${page}.html`), 'utf8');
      const meta = metaCspOf(html);
      expect(meta).toBe(appPageCsp(page));
      // exactly one policy per page, placed before any script
      expect(html.match(/Content-Security-Policy/g)).toHaveLength(1);
      expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'));
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script element
      const header = appResponseHeaders(pathToFileURL(path.join(rendererRoot, `${page}.html`)).href, {}, rendererRoot);
      expect(header?.['Content-Security-Policy']).toEqual([meta]);
    }
  });

  it('browser mode sends the same string as the header and in the page it serves, with its own ws:// host', async () => {
    for (const page of PAGES) {
      const res = await fetch(`http://127.0.0.1:${mode.server.port}/${page}.html`);
      const header = res.headers.get('content-security-policy');
      const body = await res.text();
      // This app runs the embedded demo: the display may frame its loopback sandbox (csp-mode.test.ts).
      expect(mode.app.settings.get().mode).toBe('demo');
      expect(header).toBe(appPageCsp(page, { bridgeHost: `127.0.0.1:${mode.server.port}`, demo: true }));
      expect(metaCspOf(body)).toBe(header);
      expect(body.match(/Content-Security-Policy/g)).toHaveLength(1);
    }
  });

  it('puts the meta tag after the charset declaration when a page has none yet', () => {
    const html = withCspMeta('<html><head><meta charset="UTF-8" /><title>x</title></head></html>', pageCsp('cashier'));
    expect(html.indexOf('charset')).toBeLessThan(html.indexOf('Content-Security-Policy'));
    expect(metaCspOf(html)).toBe(pageCsp('cashier'));
  });
});

describe.skipIf(needsChromium.missing)(needsChromium.title('both pages under the policy in Chromium'), () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
  });

  /** A page that records every CSP violation (the event fires for meta and header policies alike). */
  async function open(url: string): Promise<{ page: Page; violations: () => Promise<string[]>; bridgeHello: Promise<void> }> {
    const context = await browser.newContext();
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __csp: string[] }).__csp = seen;
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const bridgeHello = new Promise<void>((resolve) => {
      page.on('websocket', (ws) => ws.on('framereceived', (f) => typeof f.payload === 'string' && f.payload.includes('"hello"') && resolve()));
    });
    await page.goto(url);
    return { page, violations: () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp), bridgeHello };
  }

  it('the cashier and the display connect their bridge and render, with no violation (React style props included)', async () => {
    const cashier = await open(mode.server.cashierUrl);
    const display = await open(mode.server.displayUrl);
    await Promise.all([cashier.bridgeHello, display.bridgeHello]);
    await display.page.locator('[data-screen="idle"]').waitFor();
    expect(await mode.app.invoke('sale:start', { amount: 1234, currency: 'SGD' })).toMatchObject({ ok: true });
    await display.page.locator('[data-screen="pending"]').waitFor();
    await expect.poll(() => cashier.page.evaluate(() => document.querySelectorAll('#root button').length)).toBeGreaterThan(5);
    // The countdown bar's width is a React style prop: applied through the CSSOM, allowed by style-src 'self'.
    const width = await display.page.locator('[data-testid="timer-bar"] span').evaluate((el) => (el as HTMLElement).style.width);
    expect(width).toMatch(/^\d+(\.\d+)?%$/);
    const css = await display.page.evaluate(() => document.styleSheets.length);
    expect(css).toBeGreaterThan(0);
    expect(await cashier.violations()).toEqual([]);
    expect(await display.violations()).toEqual([]);
    // …and the policy is really in force: an inline script and a foreign socket are refused.
    await display.page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__ran = true';
      document.body.append(s);
      try {
        new WebSocket('ws://evil.example:1/x');
      } catch {
        /* refused synchronously in some versions */
      }
    });
    await expect.poll(async () => (await display.violations()).length).toBeGreaterThanOrEqual(2);
    expect(await display.page.evaluate(() => (window as unknown as { __ran?: boolean }).__ran)).toBeUndefined();
    expect((await display.violations()).join('\n')).toMatch(/script-src/);
    expect((await display.violations()).join('\n')).toMatch(/connect-src/);
  }, 60_000);
});
