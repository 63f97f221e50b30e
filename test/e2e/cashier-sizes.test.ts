// The cashier's Sale screen on small counter screens and a phone: nothing scrolls sideways, and on the
// counter sizes the keypad's Charge button and the waiting panel's Cancel are on screen without scrolling.
import { expect, test } from 'vitest';
import { shot, startCharge, useStack } from './stack';

const stack = useStack('cashier-sizes');

async function layout(): Promise<{ scrollX: number; charge: DOMRect | null; cancel: DOMRect | null; height: number }> {
  return stack.cashier.evaluate(() => {
    const box = (sel: string): DOMRect | null => document.querySelector(sel)?.getBoundingClientRect() ?? null;
    const wide = [...document.querySelectorAll<HTMLElement>('.app, .screen, .sale-screen')].map((e) => e.scrollWidth - e.clientWidth);
    return {
      scrollX: Math.max(document.documentElement.scrollWidth - window.innerWidth, ...wide),
      charge: box('[data-testid="charge"]'),
      cancel: box('[data-testid="cancel"]'),
      height: window.innerHeight,
    };
  });
}

const COUNTER = [[800, 480], [1024, 600], [1024, 768]] as const;

test('idle and waiting, at counter sizes: no sideways scroll, Charge and Cancel on screen', async () => {
  const page = stack.cashier;
  for (const [width, height] of COUNTER) {
    await page.setViewportSize({ width, height });
    const idle = await layout();
    expect(idle.scrollX, `${width}×${height} idle`).toBeLessThanOrEqual(0);
    expect(idle.charge, `${width}×${height}`).not.toBeNull();
    expect(idle.charge!.bottom, `${width}×${height} Charge`).toBeLessThanOrEqual(idle.height);
  }
  await page.setViewportSize({ width: 800, height: 480 });
  await startCharge(page, '1250');
  for (const [width, height] of COUNTER) {
    await page.setViewportSize({ width, height });
    const waiting = await layout();
    expect(waiting.scrollX, `${width}×${height} waiting`).toBeLessThanOrEqual(0);
    expect(waiting.cancel!.bottom, `${width}×${height} Cancel`).toBeLessThanOrEqual(waiting.height);
    await shot(page, `cashier-waiting-${width}x${height}`);
  }
  await page.setViewportSize({ width: 360, height: 640 });
  expect((await layout()).scrollX, '360×640').toBeLessThanOrEqual(0);
  await shot(page, 'cashier-waiting-360x640');
}, 120_000);
