// The day's PDF drawn with Skia (no browser): for an English, a Thai and a Korean shop its text holds
// the header, the totals, the lines per status, the refunds and every sale (read back with PDF.js);
// a busy day breaks into pages that repeat the table header; the Hangul and Thai fonts are embedded
// (pdffonts); the hourly chart's bars are drawn to scale (page rasterised by pdftoppm, pixels counted).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { scriptFonts } from '../../../electron/reports/pdf/fonts';
import { PageWriter, widthBound } from '../../../electron/reports/pdf/page-writer';
import { createReportService } from '../../../electron/reports/service';
import type { Currency } from '../../../shared';
import { formatAmount } from '../../../shared';
import { pdfText } from '../../support/pdf-text';
import { needsPoppler } from '../../support/programs';
import type { TestStore } from './fixtures';
import { addRefund, addSale, noOpn, noPrinter, tempStore } from './fixtures';

const DAY = '2026-11-27'; // Asia/Singapore: UTC 2026-11-26T16:00Z to 2026-11-27T16:00Z
const SHOPS = {
  en: { shopName: 'Kimchi Corner', cashiers: ['Ann', 'Ji-woo'], currency: 'SGD' },
  th: { shopName: 'ร้านกาแฟ น้ำใจ', cashiers: ['สมชาย ใจดี', 'มาลี'], currency: 'THB' },
  ko: { shopName: '김치 코너 한강점', cashiers: ['김민수', '이지우'], currency: 'KRW' },
} as const satisfies Record<string, Shop>;
interface Shop {
  readonly shopName: string;
  readonly cashiers: readonly [string, string];
  readonly currency: string;
}

let t: TestStore | null = null;
afterEach(() => {
  t?.cleanup();
  t = null;
});

function service(shop: Shop) {
  t = tempStore();
  return createReportService({
    store: t.store, opn: noOpn, printer: noPrinter, outputDir: path.join(t.dir, 'out'), now: () => new Date('2026-11-28T02:00:00Z'),
    settings: () => ({ shopName: shop.shopName, terminalId: 'term_1', timeZone: 'Asia/Singapore', dayStartMinutes: 0, currency: shop.currency as Currency }),
  });
}

/** Four paid sales at 09:xx and 18:xx local, a failure, an expiry, a partial refund and a void. */
function seed(shop: Shop): string[] {
  const s = t!.store;
  const currency = shop.currency;
  const ids = [
    addSale(s, { amount: 1000, currency, createdAt: '2026-11-27T01:05:00.000Z', cashier: shop.cashiers[0] }),
    addSale(s, { amount: 1000, currency, createdAt: '2026-11-27T01:35:00.000Z', cashier: shop.cashiers[1] }),
    addSale(s, { amount: 2000, currency, createdAt: '2026-11-27T10:10:00.000Z', cashier: shop.cashiers[0] }),
    addSale(s, { amount: 2000, currency, createdAt: '2026-11-27T10:20:00.000Z', cashier: shop.cashiers[1] }),
    addSale(s, { amount: 500, currency, createdAt: '2026-11-27T05:00:00.000Z', status: 'failed', failureCode: 'payment_rejected', fee: null, feeVat: null, net: null }),
    addSale(s, { amount: 700, currency, createdAt: '2026-11-27T05:30:00.000Z', status: 'expired', fee: null, feeVat: null, net: null }),
  ];
  const refunded = addSale(s, { amount: 3000, currency, createdAt: '2026-11-27T06:00:00.000Z', status: 'partially_refunded', refunded: 1000, cashier: shop.cashiers[0] });
  addRefund(s, { saleId: refunded, amount: 1000, currency, createdAt: '2026-11-27T07:00:00.000Z' });
  const voided = addSale(s, { amount: 600, currency, createdAt: '2026-11-27T06:30:00.000Z', status: 'voided', refunded: 600 });
  addRefund(s, { saleId: voided, amount: 600, currency, createdAt: '2026-11-27T06:31:00.000Z', voided: true });
  return [...ids, refunded, voided];
}

/**
 * Thai read back from the PDF: where the font draws a tone mark or vowel with a shifted glyph, the text
 * carries that glyph's code, the fonts' private-use presentation form (U+F700–U+F71A, the Windows Thai
 * convention), and SARA AM comes back as its two parts with NIKHAHIT before the tone mark, as the shaper orders them
 * (น้ำ → น ํ ้ า). Both map back exactly.
 */
const PUA: Readonly<Record<number, string>> = Object.fromEntries([
  [0xf700, '\u0E10'], [0xf70f, '\u0E0D'], [0xf710, '\u0E31'], [0xf711, '\u0E4D'], [0xf712, '\u0E47'], [0xf718, '\u0E38'], [0xf719, '\u0E39'], [0xf71a, '\u0E3A'],
  ...[0, 1, 2, 3].map((i) => [0xf701 + i, String.fromCharCode(0x0e34 + i)]),
  ...[0, 1, 2, 3, 4].flatMap((i) => [0xf705, 0xf70a, 0xf713].map((base) => [base + i, String.fromCharCode(0x0e48 + i)])),
]);
const thai = (s: string): string => s.replace(/[\uF700-\uF71A]/g, (c) => PUA[c.charCodeAt(0)] ?? c).replace(/\u0E33/g, '\u0E4D\u0E32').replace(/([\u0E48-\u0E4B])\u0E4D/g, '\u0E4D$1');

const fonts = scriptFonts();
const noFonts = !fonts.hangul || !fonts.thai;
const NO_FONTS = '[skipped: no Hangul or Thai system font; enable: apt-get install -y fonts-nanum fonts-thai-tlwg]';
/** A shop whose script has no font here would print boxes: its text test skips with the reason. */
const missingFont = (lang: keyof typeof SHOPS): boolean => (lang === 'th' && !fonts.thai) || (lang === 'ko' && !fonts.hangul);

describe('the day PDF drawn with Skia', () => {
  for (const lang of Object.keys(SHOPS) as (keyof typeof SHOPS)[]) it.skipIf(missingFont(lang))(`${lang} shop: header, totals, status lines, refunds and every sale are in its text${missingFont(lang) ? ` ${NO_FONTS}` : ''}`, async () => {
    const shop = SHOPS[lang];
    const svc = service(shop);
    const ids = seed(shop);
    const out = await svc.export(DAY, 'pdf');
    expect(out).toMatchObject({ fileName: `term_1_${DAY}_report.pdf`, mimeType: 'application/pdf' });
    const pdf = fs.readFileSync(out.location);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(pdf);
    expect(thai(text)).toContain(thai(shop.shopName));
    for (const needle of ['Terminal term_1', DAY, 'X report (day not closed)', 'Asia/Singapore, day starts 00:00', `Amounts in ${shop.currency}`, ...shop.cashiers, ...ids]) expect(thai(text)).toContain(thai(needle));
    // Figures: 6 paid sales (1000+1000+2000+2000+3000+600 = 9600 minor units), a refund of 1000, a void of 600.
    const x = svc.x(DAY);
    expect(x.totals).toMatchObject({ successfulCount: 6, gross: 9600, refundAmount: 1000, voidAmount: 600, netCollected: 8000 });
    const major = (n: number): string => formatAmount({ amount: n, currency: shop.currency as Currency });
    expect(text).toMatch(new RegExp(`Successful sales \\(gross\\)\\s+6\\s+${major(9600)}`));
    expect(text).toMatch(new RegExp(`Refunds \\(this day\\)\\s+1\\s+${major(1000)}`));
    expect(text).toMatch(new RegExp(`Voids \\(this day\\)\\s+1\\s+${major(600)}`));
    expect(text).toMatch(new RegExp(`Net collected \\(gross − refunds − voids\\)\\s+${major(8000)}`));
    expect(text).toMatch(/^Failed\s+1(\s|$)/m);
    expect(text).toMatch(/^Expired\s+1(\s|$)/m);
    expect(text).toContain('Refunds and voids made this day');
    expect(text).toMatch(/2026-11-27 15:00:00\s+Refund\s+sale_\w+\s+Done\s+/);
    expect(text).toMatch(/2026-11-27 14:31:00\s+Void\s+sale_\w+\s+Done\s+/);
    // Statuses and failures in words, never the raw codes; the chart's hour axis and cashiers table.
    for (const word of ['Paid', 'Failed · KakaoPay rejected the', 'Part refunded', 'Voided', 'Expired', 'Sales by hour', 'By cashier']) expect(text).toContain(word);
    expect(text).not.toMatch(/partially_refunded|payment_rejected|succeeded/);
    expect(text).toContain(Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0')).join(' '));

    // Closed, the same drawing carries the Z number.
    const z = svc.z(DAY);
    expect(await pdfText(fs.readFileSync((await svc.export(DAY, 'pdf')).location))).toContain(`Z report #${z.number}`);
  });

  it('a busy day of 500 sales breaks into pages, each with the table header and its number, every sale once', async () => {
    const svc = service(SHOPS.ko);
    const ids: string[] = [];
    for (let i = 0; i < 500; i++) ids.push(addSale(t!.store, { amount: 1000 + i, currency: 'KRW', createdAt: new Date(Date.parse('2026-11-27T01:00:00.000Z') + i * 60_000).toISOString(), cashier: SHOPS.ko.cashiers[i % 2] }));
    const text = await pdfText(fs.readFileSync((await svc.export(DAY, 'pdf')).location));
    const pages = text.split('\f');
    expect(pages.length).toBeGreaterThan(5);
    pages.forEach((page, n) => {
      expect(page).toMatch(/Time\s+Sale\s+Status\s+Cashier\s+Amount\s+Fee\s+Net\s+Refunded/);
      expect(page).toContain(`page ${n + 1}`);
    });
    expect(text).toContain('Sales (500)');
    for (const id of ids) expect(text.split(id).length - 1, id).toBe(1);
  });

  const fontsTitle = (name: string): string => (noFonts && !needsPoppler.missing ? `${name} ${NO_FONTS}` : needsPoppler.title(name));
  it.skipIf(needsPoppler.missing || noFonts)(fontsTitle('embeds the Hangul and Thai fonts it drew with, as subsets with Unicode maps'), async () => {
    const shop: Shop = { shopName: '김치 ร้านกาแฟ Corner', cashiers: ['สมชาย', '김민수'], currency: 'SGD' };
    const svc = service(shop);
    seed(shop);
    const listed = execFileSync('pdffonts', [(await svc.export(DAY, 'pdf')).location]).toString();
    // name, type, encoding, emb, sub, uni: every font is an embedded subset with a Unicode map.
    const rows = listed.split('\n').slice(2).filter(Boolean);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toMatch(/\s+yes\s+yes\s+yes\s+\d+\s+\d+$/);
    expect(listed.replace(/\s/g, '')).toContain(fonts.hangul!.replace(/\s/g, ''));
    expect(listed.replace(/\s/g, '')).toContain(fonts.thai!.replace(/\s/g, ''));
  });

  it.skipIf(needsPoppler.missing)(needsPoppler.title('draws the hourly chart to scale: a bar at 09:00 and one twice as high at 18:00'), async () => {
    const svc = service(SHOPS.en);
    // 09:xx local: 1000 + 1000; 18:xx: 2000 + 2000.
    const s = t!.store;
    for (const [amount, at] of [[1000, '01:05'], [1000, '01:35'], [2000, '10:10'], [2000, '10:20']] as const) addSale(s, { amount, createdAt: `2026-11-27T${at}:00.000Z` });
    const file = (await svc.export(DAY, 'pdf')).location;
    const prefix = path.join(path.dirname(file), 'page');
    execFileSync('pdftoppm', ['-r', '100', '-f', '1', '-l', '1', '-png', file, prefix]);
    const png = PNG.sync.read(fs.readFileSync(fs.readdirSync(path.dirname(file)).map((f) => path.join(path.dirname(file), f)).find((f) => f.startsWith(prefix) && f.endsWith('.png'))!));
    // The chart's accent green (#2f6f5e) in the top half of the page, right of the totals: columns of bars.
    const green = (x: number, y: number): boolean => {
      const i = (y * png.width + x) * 4;
      return Math.abs(png.data[i]! - 0x2f) < 12 && Math.abs(png.data[i + 1]! - 0x6f) < 12 && Math.abs(png.data[i + 2]! - 0x5e) < 12;
    };
    const heights: number[] = [];
    for (let x = Math.floor(png.width * 0.5); x < png.width; x++) {
      let h = 0;
      for (let y = Math.floor(png.height * 0.08); y < png.height * 0.45; y++) if (green(x, y)) h++;
      heights.push(h);
    }
    const bars: number[] = [];
    heights.forEach((h, i) => {
      // Taller than any heading's letters (the headings share the green): a bar.
      if (h > 20 && !(heights[i - 1]! > 20)) bars.push(h);
      else if (h > 20) bars[bars.length - 1] = Math.max(bars.at(-1)!, h);
    });
    expect(bars).toHaveLength(2);
    expect(bars[1]! / bars[0]!).toBeGreaterThan(1.9);
    expect(bars[1]! / bars[0]!).toBeLessThan(2.1);
  });

  it('the width bound that skips measuring is never below the drawn width (else text would overflow its cell)', () => {
    const w = new PageWriter('bound', 'bound');
    const text = fc.string({ unit: fc.constantFrom(...'0123456789.,:; -abcWm@#_ABC'.split('')), minLength: 1, maxLength: 30 });
    fc.assert(fc.property(text, fc.boolean(), fc.boolean(), (s, bold, mono) => {
      const f = { size: 7.5, bold, mono };
      expect(w.measure(s, f)).toBeLessThanOrEqual(widthBound(s, f) + 0.01);
    }), { numRuns: 300 });
    w.close();
  });

  it('a shop name too long for the header is cut with an ellipsis; a long cashier name wraps, whole', async () => {
    const svc = service({ ...SHOPS.th, shopName: `${'ร้านกาแฟ น้ำใจ '.repeat(8)}END` });
    addSale(t!.store, { amount: 1000, currency: 'THB', createdAt: '2026-11-27T01:05:00.000Z', cashier: 'Maximilian Alexander Montgomery-Smith the Third' });
    const text = await pdfText(fs.readFileSync((await svc.export(DAY, 'pdf')).location));
    const firstLines = text.split('\n').slice(0, 3).join('\n');
    expect(firstLines).toMatch(/…/);
    expect(firstLines).not.toContain('END');
    for (const word of ['Maximilian', 'Alexander', 'Montgomery', 'Smith', 'the Third']) expect(text).toContain(word);
    expect(text).not.toContain('Maximilian Alexander Montgomery-Smith the Third');
  });
});
