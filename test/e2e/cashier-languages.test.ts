// The cashier window in English, Thai and Korean (issue 12): the language follows the shop's country
// until a manager chooses one in Settings; amounts stay money of the shop's currency, counts take the
// language's plural rules, errors are worded by code. Screenshots of each language for the README.
// Issue 18: a walk over every screen in Thai and Korean fails on any English word left on screen.
import { describe, expect, it } from 'vitest';
import { paymentPanel, shot, useStack } from './stack';
import { needsChromium } from '../support/programs';
import { untranslated } from '../support/latin-words';
import type { Page } from 'playwright-core';

const stack = useStack('languages');

const panel = paymentPanel;

async function paidSale(typed: string): Promise<void> {
  const page = stack.cashier;
  await page.keyboard.press('F1');
  const input = page.getByTestId('amount-input');
  await input.fill(typed);
  await input.press('Enter');
  await panel(page, 'pending').waitFor({ timeout: 15_000 });
  const chargeId = (await page.getByTestId('charge-id').textContent()) ?? '';
  await stack.handles().sandbox.completeCharge(chargeId, 'successful');
  await panel(page, 'paid').waitFor({ timeout: 10_000 });
}

async function update(patch: Record<string, unknown>): Promise<void> {
  expect(await stack.mode.app.invoke('settings:update', { pin: '1234', ...patch })).toMatchObject({ ok: true });
}

/** Everything a cashier can read on the page now: the visible text and the names of controls. */
async function readable(page: Page): Promise<string> {
  return page.evaluate(() => {
    const attrs = [...document.querySelectorAll('[title], [placeholder], [aria-label]')]
      .filter((el) => !(el as HTMLElement).closest('[hidden]'))
      .map((el) => [el.getAttribute('title'), el.getAttribute('placeholder'), el.getAttribute('aria-label')].filter(Boolean).join(' '));
    const options = [...document.querySelectorAll('option')].map((o) => o.textContent ?? '');
    return [document.body.innerText, ...attrs, ...options].join('\n');
  });
}

/** Names the shop and the terminal chose, ids and time zone ids: shown as they are in every language. */
function shown(): string[] {
  const s = stack.mode.app.settings.get();
  return [s.shopName, s.terminalId, s.storeId, 'English'];
}

async function noEnglish(page: Page, where: string, found: string[]): Promise<void> {
  const text = (await readable(page)).replace(/\b[A-Z][a-z]+\/[A-Za-z_]+\b/g, ' ');
  for (const word of untranslated(text, shown())) found.push(`${where}: ${word}`);
  // Dates as the language writes them, never a raw ISO day (file names aside).
  for (const iso of text.replace(/\S+\.(?:csv|pdf)\b/g, ' ').match(/\b\d{4}-\d{2}-\d{2}\b/g) ?? []) found.push(`${where}: ISO date ${iso}`);
}

async function enterPin(page: Page, pin: string): Promise<void> {
  await page.getByTestId('pin-input').waitFor();
  await page.keyboard.type(pin);
  await page.keyboard.press('Enter');
}

/** Every screen the issue names, in `language`: Settings (and its connection test), a refused amount, Today's sales with a sale open, Reports, a wrong PIN. */
async function walk(language: 'th' | 'ko'): Promise<string[]> {
  const page = stack.cashier;
  const found: string[] = [];
  await update({ cashierLanguage: language });
  await expect.poll(() => page.locator('.app').getAttribute('lang')).toBe(language);

  await page.keyboard.press('F1');
  const input = page.getByTestId('amount-input');
  await input.fill('999999999');
  await page.getByTestId('amount-reason').waitFor();
  await noEnglish(page, 'sale, refused amount', found);
  await shot(page, `cashier-refused-${language}`);
  await input.fill('');

  await page.keyboard.press('F2');
  await page.getByTestId('sales-table').waitFor();
  await noEnglish(page, "today's sales", found);
  await page.getByTestId('open-sale').first().click();
  await page.getByTestId('sale-detail').waitFor();
  await noEnglish(page, 'sale detail', found);
  await shot(page, `cashier-sale-detail-${language}`);
  await page.keyboard.press('Escape');

  await page.keyboard.press('F4');
  await enterPin(page, '9999');
  await page.getByTestId('pin-error').waitFor();
  await noEnglish(page, 'wrong PIN', found);
  await page.keyboard.press('Escape');

  await page.keyboard.press('F3');
  await enterPin(page, '1234');
  await page.getByTestId('report-totals').waitFor();
  await noEnglish(page, 'reports', found);
  await shot(page, `cashier-reports-${language}`);
  await page.keyboard.press('Escape');

  await page.keyboard.press('F4');
  await enterPin(page, '1234');
  await page.getByTestId('setting-cashierLanguage').waitFor();
  await page.getByTestId('test-connection').click();
  await page.getByTestId('connection-check').waitFor({ timeout: 20_000 });
  await noEnglish(page, 'settings', found);
  await shot(page, `cashier-settings-${language}`);
  // A saved change says so in the language now on screen.
  await page.getByTestId('display-checkout').selectOption('qr');
  await page.getByTestId('save-settings').click();
  await page.getByTestId('settings-status').waitFor();
  await noEnglish(page, 'settings saved', found);
  await page.getByTestId('display-checkout').selectOption('hosted');
  await page.getByTestId('save-settings').click();
  await page.keyboard.press('F1');
  return found;
}

describe.skipIf(needsChromium.missing)(needsChromium.title('the cashier window in three languages'), () => {
  it('English by default in Singapore; Thai by default once the shop is in Thailand', async () => {
    const page = stack.cashier;
    expect(await page.locator('.app').getAttribute('lang')).toBe('en');
    await update({ country: 'TH', shopName: 'ร้านก๋วยเตี๋ยว Bangkok' });
    await expect.poll(() => page.locator('.app').getAttribute('lang')).toBe('th');
    expect(await page.getByRole('button', { name: 'ยอดขายวันนี้' }).count()).toBe(1);
    const input = page.getByTestId('amount-input');
    await input.fill('150000.01');
    await expect.poll(() => page.getByTestId('amount-reason').textContent()).toBe('ยอดสูงสุดสำหรับ KakaoPay คือ ฿150,000.00');
    await input.fill('');
    await paidSale('1250');
    expect(await page.getByTestId('payment-title').textContent()).toBe('ชำระแล้ว');
    expect(await page.getByTestId('payment-amount').textContent()).toBe('฿1,250.00');
    await shot(page, 'cashier-paid-th');
    await page.keyboard.press('F2');
    await expect.poll(() => page.locator('.list-head p').textContent()).toContain('1 รายการ · รับแล้ว ฿1,250.00');
    await shot(page, 'cashier-todays-sales-th');
  });

  it('Korean when chosen in Settings, with the PIN errors worded by code and counted', async () => {
    const page = stack.cashier;
    await update({ cashierLanguage: 'ko' });
    await expect.poll(() => page.locator('.app').getAttribute('lang')).toBe('ko');
    await expect.poll(() => page.locator('.list-head p').textContent()).toContain('판매 1건 · ฿1,250.00 수납');
    await page.keyboard.press('F4');
    await page.getByTestId('pin-input').waitFor();
    await page.keyboard.type('9999');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('pin-error').textContent()).toBe('PIN이 틀렸습니다. 4번 남았습니다.');
    await page.keyboard.press('Escape');
    await paidSale('880');
    expect(await page.getByTestId('payment-title').textContent()).toBe('결제 완료');
    await shot(page, 'cashier-paid-ko');
    await page.keyboard.press('F2');
    await expect.poll(() => page.locator('.list-head p').textContent()).toContain('판매 2건');
    await shot(page, 'cashier-todays-sales-ko');
    await page.keyboard.press('F3');
    await page.getByTestId('pin-input').waitFor();
    await page.keyboard.type('1234');
    await page.keyboard.press('Enter');
    await page.getByTestId('report-totals').waitFor();
    expect(await page.locator('[data-testid="reports-screen"] h2').first().textContent()).toBe('보고서');
    expect(await page.getByTestId('report-totals').textContent()).toContain('완료된 판매');
    await shot(page, 'cashier-reports-ko');
  });

  it('Settings offers the three languages; choosing English switches at once', async () => {
    const page = stack.cashier;
    await page.keyboard.press('F4');
    await page.keyboard.type('1234');
    await page.keyboard.press('Enter');
    const choice = page.getByTestId('setting-cashierLanguage');
    await choice.waitFor();
    expect(await choice.locator('option').allTextContents()).toEqual(['English', 'ไทย', '한국어']);
    // Settings speak the cashier's language too.
    expect(await page.locator('.settings h1').textContent()).toBe('설정');
    await shot(page, 'cashier-settings-ko');
    await choice.selectOption('en');
    await page.getByTestId('save-settings').click();
    await expect.poll(() => page.locator('.app').getAttribute('lang')).toBe('en');
    expect(stack.mode.app.settings.get().cashierLanguage).toBe('en');
    await page.keyboard.press('F2');
    await expect.poll(() => page.locator('.list-head p').textContent()).toContain('2 sales · ฿2,130.00 collected');
  });

  it('in Thai and in Korean, no screen shows an English word (brand and technical names aside)', async () => {
    const th = await walk('th');
    expect(th, 'Thai').toEqual([]);
    const ko = await walk('ko');
    expect(ko, 'Korean').toEqual([]);
    // The dates follow the language's one calendar: Thai in the Buddhist era on every screen.
    await update({ cashierLanguage: 'th' });
    await stack.cashier.keyboard.press('F2');
    await stack.cashier.getByTestId('open-sale').first().click();
    await expect.poll(() => stack.cashier.getByTestId('sale-detail').textContent()).toMatch(/\d{1,2} [ก-๙.]+ 25\d\d/);
    await stack.cashier.keyboard.press('Escape');
  });
});
