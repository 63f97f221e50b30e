// The rough edges a new shop hits on its first day (issue 18, points 8–10), in Chromium on the demo
// stack: the manager PIN is changed by typing it twice; an 80-character shop name ends in "…" without
// running under the tabs or squashing the logo; the display's languages come in one defined order;
// the Go-live dialog and the Settings drop-downs fit at 1024×768; and once live on Opn test keys both
// screens show a Test mode badge (no real money), distinct from the Demo badge.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { needsChromium } from '../support/programs';
import { paymentPanel, shot, startCharge, useStack } from './stack';

const stack = useStack('rough-edges', { qrTtlMs: 4_000 });

async function openSettings(page: Page, pin: string): Promise<void> {
  await page.keyboard.press('F4');
  await page.getByTestId('pin-input').fill(pin);
  await page.getByTestId('pin-submit').click();
  await page.getByTestId('setting-shopName').waitFor();
}

async function bothSizes(page: Page, name: string): Promise<void> {
  await shot(page, `${name}-1024x768`);
  await page.setViewportSize({ width: 800, height: 480 });
  await shot(page, `${name}-800x480`);
  await page.setViewportSize({ width: 1024, height: 768 });
}

describe.skipIf(needsChromium.missing)(needsChromium.title('a new shop’s first day: PIN, shop name, languages, dialogs, test mode (browser mode, Chromium)'), () => {
  it('Settings asks for the new PIN twice: a mismatch cannot be saved; a match says PIN changed and the new PIN opens Settings', async () => {
    const page = stack.cashier;
    await openSettings(page, '1234');
    await page.getByTestId('setting-managerPin').fill('482913');
    await page.getByTestId('setting-managerPinAgain').fill('482931');
    await page.getByTestId('pin-mismatch').waitFor();
    expect(await page.getByTestId('save-settings').isDisabled()).toBe(true);
    await page.getByTestId('pin-mismatch').scrollIntoViewIfNeeded();
    await bothSizes(page, 'cashier-settings-pin-mismatch');
    // Enter in the form does not save it either, and the main process still has the old PIN.
    await page.getByTestId('setting-managerPinAgain').press('Enter');
    expect(await stack.mode.app.invoke('manager:unlock', { pin: '1234' })).toEqual({ ok: true, value: { unlocked: true } });

    await page.getByTestId('setting-managerPinAgain').fill('482913');
    expect(await page.getByTestId('pin-mismatch').count()).toBe(0);
    await page.getByTestId('save-settings').click();
    await expect.poll(() => page.getByTestId('settings-status').textContent()).toBe('PIN changed.');
    expect(await stack.mode.app.invoke('manager:unlock', { pin: '482913' })).toEqual({ ok: true, value: { unlocked: true } });
    await page.keyboard.press('F1');
  });

  it('an 80-character shop name ends in "…": it stays left of the tabs and the logo keeps its size', async () => {
    const page = stack.cashier;
    const name = 'The Very Long Named Korean Barbecue and Bingsu House of Tanjong Pagar Road Branch'.slice(0, 80);
    expect(name).toHaveLength(80);
    expect(await stack.mode.app.invoke('settings:update', { pin: '482913', shopName: name })).toMatchObject({ ok: true });
    await expect.poll(() => page.getByTestId('shop-name').textContent()).toBe(name);
    for (const viewport of [{ width: 1024, height: 768 }, { width: 800, height: 480 }]) {
      await page.setViewportSize(viewport);
      const shop = await page.getByTestId('shop-name').boundingBox();
      const tabs = await page.locator('nav.tabs').boundingBox();
      const logo = await page.locator('.logo').boundingBox();
      expect((shop?.x ?? 0) + (shop?.width ?? 0)).toBeLessThanOrEqual(tabs?.x ?? 0);
      expect(logo?.width).toBe(40);
      // Cut with an ellipsis, not wrapped or spilling.
      expect(await page.getByTestId('shop-name').evaluate((el) => el.scrollWidth > el.clientWidth && getComputedStyle(el).textOverflow === 'ellipsis')).toBe(true);
    }
    await page.setViewportSize({ width: 1024, height: 768 });
    await bothSizes(page, 'cashier-long-shop-name');
  });

  it('the display’s main language does not depend on the order the boxes were ticked', async () => {
    const page = stack.cashier;
    await openSettings(page, '482913');
    // Untick both, then tick English before Korean.
    await page.getByTestId('display-language-ko').uncheck();
    await page.getByTestId('display-language-en').check();
    await page.getByTestId('display-language-th').check();
    await page.getByTestId('display-language-ko').check();
    await page.getByTestId('save-settings').click();
    await expect.poll(() => page.getByTestId('settings-status').textContent()).toBe('Saved.');
    expect(stack.mode.app.settings.get().displayLanguages).toEqual(['ko', 'en', 'th']);
    await expect.poll(() => stack.display.locator('.welcome .first').getAttribute('lang')).toBe('ko');
    await page.keyboard.press('F1');
  });

  it('at 1024×768 the Settings drop-downs show their whole text and the Go-live dialog’s content fits its box', async () => {
    const page = stack.cashier;
    await openSettings(page, '482913');
    // Every choice's text, measured in the select's own font, fits inside it beside the arrow.
    const cut = await page.locator('.settings select').evaluateAll((els) => {
      const ctx = document.createElement('canvas').getContext('2d');
      if (!ctx) return ['no canvas'];
      return els.flatMap((el) => {
        const select = el as HTMLSelectElement;
        const style = getComputedStyle(select);
        ctx.font = style.font;
        const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 20;
        return [...select.options].filter((o) => ctx.measureText(o.text).width > room).map((o) => o.text);
      });
    });
    expect(cut).toEqual([]);
    await page.getByTestId('go-live-open').click();
    const dialog = page.getByTestId('go-live');
    await dialog.waitFor();
    const box = await dialog.boundingBox();
    expect((box?.y ?? 0) + (box?.height ?? 0)).toBeLessThanOrEqual(768);
    // The step's content fits its box: no scrolling, the buttons inside the padding.
    expect(await dialog.evaluate((el) => el.scrollHeight - el.clientHeight)).toBeLessThanOrEqual(0);
    const next = await page.getByTestId('go-live-next').boundingBox();
    expect((next?.y ?? 0) + (next?.height ?? 0)).toBeLessThanOrEqual((box?.y ?? 0) + (box?.height ?? 0) - 8);
    await bothSizes(page, 'cashier-go-live-dialog');
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
  });

  it('an expired payment shows a clock drawn inline on both screens (no emoji font needed)', async () => {
    const page = stack.cashier;
    await page.keyboard.press('F1');
    await startCharge(page, '2.50');
    await paymentPanel(page, 'expired').waitFor({ timeout: 20_000 });
    expect(await paymentPanel(page, 'expired').locator('svg[data-icon="clock"]').count()).toBe(1);
    expect(await paymentPanel(page, 'expired').textContent()).not.toContain('⏱');
    await stack.display.locator('[data-screen="expired"] .result-icon svg[data-icon="clock"]').waitFor();
    await shot(page, 'cashier-expired-clock-1024x768');
    await shot(stack.display, 'display-expired-clock-1280x800');
    await page.getByTestId('new-sale').click();
  });

  it('live on Opn test keys: a Test mode badge on the cashier and on the customer display, not the Demo badge', async () => {
    const page = stack.cashier;
    const { app } = stack.mode;
    const s = app.settings.get();
    const { sandbox } = stack.handles();
    expect(await page.locator('.chip.demo').count()).toBe(1);
    expect(await page.getByTestId('test-mode-badge').count()).toBe(0);
    const r = await app.invoke('settings:update', {
      pin: '482913',
      opnApiBase: sandbox.baseUrl,
      opnPublicKey: sandbox.publicKey,
      opnSecretKey: sandbox.secretKey,
      forwarderUrl: s.forwarderUrl,
      forwarderToken: app.settings.secrets().forwarderToken,
    });
    expect(r).toMatchObject({ ok: true, value: { mode: 'live', opnTestKeys: true } });
    await page.getByTestId('test-mode-badge').waitFor();
    expect(await page.getByTestId('test-mode-badge').textContent()).toBe('Test mode');
    expect(await page.locator('.chip.demo').count()).toBe(0);
    await stack.display.getByTestId('display-test-mode').waitFor();
    expect(await stack.display.getByTestId('display-test-mode').textContent()).toContain('no real money');
    await bothSizes(page, 'cashier-test-mode');
    await shot(stack.display, 'display-test-mode-1280x800');
    await stack.display.setViewportSize({ width: 800, height: 480 });
    await shot(stack.display, 'display-test-mode-800x480');
  });
});
