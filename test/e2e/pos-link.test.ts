// The POS link end to end in browser mode (Chromium, the demo stack): the reference till creates a
// checkout, the customer display shows its cart and KakaoPay's QR, the customer pays in the sandbox
// wallet, the till prints completed; a till killed mid-payment finds the outcome by its reference; the
// same request twice makes one sale; a cancel from the till ends the sale on both screens.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PosCheckout } from '../../shared';
import { runTill } from '../../tools/pos-till/till';
import { docScreenshotsDir } from '../support/doc-shots';
import { needsChromium } from '../support/programs';
import { tempDir } from '../support/temp';
import { waitFor } from '../support/wait';
import { decodeQr } from '../sandbox/qr-decode';
import { paymentPanel, ROOT, useStack } from './stack';

const stack = useStack('pos-link');
const DOCS_SHOTS = docScreenshotsDir();
let base = '';
const configDir = tempDir('pos-till').dir;

beforeAll(async () => {
  if (needsChromium.missing) return;
  const control = stack.mode.app.runtime.posLink();
  const status = await control.configure({ enabled: true, allowLan: false, port: 0 });
  base = status.loopbackUrl ?? '';
  const code = control.createPairingCode({ name: 'Till 1', scopes: ['payments', 'refunds'] });
  expect(await runTill(['pair', '--pair', code.code, '--url', base, '--config-dir', configDir], { out: () => undefined })).toBe(0);
}, 30_000);

/** The customer's phone: the QR read off the display's hosted checkout, Pay pressed in the wallet. */
async function payWithWallet(display: Page): Promise<void> {
  const frameEl = display.getByTestId('hosted-checkout');
  await display.frameLocator('[data-testid="hosted-checkout"]').getByTestId('kakaopay-checkout').waitFor();
  const walletUrl = await waitFor(async () => decodeQr(await frameEl.screenshot()), 'a readable QR on the display');
  expect(walletUrl).toMatch(/\/wallet\/pay2_test_\w+$/);
  const phone = await stack.browser.newPage({ viewport: { width: 390, height: 844 } });
  phone.setDefaultTimeout(10_000);
  try {
    await phone.goto(walletUrl);
    await phone.getByRole('button', { name: 'Pay' }).click();
    await phone.getByTestId('wallet-done').waitFor();
  } finally {
    await phone.close();
  }
}

const tillCli = (args: string[]) => spawn(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(ROOT, 'tools/pos-till/cli.ts'), ...args, '--config-dir', configDir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });

describe.skipIf(needsChromium.missing)(needsChromium.title('the POS link end to end (browser mode, Chromium)'), () => {
  it('npm run pos -- pay 12.50: the display shows the cart and the QR, the customer pays, the till prints completed', async () => {
    const out: string[] = [];
    const run = runTill(['pay', '12.50', '--ref', 'A-1042', '--note', 'Table 4', '--item', 'Kimchi stew:2:6.25', '--config-dir', configDir], { out: (l) => out.push(l) });
    await stack.display.locator('[data-screen="pending"]').waitFor({ timeout: 15_000 });
    await stack.display.getByTestId('display-cart').waitFor();
    expect(await stack.display.getByTestId('cart-line').allTextContents()).toEqual(['Kimchi stew2 × S$6.25S$12.50']);
    await paymentPanel(stack.cashier, 'pending').waitFor();
    expect(await stack.cashier.getByTestId('till-origin-title').textContent()).toBe('From Till 1 · ref A-1042');
    mkdirSync(DOCS_SHOTS, { recursive: true });
    await stack.cashier.screenshot({ path: path.join(DOCS_SHOTS, 'pos-link-cashier.png') });
    await stack.display.screenshot({ path: path.join(DOCS_SHOTS, 'pos-link-display.png') });
    await payWithWallet(stack.display);
    expect(await run).toBe(0);
    expect(out.at(-1)).toMatch(/^completed · SGD 12\.50 · ref A-1042 · chk_\w+ · sale_\w+ · chrg_\w+$/);
    await stack.display.locator('[data-screen="paid"]').waitFor();
    await paymentPanel(stack.cashier, 'paid').waitFor();
  }, 90_000);

  it('a till killed mid-payment finds the outcome by its reference: paid once, never charged again', async () => {
    await stack.cashier.getByTestId('new-sale').click({ timeout: 2_000 }).catch(() => undefined);
    const charges = stack.handles().sandbox.charges().length;
    const till = tillCli(['pay', '20.00', '--ref', 'B-77']);
    await stack.display.locator('[data-screen="pending"]').waitFor({ timeout: 30_000 });
    till.kill('SIGKILL');
    await new Promise((r) => till.once('exit', r));
    await payWithWallet(stack.display);
    await stack.display.locator('[data-screen="paid"]').waitFor();
    const out: string[] = [];
    expect(await runTill(['pay', '20.00', '--ref', 'B-77', '--config-dir', configDir], { out: (l) => out.push(l) })).toBe(0);
    expect(out).toEqual([expect.stringMatching(/^already paid: completed · SGD 20\.00 · ref B-77/)]);
    expect(stack.handles().sandbox.charges().length).toBe(charges + 1);
  }, 90_000);

  it('the same request twice makes one checkout and one sale; a cancel from the till ends it on both screens', async () => {
    const key = (await import('node:fs')).readFileSync(path.join(configDir, 'till.json'), 'utf8');
    const apiKey = (JSON.parse(key) as { apiKey: string }).apiKey;
    const body = JSON.stringify({ amount: 800, currency: 'SGD', reference_id: 'C-5', idempotency_key: 'C-5-once' });
    const post = () => fetch(`${base}/v1/checkouts`, { method: 'POST', headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' }, body }).then(async (r) => ({ status: r.status, body: (await r.json()) as PosCheckout }));
    const [a, b] = await Promise.all([post(), post()]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.id).toBe(b.body.id);
    await stack.display.locator('[data-screen="pending"]').waitFor({ timeout: 15_000 });
    const sales = stack.mode.app.runtime.core().listSales({ query: 'C-5' });
    expect(sales.map((s) => s.origin?.referenceId)).toEqual(['C-5']);
    const out: string[] = [];
    expect(await runTill(['cancel', '--ref', 'C-5', '--config-dir', configDir], { out: (l) => out.push(l) })).toBe(0);
    expect(out[0]).toMatch(/^canceled · SGD 8\.00 · ref C-5/);
    await stack.display.locator('[data-screen="cancelled"]').waitFor();
    await paymentPanel(stack.cashier, 'cancelled').waitFor();
    expect(stack.mode.app.runtime.core().getReceipt(sales[0]!.id).sale.status).toBe('cancelled');
  }, 90_000);
});
