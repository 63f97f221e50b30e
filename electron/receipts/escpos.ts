// The receipt document as ESC/POS bytes, encoded by @point-of-sale/receipt-printer-encoder (no byte
// tables here). Lines in plain ASCII print as printer text (sharp, fast, tiny); any line carrying
// Hangul, Thai or another script without a code page is drawn by raster.ts and sent as a GS v 0
// raster image the full width of the roll. The job ends with a feed and a cut.
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import type { PaperWidthMm } from '../../shared';
import { PAPER_COLUMNS, PAPER_DOTS } from '../../shared';
import type { ReceiptDocument, ReceiptLine } from './document';
import type { Bitmap } from './raster';
import { renderPair, renderText } from './raster';

export interface EncodedReceipt {
  readonly bytes: Uint8Array;
  /** Every raster image in the job, in order (tests and docs screenshots look at them). */
  readonly images: readonly Bitmap[];
}

/** Printable as code-page text on every ESC/POS printer. */
export const isPlainText = (s: string): boolean => /^[\x20-\x7E]*$/.test(s);

const TEXT = 22; // dots: close to font A's 24-dot cell
const TITLE = 36;

export function encodeReceipt(doc: ReceiptDocument, paper: PaperWidthMm): EncodedReceipt {
  const width = PAPER_DOTS[paper];
  const columns = PAPER_COLUMNS[paper];
  const enc = new ReceiptPrinterEncoder({ language: 'esc-pos', columns, imageMode: 'raster', newline: '\n', feedBeforeCut: 4, feedAfterBlock: false });
  const images: Bitmap[] = [];
  const image = (b: Bitmap): void => {
    images.push(b);
    enc.align('left').image(b, b.width, b.height, 'threshold', 160);
  };
  const right = (value: string): void => {
    enc.align('right').line(value).align('left');
  };

  enc.initialize();
  for (const l of doc.lines) encodeLine(l);
  enc.cut('full');
  return { bytes: enc.encode(), images };

  function encodeLine(l: ReceiptLine): void {
    switch (l.kind) {
      case 'title':
        if (isPlainText(l.text)) enc.align('center').bold(true).size(2, 2).line(l.text).size(1, 1).bold(false).align('left');
        else image(renderText(l.text, width, { size: TITLE, bold: true, align: 'center' }));
        return;
      case 'center':
        if (isPlainText(l.text)) enc.align('center').bold(l.strong ?? false).line(l.text).bold(false).align('left');
        else image(renderText(l.text, width, { size: TEXT, bold: l.strong ?? false, align: 'center' }));
        return;
      case 'pair':
        if (isPlainText(l.label) && isPlainText(l.value)) {
          const gap = columns - l.label.length - l.value.length;
          enc.bold(l.strong ?? false);
          if (gap >= 1) enc.line(`${l.label}${' '.repeat(gap)}${l.value}`);
          else {
            enc.line(l.label);
            right(l.value);
          }
          enc.bold(false);
        } else if (isPlainText(l.value)) {
          image(renderText(l.label, width, { size: TEXT }));
          enc.bold(l.strong ?? false);
          right(l.value);
          enc.bold(false);
        } else {
          image(renderPair(l.label, l.value, width, { size: TEXT, bold: l.strong ?? false }));
        }
        return;
      case 'total':
        if (isPlainText(l.label)) enc.line(l.label);
        else image(renderText(l.label, width, { size: TEXT }));
        enc.align('right').bold(true).size(2, 2).line(l.value).size(1, 1).bold(false).align('left');
        return;
      case 'rule':
        enc.line('-'.repeat(columns));
        return;
      default: {
        const never: never = l;
        return never;
      }
    }
  }
}
