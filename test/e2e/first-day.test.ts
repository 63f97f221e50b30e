// A shop's first day at the counter (issue 12, points 7 and 10–13), end to end in Chromium against the
// demo stack: PIN entry, dialogs that keep the keyboard, a result screen that cannot charge twice,
// texts written for whoever reads them, and an export the browser really downloads.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { paymentPanel, shot, startCharge, useStack } from './stack';
import { needsChromium } from '../support/programs';

const stack = useStack('day');

const panel = paymentPanel;

/** Types an amount with the keyboard and presses Enter; returns the charge id once waiting. */
const charge = (typed: string): Promise<string> => startCharge(stack.cashier, typed);

async function pay(chargeId: string, outcome: 'successful' | { failureCode: string } = 'successful'): Promise<void> {
  await stack.handles().sandbox.completeCharge(chargeId, outcome);
}

/** True when the focused element is inside the element matched by `selector`. */
const focusInside = (page: Page, selector: string) => page.evaluate((s) => Boolean(document.querySelector(s)?.contains(document.activeElement)), selector);

async function openSale(chargeId: string): Promise<void> {
  const page = stack.cashier;
  await page.keyboard.press('F2');
  await page.getByTestId('sales-search').fill(chargeId);
  await expect.poll(() => page.locator('[data-sale-id]').count()).toBe(1);
  await page.getByTestId('open-sale').click();
  await page.getByTestId('sale-detail').waitFor();
}

describe.skipIf(needsChromium.missing)(needsChromium.title("a shop's first day (SG demo, browser mode, Chromium)"), () => {
  it('after Paid, Charge cannot charge the same amount again, and a typed digit starts the next sale', async () => {
    const page = stack.cashier;
    const chargeId = await charge('20');
    // The field is for the next sale once the sale holds the amount.
    expect(await page.getByTestId('amount-input').inputValue()).toBe('');
    await pay(chargeId);
    await panel(page, 'paid').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('charge').isDisabled()).toBe(true);
    expect(await page.getByTestId('charge').locator('kbd').count()).toBe(0);
    const before = stack.handles().sandbox.charges().length;
    await page.getByTestId('charge').click({ force: true });
    expect(stack.handles().sandbox.charges().length).toBe(before);
    // Focus is on "New sale"; a digit typed now starts the next sale with that digit.
    await page.keyboard.press('7');
    await panel(page, 'idle').waitFor();
    expect(await page.getByTestId('amount-input').inputValue()).toBe('7');
    await page.keyboard.type('5');
    expect(await page.getByTestId('amount-input').inputValue()).toBe('75');
    expect(await page.getByTestId('amount-reason').textContent()).toBe('Charge S$75.00');
    await page.keyboard.press('Escape');
  });

  it("amounts read as money and counts take the language's plural ('1 sale')", async () => {
    const page = stack.cashier;
    const input = page.getByTestId('amount-input');
    await input.fill('20000.01');
    await expect.poll(() => page.getByTestId('amount-reason').textContent()).toBe('The maximum for KakaoPay is S$20,000.00.');
    await input.fill('0.5');
    await expect.poll(() => page.getByTestId('amount-reason').textContent()).toBe('The minimum for KakaoPay is S$1.00.');
    await input.fill('');
    await page.keyboard.press('F2');
    await expect.poll(() => page.locator('.list-head p').textContent()).toContain('1 sale · S$20.00 collected');
    await page.keyboard.press('F1');
  });

  it('a failed payment: the cashier reads the precise reason, the customer a neutral sentence in each display language', async () => {
    const chargeId = await charge('42.50');
    await stack.display.locator('[data-screen="pending"]').waitFor({ timeout: 10_000 });
    // The countdown's label is in every display language, not Korean only (once the QR is on screen).
    const timer = stack.display.getByTestId('display-countdown');
    await expect.poll(() => timer.locator('[lang="en"]').textContent()).toBe('QR valid for');
    expect(await timer.locator('[lang="ko"]').textContent()).toBe('QR 유효시간');
    await pay(chargeId, { failureCode: 'insufficient_fund' });
    await panel(stack.cashier, 'failed').waitFor({ timeout: 10_000 });
    expect(await stack.cashier.getByTestId('failure-text').textContent()).toContain('balance or limit is not enough');
    await stack.display.locator('[data-screen="failed"]').waitFor({ timeout: 10_000 });
    const customer = (await stack.display.locator('main').textContent()) ?? '';
    expect(customer).toContain('The payment did not go through. Please try again or ask the cashier.');
    expect(customer).not.toMatch(/balance|limit|잔액|한도/);
    await shot(stack.display, 'display-failed-neutral');
  });

  it('a wrong PIN is cleared from the field: four wrong tries, then the right PIN typed after them opens Settings', async () => {
    const page = stack.cashier;
    await page.keyboard.press('F4');
    const pin = page.getByTestId('pin-input');
    await pin.waitFor();
    for (let i = 0; i < 4; i++) {
      await page.keyboard.type('9999');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByTestId('pin-error').textContent()).toContain(`${4 - i} ${4 - i === 1 ? 'try' : 'tries'} left`);
      expect(await pin.inputValue()).toBe('');
    }
    expect(await page.getByTestId('pin-error').textContent()).toBe('Wrong PIN. 1 try left.');
    await page.keyboard.type('1234');
    await page.keyboard.press('Enter');
    await page.getByTestId('setting-shopName').waitFor();
  });

  it('Settings at 1280×800: no card covers another, every control fits its card; a short token gets a human message', async () => {
    const page = stack.cashier;
    await page.setViewportSize({ width: 1280, height: 800 });
    try {
      const cards = await page.locator('.settings-grid > fieldset.card').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
      expect(cards.length).toBe(7); // shop, terminal & Opn, forwarder & security, receipts & printer, backups, rebuild from Opn, POS link
      for (let i = 0; i < cards.length; i++) {
        for (let j = i + 1; j < cards.length; j++) {
          const a = cards[i]!;
          const b = cards[j]!;
          const overlap = a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
          expect(overlap, `cards ${i} and ${j} overlap`).toBe(false);
        }
      }
      const escaping = await page.locator('.settings-grid > fieldset.card').evaluateAll((els) =>
        els.flatMap((card) => {
          const box = card.getBoundingClientRect();
          return [...card.querySelectorAll('input, select')]
            .filter((c) => {
              const r = c.getBoundingClientRect();
              return r.width > 0 && (r.left < box.left - 0.5 || r.right > box.right + 0.5);
            })
            .map((c) => c.outerHTML.slice(0, 60));
        }),
      );
      expect(escaping).toEqual([]);
      await shot(page, 'cashier-settings-1280x800');

      await page.getByTestId('setting-forwarderToken').fill('abc');
      const message = await page.getByTestId('setting-forwarderToken').locator('xpath=..').locator('.error').textContent();
      expect(message).toContain('16 to 200 characters');
      expect(message).toContain('Copy the whole token');
      expect(message).not.toMatch(/Too small|expected string/);
      await page.getByTestId('setting-forwarderToken').fill('');
    } finally {
      await page.setViewportSize({ width: 1024, height: 768 });
    }
  });

  it('switching the country to Thailand ticks Thai where the manager sees it, and an unticked box stays unticked', async () => {
    const page = stack.cashier;
    await page.getByTestId('setting-country').selectOption('TH');
    expect(await page.getByTestId('display-language-th').isChecked()).toBe(true);
    await page.getByTestId('display-language-th').uncheck();
    // Keep the cashier window in English for the rest of this file.
    await page.getByTestId('setting-cashierLanguage').selectOption('en');
    await page.getByTestId('save-settings').click();
    await expect.poll(() => page.getByTestId('settings-status').textContent()).toBe('Saved.');
    const saved = stack.mode.app.settings.get();
    expect(saved.country).toBe('TH');
    expect(saved.displayLanguages).toEqual(['ko', 'en']);
    // And back to Singapore for the sales below.
    await page.getByTestId('setting-country').selectOption('SG');
    await page.getByTestId('save-settings').click();
    await expect.poll(() => stack.mode.app.settings.get().country).toBe('SG');
    // A new country restarts the demo's sandbox and forwarder: the answer (and the next sale) waits for it.
    const runtime = stack.mode.app.runtime;
    await expect.poll(() => {
      try {
        runtime.core();
        return !runtime.recovering();
      } catch {
        return false;
      }
    }, { timeout: 20_000 }).toBe(true);
    await page.keyboard.press('F1');
  });

  it('keyboard-only partial refund: focus stays in the dialog (Tab cycles inside, Esc closes), the field empties, and the void says why', async () => {
    const page = stack.cashier;
    const chargeId = await charge('50');
    await pay(chargeId);
    await panel(page, 'paid').waitFor({ timeout: 10_000 });
    await openSale(chargeId);
    expect(await focusInside(page, '[data-testid="sale-detail"]')).toBe(true);
    // Tab to the refund field, type, Tab to Refund, Enter: all from the keyboard.
    for (let i = 0; i < 10 && !(await page.getByTestId('refund-amount').evaluate((e) => e === document.activeElement)); i++) await page.keyboard.press('Tab');
    await page.keyboard.type('5');
    await page.keyboard.press('Tab');
    expect(await page.getByTestId('refund').evaluate((e) => e === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByTestId('pin-input').waitFor();
    expect(await page.getByRole('dialog', { name: 'Refund S$5.00' }).count()).toBe(1);
    await page.keyboard.type('1234');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('detail-message').textContent(), { timeout: 10_000 }).toContain('Refunded S$5.00');
    expect(await page.getByTestId('refund-amount').inputValue()).toBe('');
    // A same-day partial refund is a void at Opn: the line says so.
    const lines = (await page.getByTestId('refund-lines').textContent()) ?? '';
    expect(lines).toMatch(/Void S\$5\.00/);
    expect(lines).toContain('refunded before the cut-off');
    expect(await page.getByTestId('detail-message').textContent()).toContain('voided before the cut-off');
    // Focus came back into the dialog; Tab never leaves it.
    await expect.poll(() => focusInside(page, '[data-testid="sale-detail"]')).toBe(true);
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press(i % 3 === 2 ? 'Shift+Tab' : 'Tab');
      expect(await focusInside(page, '[data-testid="sale-detail"]'), `after Tab #${i + 1}`).toBe(true);
    }
    await shot(page, 'cashier-refund-as-void');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('sale-detail').count()).toBe(0);
    const db = new Database(stack.mode.app.runtime.dbPath(), { readonly: true });
    const refunds = db.prepare("SELECT amount FROM refunds WHERE status = 'succeeded'").all();
    db.close();
    expect(refunds).toEqual([{ amount: 500 }]);
  });

  it('the void dialog shows the amount; after the void, focus stays in the dialog and Esc still closes it', async () => {
    const page = stack.cashier;
    const chargeId = await charge('12');
    await pay(chargeId);
    await panel(page, 'paid').waitFor({ timeout: 10_000 });
    await openSale(chargeId);
    await page.getByTestId('void').click();
    await page.getByTestId('pin-input').waitFor();
    expect(await page.getByRole('dialog', { name: 'Void this payment of S$12.00' }).count()).toBe(1);
    // Esc closes only the PIN dialog.
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('pin-input').count()).toBe(0);
    expect(await page.getByTestId('sale-detail').count()).toBe(1);
    await page.getByTestId('void').click();
    await page.keyboard.type('1234');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('detail-message').textContent(), { timeout: 10_000 }).toBe('The payment of S$12.00 was voided.');
    await expect.poll(() => focusInside(page, '[data-testid="sale-detail"]')).toBe(true);
    await page.keyboard.press('Tab');
    expect(await focusInside(page, '[data-testid="sale-detail"]')).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('sale-detail').count()).toBe(0);
    await page.keyboard.press('F1');
  });

  it('browser mode: a sales CSV export is downloaded by the browser, parses back, and the list shows its link and the folder on the terminal', async () => {
    const page = stack.cashier;
    await page.keyboard.press('F3');
    await page.getByTestId('pin-input').waitFor();
    await page.keyboard.type('1234');
    await page.keyboard.press('Enter');
    await page.getByTestId('report-totals').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv-sales').click()]);
    expect(download.suggestedFilename()).toMatch(/_sales\.csv$/);
    const file = await download.path();
    const rows = parse<Record<string, string>>(readFileSync(file), { bom: true, columns: true, skip_empty_lines: true });
    // The headers stay English whatever the cashier's language; the day's paid sales are all there.
    expect(Object.keys(rows[0] ?? {})).toContain('charge_id');
    // (Switching the country above restarted the demo with a fresh receipt log: the sales since then.)
    const sales = rows.filter((r) => r.kind === 'sale');
    expect(sales.map((r) => [r.amount, r.status])).toEqual([
      ['50.00', 'partially_refunded'],
      ['12.00', 'voided'],
    ]);
    expect(rows.filter((r) => r.kind === 'void').map((r) => r.refunded)).toEqual(expect.arrayContaining(['5.00', '12.00']));

    // The list: a working link while the terminal offers it, and where the file stays.
    const link = page.getByTestId('export-link').first();
    expect(await link.getAttribute('download')).toBe(download.suggestedFilename());
    expect(await page.getByTestId('exports').textContent()).toContain('download link valid until');
    expect(await page.getByTestId('exports-folder').textContent()).toContain(path.join(stack.dataDir, 'exports'));
    const again = await page.request.get(new URL((await link.getAttribute('href'))!, stack.mode.server.cashierUrl).toString());
    expect(again.status()).toBe(200);
    expect(again.headers()['content-disposition']).toMatch(/^attachment; filename="[^"]+_sales\.csv"/);
    await shot(page, 'cashier-reports-export');
    await page.keyboard.press('F1');
  });

  it('the going-live wizard: keys, forwarder with its token command, a new PIN, then a summary where nothing is saved before Test all passes', async () => {
    const page = stack.cashier;
    const before = JSON.stringify(stack.mode.app.settings.get());
    await page.keyboard.press('F4');
    await page.getByTestId('pin-input').waitFor();
    await page.keyboard.type('1234');
    await page.keyboard.press('Enter');
    await page.getByTestId('go-live-open').click();
    await page.getByTestId('go-live-step-1').waitFor();
    expect(await focusInside(page, '[data-testid="go-live"]')).toBe(true);
    // Step 1: a live key while "test keys" is chosen is caught before going on.
    await page.getByTestId('live-opnPublicKey').fill('pkey_5abc123');
    await page.getByTestId('live-opnSecretKey').fill('skey_test_5abc123');
    await page.getByTestId('go-live-next').click();
    expect(await page.getByTestId('live-opnPublicKey-error').textContent()).toContain('test keys start with pkey_test_');
    await page.getByTestId('go-live-step-1').waitFor();
    await page.getByTestId('live-opnPublicKey').fill('pkey_test_5abc123');
    await page.getByTestId('go-live-next').click();
    // Step 2: where the token comes from, with this terminal's id; a short token gets a human message.
    await page.getByTestId('go-live-step-2').waitFor();
    expect(await page.getByTestId('token-command').textContent()).toBe('npm run forwarder -- token create counter-1');
    await page.getByTestId('live-forwarderUrl').fill('ws://127.0.0.1:9/terminals');
    await page.getByTestId('live-forwarderToken').fill('short');
    expect(await page.getByTestId('live-forwarderToken-error').textContent()).toContain('16 to 200 characters');
    await page.getByTestId('live-forwarderToken').fill('tok_0123456789abcdef0123');
    await page.keyboard.press('Enter');
    // Step 3: the demo PIN is refused, and both entries must match.
    await page.getByTestId('go-live-step-3').waitFor();
    await page.getByTestId('live-managerPin').fill('1234');
    await page.getByTestId('live-managerPinAgain').fill('1234');
    expect(await page.getByTestId('live-managerPin-error').textContent()).toContain('public demo PIN');
    await page.getByTestId('live-managerPin').fill('5678');
    await page.getByTestId('live-managerPinAgain').fill('5679');
    await page.getByTestId('go-live-next').click();
    expect(await page.getByTestId('live-managerPinAgain-error').textContent()).toBe('The two PINs differ.');
    await page.getByTestId('live-managerPinAgain').fill('5678');
    await page.getByTestId('go-live-next').click();
    // Step 4: the summary hides the secrets; saving waits for Test all.
    await page.getByTestId('go-live-step-4').waitFor();
    const summary = (await page.getByTestId('go-live-summary').textContent()) ?? '';
    expect(summary).toContain('skey_test_…c123');
    expect(await page.locator('[data-testid="go-live"]').textContent()).not.toContain('skey_test_5abc123');
    expect(await page.getByTestId('go-live-save').isDisabled()).toBe(true);
    await shot(page, 'cashier-go-live-summary');
    await page.getByTestId('go-live-test').click();
    // Until the main process tests unsaved values, it refuses the request; either way nothing is saved
    // and "Save and go live" stays off unless every check passed.
    await expect.poll(async () => (await page.getByTestId('go-live-checks').count()) + (await page.getByTestId('go-live-message').count())).toBeGreaterThan(0);
    if ((await page.getByTestId('go-live-checks').count()) > 0 && (await page.getByTestId('go-live-checks').textContent())?.includes('✗')) {
      expect(await page.getByTestId('go-live-save').isDisabled()).toBe(true);
    }
    if ((await page.getByTestId('go-live-message').count()) > 0) expect(await page.getByTestId('go-live-save').isDisabled()).toBe(true);
    expect(JSON.stringify(stack.mode.app.settings.get())).toBe(before);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('go-live').count()).toBe(0);
    await page.keyboard.press('F1');
  });
});
