// The receipt document as self-contained HTML (inline CSS, no script, no external resource): the
// cashier's on-screen receipt, the OS printer's page (Electron webContents.print, the browser's print)
// and the screenshots in docs/ are all this markup. Every value is escaped.
import type { PaperWidthMm } from '../../shared';
import { receiptCss } from '../../shared';

export { PRINTABLE_MM, receiptCss } from '../../shared';
import { escapeHtml as e } from '../reports/pdf/escape';
import type { ReceiptDocument, ReceiptLine } from './document';

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
