// The receipt's stylesheet, one string per roll width. It lives in shared/ because the cashier page's
// CSP allows exactly these inline <style> blocks by hash (shared/csp.ts, electron/app/page-csp.ts): the
// receipt preview and browser-mode printing put the receipt in a srcdoc frame, which inherits the page's
// policy, and no other inline style is allowed.
import type { PaperWidthMm } from './receipts';

/** Printable width of each roll: 58 mm paper prints 48 mm, 80 mm paper prints 72 mm. */
export const PRINTABLE_MM: Readonly<Record<PaperWidthMm, number>> = { 58: 48, 80: 72 };

export function receiptCss(paper: PaperWidthMm): string {
  const width = PRINTABLE_MM[paper];
  const base = paper === 58 ? 11 : 12.5;
  return `
@page { margin: 0; } /* the roll's width comes from the print call (pageWidthMm) */
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; background: #fff; }
.receipt { width: ${width}mm; margin: 0 auto; padding: 3mm 0 6mm; color: #000;
  font-family: "DejaVu Sans", "NanumGothic", "Garuda", "Loma", Arial, sans-serif; font-size: ${base}px; line-height: 1.3; }
.title { text-align: center; font-size: ${base * 1.6}px; font-weight: 700; margin: 0 0 1mm; overflow-wrap: anywhere; }
.center { text-align: center; overflow-wrap: anywhere; }
.strong { font-weight: 700; }
.rule { border: 0; border-top: 1px dashed #000; margin: 1.5mm 0; }
.pair { display: flex; flex-wrap: wrap; justify-content: space-between; column-gap: 2mm; }
.pair .label { flex: 1 1 auto; }
.pair .value { flex: 0 1 auto; margin-left: auto; text-align: right; overflow-wrap: anywhere; font-family: "DejaVu Sans Mono", "NanumGothicCoding", monospace; }
.pair.strong .value { font-family: inherit; }
.total { margin: 1mm 0 1.5mm; }
.total .label { font-size: ${base}px; }
.total .value { font-size: ${base * 1.9}px; font-weight: 700; text-align: right; }
`;
}
