// ESC/POS bytes as a printer reads them (parsed by the fake printer's parser): init first, Latin text
// as text, Hangul and Thai as GS v 0 raster images the width of the roll, a cut at the end.
import { describe, expect, it } from 'vitest';
import { refundSlip, saleReceipt } from '../../../electron/receipts/document';
import { encodeReceipt, isPlainText } from '../../../electron/receipts/escpos';
import { renderText, wrapText } from '../../../electron/receipts/raster';
import { blackDots, parseEscPos } from './fake-printer';
import { receiptOf, refund, sale, shop, thaiShop, thbSale } from './fixtures';

describe('ESC/POS encoding', () => {
  for (const paper of [58, 80] as const) {
    it(`prints an ${paper} mm receipt: init, text with shop, amount and charge id, rasters ${paper === 58 ? 384 : 576} dots wide, cut`, () => {
      const { bytes, images } = encodeReceipt(saleReceipt(receiptOf(sale()), shop()), paper);
      const job = parseEscPos(bytes);
      expect(job.ops[0]).toEqual({ op: 'init' });
      expect(job.ops.filter((o) => o.op !== 'feed').at(-1)).toEqual({ op: 'cut', partial: false });
      const text = job.lines.join('\n');
      expect(text).toContain('Kopi Corner');
      expect(text).toContain('SGD 1,500.50');
      expect(text).toContain('chrg_test_5zq8y2k1abcd');
      expect(text).toContain('sale_01JDX4Q7ZK3M');
      expect(text).toContain('KakaoPay');
      // No line longer than the roll's columns.
      const columns = paper === 58 ? 32 : 48;
      for (const l of job.lines) expect(l.length).toBeLessThanOrEqual(columns);
      // Every Hangul label went out as an image, none as text bytes.
      expect(text).not.toMatch(/[^\x20-\x7E\n]/);
      expect(job.rasters.length).toBe(images.length);
      expect(job.rasters.length).toBeGreaterThanOrEqual(8);
      job.rasters.forEach((r, i) => {
        expect(r.width).toBe(paper === 58 ? 384 : 576);
        expect(r.height).toBe(images[i]?.height);
        expect(r.height % 8).toBe(0);
        expect(blackDots(r)).toBeGreaterThan(50);
      });
    });
  }

  it('sends each raster dot for dot: the decoded image is the rendered text, thresholded', () => {
    const { bytes, images } = encodeReceipt(saleReceipt(receiptOf(thbSale()), thaiShop()), 80);
    const job = parseEscPos(bytes);
    expect(job.rasters).toHaveLength(images.length);
    job.rasters.forEach((r, i) => {
      const img = images[i];
      if (!img) throw new Error('missing image');
      let differ = 0;
      for (let y = 0; y < img.height; y++) {
        for (let x = 0; x < img.width; x++) {
          const p = (y * img.width + x) * 4;
          const lum = (img.data[p] ?? 0) * 0.299 + (img.data[p + 1] ?? 0) * 0.587 + (img.data[p + 2] ?? 0) * 0.114;
          const black = lum < 160;
          const bit = (((r.bits[y * (r.width / 8) + (x >> 3)] ?? 0) >> (7 - (x & 7))) & 1) === 1;
          if (black !== bit) differ++;
        }
      }
      expect(differ).toBe(0);
    });
  });

  it('draws a Thai shop name as a large raster title and keeps the amount as text', () => {
    const { bytes } = encodeReceipt(saleReceipt(receiptOf(thbSale()), thaiShop()), 58);
    const job = parseEscPos(bytes);
    expect(job.lines.join('\n')).toContain('THB 1,250.00');
    expect(job.lines.join('\n')).not.toContain('ร้าน');
    const [title] = job.rasters;
    expect(title?.width).toBe(384);
    expect(title?.height).toBeGreaterThanOrEqual(48);
  });

  it('prints refund and void slips with the original sale', () => {
    const v = refund({ voided: true, amount: 150_050 });
    const job = parseEscPos(encodeReceipt(refundSlip(receiptOf(sale({ status: 'voided' }), [v]), v, shop()), 80).bytes);
    const text = job.lines.join('\n');
    expect(text).toContain('-SGD 1,500.50');
    expect(text).toContain('rfnd_test_5zq9aa');
    expect(text).toContain('chrg_test_5zq8y2k1abcd');
    expect(job.cut).toBe(true);
  });

  it('wraps long Thai text at word boundaries within the roll', () => {
    const long = 'หากอ่านข้อความนี้ได้ เครื่องพิมพ์ใช้งานได้ ขอบคุณที่ใช้บริการร้านของเรา';
    const rows = wrapText(long, 200, { size: 22 });
    expect(rows.length).toBeGreaterThan(1);
    expect(rows.join('').replaceAll(' ', '')).toBe(long.replaceAll(' ', ''));
    const bitmap = renderText(long, 200, { size: 22 });
    expect(bitmap.width).toBe(200);
    expect(bitmap.height).toBe(32 * rows.length);
  });

  it('knows which text a code page can carry', () => {
    expect(isPlainText('SGD 1,500.50')).toBe(true);
    expect(isPlainText('금액')).toBe(false);
    expect(isPlainText('฿')).toBe(false);
  });
});
