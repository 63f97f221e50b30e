// The CSP of the app's two pages, as every place that sends it computes it: Electron's response header,
// browser mode's header and meta tag, and the meta tag Vite writes at build time. The cashier page may
// hold exactly the receipt's inline stylesheets (one per roll width), allowed by their SHA-256.
import { createHash } from 'node:crypto';
import { PAPER_WIDTHS } from '../../shared';
import { receiptCss } from '../../shared';
import { pageCsp, type CspOptions, type CspPage } from '../../shared';

const RECEIPT_STYLE_HASHES: readonly string[] = PAPER_WIDTHS.map((paper) => `'sha256-${createHash('sha256').update(receiptCss(paper)).digest('base64')}'`);

export function appPageCsp(page: CspPage, options: Omit<CspOptions, 'styleHashes'> = {}): string {
  return pageCsp(page, { ...options, ...(page === 'cashier' ? { styleHashes: RECEIPT_STYLE_HASHES } : {}) });
}
