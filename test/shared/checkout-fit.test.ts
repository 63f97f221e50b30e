// The hosted checkout's geometry: the box under the bar, the page's desktop viewport scaled into it, and the
// rule that sends small or portrait screens to our own QR (the same numbers the frame and the Electron view use).
import { describe, expect, it } from 'vitest';
import { CHECKOUT_PAGE, fitCheckout, hostedLayout, minQrSide } from '../../shared/checkout-fit';

describe('hosted checkout fit', () => {
  it('the page keeps its desktop viewport (≥ 1024×640 CSS px) and fills the box at the scale', () => {
    for (const [width, height] of [[800, 480], [1024, 600], [1920, 1080], [3840, 2160], [360, 640]] as const) {
      const { box, fit } = hostedLayout({ width, height });
      expect(fit.frame.width).toBeGreaterThanOrEqual(CHECKOUT_PAGE.widthPx);
      expect(fit.frame.height).toBeGreaterThanOrEqual(CHECKOUT_PAGE.heightPx);
      expect(fit.frame.width * fit.scale).toBeLessThanOrEqual(box.width);
      expect(fit.frame.height * fit.scale).toBeLessThanOrEqual(box.height);
      expect(box.width * box.height).toBeGreaterThan(0.6 * width * height);
      expect(box.x + box.width).toBeLessThanOrEqual(width);
      expect(box.y + box.height).toBeLessThanOrEqual(height);
    }
  });

  it('landscape counter screens show the page; its QR is at least 30 % of the short side', () => {
    for (const [width, height] of [[800, 480], [1024, 600], [1024, 768], [1280, 800], [1920, 1080], [3840, 2160]] as const) {
      const { fit } = hostedLayout({ width, height });
      expect(fit.readable, `${width}×${height}`).toBe(true);
      expect(fit.qrSidePx).toBeGreaterThanOrEqual(0.3 * Math.min(width, height));
    }
    expect(hostedLayout({ width: 1920, height: 1080 }).fit.scale).toBeCloseTo(883 / 640, 3);
  });

  it('a phone or a portrait tablet cannot show the page\'s QR large enough: our QR instead', () => {
    expect(hostedLayout({ width: 360, height: 640 }).fit.readable).toBe(false);
    expect(hostedLayout({ width: 768, height: 1024 }).fit.readable).toBe(false);
  });

  it('the minimum is 30 % of the short side with a 120 px floor; an empty box is never readable', () => {
    expect(minQrSide({ width: 1920, height: 1080 })).toBe(324);
    expect(minQrSide({ width: 300, height: 200 })).toBe(120);
    expect(fitCheckout({ width: 0, height: 0 }, { width: 800, height: 480 })).toMatchObject({ scale: 0, readable: false });
  });
});
