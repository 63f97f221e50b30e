// The receipt document as self-contained HTML (inline CSS, no script, no external resource): the
// cashier's on-screen receipt, the OS printer's page (Electron webContents.print, the browser's print)
// and the screenshots in docs/ are all this markup. Every value is escaped.
import type { PaperWidthMm } from '../../shared/receipts';
import { escapeHtml as e } from '../reports/pdf/escape';
import type { ReceiptDocument, ReceiptLine } from './document';

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

function line(l: ReceiptLine): string {
  switch (l.kind) {
    case 'title':
      return `<h1 class="title">${e(l.text)}</h1>`;
    case 'center':
      return `<div class="center${l.strong ? ' strong' : ''}">${e(l.text)}</div>`;
    case 'pair':
      return `<div class="pair${l.strong ? ' strong' : ''}"><span class="label">${e(l.label)}</span><span class="value">${e(l.value)}</span></div>`;
    case 'total':
      return `<div class="total"><div class="label">${e(l.label)}</div><div class="value">${e(l.value)}</div></div>`;
    case 'rule':
      return '<hr class="rule">';
    default: {
      const never: never = l;
      return never;
    }
  }
}

/** The receipt's markup alone, for embedding in a page that already has `receiptCss`. */
export function receiptFragment(doc: ReceiptDocument): string {
  return `<div class="receipt" data-kind="${e(doc.kind)}">${doc.lines.map(line).join('')}</div>`;
}

/** A whole page for the OS printer or a screenshot. */
export function receiptHtml(doc: ReceiptDocument, paper: PaperWidthMm): string {
  const title = doc.saleId ? `Receipt ${doc.saleId}` : 'Receipt';
  return `<!doctype html>
<html lang="${e(doc.languages[0] ?? 'en')}"><head><meta charset="utf-8"><title>${e(title)}</title>
<style>${receiptCss(paper)}</style></head>
<body>${receiptFragment(doc)}</body></html>`;
}
