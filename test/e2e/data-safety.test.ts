// End to end in Chromium (browser mode, demo stack): Settings → Data safety. A backup folder is saved and
// "Copy now" writes a checked copy there (shown as the last good copy); "Rebuild from Opn" for today
// answers what came back (nothing new: every sale is already in the log).
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { needsChromium } from '../support/programs';
import { tempDir } from '../support/temp';
import { shot, startCharge, useStack } from './stack';

const stack = useStack('data-safety');

describe.skipIf(needsChromium.missing)(needsChromium.title('Settings → Data safety (browser mode, Chromium)'), () => {
  it('saves a backup folder, copies to it, and rebuilds today from Opn without duplicating a sale', async () => {
    const page = stack.cashier;
    const chargeId = await startCharge(page, '12.00');
    await stack.handles().sandbox.completeCharge(chargeId, 'successful');
    await page.locator('[data-testid="payment-panel"][data-state="paid"]').waitFor({ timeout: 10_000 });

    await page.keyboard.press('F4');
    await page.getByTestId('pin-input').fill('1234');
    await page.getByTestId('pin-submit').click();
    await page.getByTestId('backup-settings').waitFor();
    expect(await page.getByTestId('backup-state').textContent()).toContain('No backup folder set');

    const usb = tempDir('usb').dir;
    await page.getByTestId('setting-backupDir').fill(usb);
    await page.getByTestId('backup-save').click();
    await expect.poll(() => stack.mode.app.settings.get().backupDir).toBe(usb);
    await expect.poll(async () => page.getByTestId('backup-now').isDisabled()).toBe(false);
    await page.getByTestId('backup-now').click();
    await expect.poll(() => page.getByTestId('backup-state').textContent()).toContain('Last good copy');
    expect(fs.readdirSync(usb).filter((f) => f.startsWith('demo-receipts-') && f.endsWith('.db'))).toHaveLength(1);

    await page.getByTestId('rebuild-run').click();
    await expect.poll(() => page.getByTestId('rebuild-outcome').textContent(), { timeout: 20_000 }).toMatch(/^Done: 0 sales added/);
    await page.getByTestId('backup-settings').scrollIntoViewIfNeeded();
    await page.setViewportSize({ width: 1024, height: 600 });
    await shot(page, 'cashier-settings-data-safety');
    await page.keyboard.press('F1');
  });
});
