// The Reports screen in real Chromium at 1024×768, wired to the real report service (real SQLite,
// real Opn sandbox over HTTP) through a PosBridge that crosses into this process — the same
// request/Result shapes the app's IPC carries, validated with the shared invoke schemas.
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpnClient } from '../../../electron/core/opn/index';
import { CHROMIUM_ARGS } from '../../../electron/reports/pdf/chromium-printer';
import type { ReportService } from '../../../electron/reports/service';
import { createReportService } from '../../../electron/reports/service';
import { isInvokeChannel, requestSchema } from '../../../shared';
import type { Sandbox } from '../../../sandbox/index';
import { startSandbox } from '../../../sandbox/index';
import { CHROMIUM_PATH, needsChromium } from '../../support/programs';
import type { TestStore } from './fixtures';
import { addSale, noPrinter, saleId, setSale, tempStore } from './fixtures';

const DAY = '2026-11-20';
const PIN = '2468';
let t: TestStore;
let sb: Sandbox;
let browser: Browser;
let page: Page;
let svc: ReportService;
let pendingSale = '';

async function bundle(): Promise<string> {
  const out = await build({
    entryPoints: [path.join(import.meta.dirname, 'harness/screen-harness.tsx')],
    bundle: true, write: false, outdir: path.join(t.dir, 'bundle'), format: 'iife', jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' }, loader: { '.css': 'css' }, logLevel: 'silent',
  });
  const js = out.outputFiles.find((f) => f.path.endsWith('.js'))?.text ?? '';
  const css = out.outputFiles.filter((f) => f.path.endsWith('.css')).map((f) => f.text).join('\n');
  // The app's shared look when present in this checkout; the screen stands without it too.
  const baseCss = path.join(import.meta.dirname, '../../../renderer/styles/base.css');
  const base = fs.existsSync(baseCss) ? fs.readFileSync(baseCss, 'utf8') : '';
  return `<!doctype html><html><head><meta charset="utf-8"><style>${base}\n${css}</style></head><body><div id="root"></div><script>${js.replaceAll('</script', '<\\/script')}</script></body></html>`;
}

async function invoke(channel: string, raw: unknown): Promise<unknown> {
  // The contract's own schemas, as the gate applies them.
  if (!isInvokeChannel(channel)) return { ok: false, error: { code: 'unknown_channel', message: channel } };
  const checked = requestSchema(channel).safeParse(raw ?? {});
  if (!checked.success) return { ok: false, error: { code: 'invalid_input', message: checked.error.issues[0]?.message ?? 'invalid' } };
  const parsed = { channel, value: checked.data };
  const req = parsed.value as { pin?: string; day?: string; format?: 'csv-summary' | 'csv-sales' | 'pdf' | 'csv-reconciliation' };
  if ('pin' in req && req.pin !== PIN) return { ok: false, error: { code: 'pin_invalid', message: 'That PIN is not right.', data: { remaining: 4 } } };
  try {
    switch (parsed.channel) {
      case 'manager:unlock':
        return { ok: true, value: { unlocked: true } };
      case 'settings:get':
        return { ok: true, value: { timeZone: 'Asia/Singapore', dayStartMinutes: 0, shopName: 'Kimchi Corner' } };
      case 'reports:x': return { ok: true, value: svc.x(req.day ?? '') };
      case 'reports:z': return { ok: true, value: svc.z(req.day ?? '') };
      case 'reports:listZ': return { ok: true, value: svc.listZ() };
      case 'reports:reconcile': return { ok: true, value: await svc.reconcile(req.day ?? '') };
      case 'reports:export': return { ok: true, value: await svc.export(req.day ?? '', req.format ?? 'csv-summary') };
      default: return { ok: false, error: { code: 'unavailable', message: `not in this test: ${parsed.channel}` } };
    }
  } catch (e) {
    const err = e as { code?: string; message?: string };
    return { ok: false, error: { code: err.code ?? 'internal', message: err.message ?? 'failed' } };
  }
}

beforeAll(async () => {
  if (needsChromium.missing) return;
  t = tempStore();
  sb = await startSandbox({ country: 'SG', quiet: true, startTime: new Date('2026-11-20T03:00:00.000Z') });
  const opn = createOpnClient({ baseUrl: sb.baseUrl, secretKey: sb.secretKey, retries: 0 });
  for (const [i, amount] of [1250, 4800, 15000].entries()) {
    const id = saleId();
    const c = await opn.createCharge({ amount, currency: 'SGD', returnUri: 'https://shop.example/r', platformType: 'WEB', capture: true, metadata: { terminal_id: 'term_1', store_id: 'store_1', sale_id: id }, idempotencyKey: `screen-${i}` });
    const paid = await sb.completeCharge(c.id, 'successful');
    addSale(t.store, { id, amount, createdAt: c.created_at, chargeId: c.id, cashier: i ? 'Ji-woo' : 'Ann', fee: paid.fee, feeVat: paid.fee_vat, net: paid.net });
    await sb.clock.advance(3_600_000);
  }
  // A charge this terminal never recorded: the reconciliation must show it.
  await opn.createCharge({ amount: 777, currency: 'SGD', returnUri: 'https://shop.example/r', platformType: 'WEB', capture: true, metadata: { terminal_id: 'term_1', store_id: 'store_1', sale_id: 'sale_ghost0000000000' }, idempotencyKey: 'screen-ghost' });
  pendingSale = addSale(t.store, { amount: 990, createdAt: '2026-11-20T09:00:00.000Z', status: 'pending', chargeId: null });
  svc = createReportService({
    store: t.store, opn, printer: noPrinter, outputDir: path.join(t.dir, 'out'),
    settings: () => ({ shopName: 'Kimchi Corner', terminalId: 'term_1', timeZone: 'Asia/Singapore', dayStartMinutes: 0, currency: 'SGD' }),
  });
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH!, args: [...CHROMIUM_ARGS] });
  page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
  await page.exposeFunction('__posInvoke', invoke);
  await page.setContent(await bundle());
});
afterAll(async () => {
  await browser?.close();
  await sb?.stop();
  t?.cleanup();
});

describe.skipIf(needsChromium.missing)(needsChromium.title('Reports screen'), () => {
  it('asks for the PIN, shows the X report of a picked day, refuses Z with reasons, then closes it', async () => {
    await page.getByTestId('reports-pin').fill('1111');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Wrong PIN. 4 tries left.');
    await page.getByTestId('reports-pin').fill(PIN);
    await page.keyboard.press('Enter');

    await page.getByTestId('report-day').fill(DAY);
    await expect.poll(() => page.getByTestId('report-totals').textContent()).toContain('210.50');
    expect(await page.getByTestId('report-totals').textContent()).toMatch(/Successful sales3210\.50/);
    expect(await page.getByTestId('report-blockers').textContent()).toContain(pendingSale);

    // Z: reconciliation runs first; the pending sale blocks the confirm button.
    await page.getByTestId('z-open').click();
    await expect.poll(() => page.getByTestId('z-dialog').textContent()).toContain('1 difference');
    expect(await page.getByTestId('z-dialog').textContent()).toContain('Missing here');
    expect(await page.getByTestId('z-blockers').textContent()).toContain(`sale ${pendingSale} is still waiting`);
    expect(await page.getByTestId('z-confirm').isDisabled()).toBe(true);
    // Fits 1024×768 without sideways scrolling.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);
    if (process.env.REPORTS_KEEP_SCREENSHOT) await page.screenshot({ path: process.env.REPORTS_KEEP_SCREENSHOT.replace('.png', '-z.png') });
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('z-dialog').count()).toBe(0);

    // The sale resolves (it failed); the day closes with Z #1 and the button is gone for good.
    setSale(t.store, pendingSale, { status: 'failed', failureCode: 'payment_expired' });
    await page.getByTestId('z-open').click();
    await expect.poll(() => page.getByTestId('z-confirm').isDisabled()).toBe(false);
    await page.getByTestId('z-confirm').click();
    await expect.poll(() => page.getByTestId('z-closed').textContent()).toContain('Z #1');
    expect(await page.getByTestId('z-open').isDisabled()).toBe(true);
    expect(svc.listZ()[0]).toMatchObject({ number: 1, day: DAY });
  });

  it('exports from the screen and lists the written files', async () => {
    await page.getByTestId('export-csv-sales').click();
    await expect.poll(() => page.getByTestId('exports').textContent()).toContain('term_1_2026-11-20_sales.csv');
    const file = path.join(t.dir, 'out', 'term_1_2026-11-20_sales.csv');
    expect(fs.readFileSync(file, 'utf8')).toContain('Ji-woo');
    await page.getByTestId('reconcile').click();
    await expect.poll(() => page.getByTestId('reconcile-result').textContent()).toContain('3 matched');
    if (process.env.REPORTS_KEEP_SCREENSHOT) await page.screenshot({ path: process.env.REPORTS_KEEP_SCREENSHOT });
  });
});
