// The ONE source of every receipt and slip: a pure function from a sale (and its refunds) to a
// structured document. The HTML renderer (screen, OS printer) and the ESC/POS encoder both draw this
// document, so what the cashier sees is what the customer gets.
import type { Receipt, Refund, Sale } from '../../shared';
import type { Country } from '../../shared';
import { formatAmount } from '../../shared';
import type { Currency } from '../../shared';
import { formatDateTime } from '../../shared';
import type { PaperWidthMm, ReceiptDocument, ReceiptLine } from '../../shared';
import type { LabelKey, ReceiptLanguage } from './texts';
import { label, receiptLanguages, statusText } from './texts';

// The document's shape lives in shared/ so the renderer can draw the same document on screen.
export type { ReceiptDocument, ReceiptKind, ReceiptLine } from '../../shared';

/** Shop facts printed on every receipt (from Settings). */
export interface ReceiptShop {
  readonly name: string;
  readonly address: string;
  readonly taxId: string;
  readonly country: Country;
  readonly timeZone: string;
  /** The cashier window's language. */
  readonly language: ReceiptLanguage;
}

export interface ReceiptOptions {
  /** A reprint says so ("Copy"). */
  readonly copy?: boolean;
}

/** The time on a receipt: the shop's zone, digits only, in the calendar of the cashier's language (shared/i18n/dates). */
function receiptTime(iso: string, shop: ReceiptShop): string {
  return formatDateTime(shop.language, iso, shop.timeZone, 'numeric');
}

/** "SGD 1,500.00": the ISO code keeps the amount plain ASCII on every printer and clear to a visitor. */
export function moneyText(amount: number, currency: Currency): string {
  return `${currency} ${formatAmount({ amount, currency }, 'en-SG')}`;
}

function header(shop: ReceiptShop, titleKey: LabelKey, langs: readonly ReceiptLanguage[], copy: boolean): ReceiptLine[] {
  const lines: ReceiptLine[] = [{ kind: 'title', text: shop.name }];
  if (shop.address) lines.push({ kind: 'center', text: shop.address });
  // The number on its own line: it stays in one piece (and prints as text on any printer).
  if (shop.taxId) lines.push({ kind: 'center', text: label('taxId', langs) }, { kind: 'center', text: shop.taxId });
  lines.push({ kind: 'rule' }, { kind: 'center', text: label(titleKey, langs), strong: true });
  if (copy) lines.push({ kind: 'center', text: `*** ${label('copy', langs)} ***` });
  lines.push({ kind: 'rule' });
  return lines;
}

function saleFacts(sale: Sale, shop: ReceiptShop, langs: readonly ReceiptLanguage[]): ReceiptLine[] {
  const pair = (key: LabelKey, value: string): ReceiptLine => ({ kind: 'pair', label: label(key, langs), value });
  const lines: ReceiptLine[] = [pair('date', receiptTime(sale.paidAt ?? sale.createdAt, shop)), pair('method', 'KakaoPay')];
  if (sale.chargeId) lines.push(pair('charge', sale.chargeId));
  lines.push(pair('sale', sale.id), pair('terminal', sale.terminalId));
  if (sale.cashier) lines.push(pair('cashier', sale.cashier));
  if (sale.origin) lines.push(pair('till', sale.origin.tillName), pair('tillRef', sale.origin.referenceId));
  return lines;
}

/** A till's cart (POS link): "2 × Kimchi fried rice   SGD 9.00" per line, then its note. */
function cartLines(sale: Sale): ReceiptLine[] {
  const o = sale.origin;
  if (!o || (o.lineItems.length === 0 && !o.note)) return [];
  const lines: ReceiptLine[] = o.lineItems.map((l) => ({ kind: 'pair', label: `${l.quantity} × ${l.name}`, value: moneyText(l.quantity * l.unitAmount, sale.currency) }));
  // A note may hold line breaks (the till's); a receipt line is one line.
  if (o.note) lines.push({ kind: 'center', text: o.note.replace(/\s*\n\s*/g, ' · ') });
  return [...lines, { kind: 'rule' }];
}

function footer(langs: readonly ReceiptLanguage[]): ReceiptLine[] {
  return [{ kind: 'rule' }, { kind: 'center', text: label('thanks', langs) }];
}

/** The customer's receipt of a sale, with its status and any refunds so far. */
export function saleReceipt(receipt: Receipt, shop: ReceiptShop, options: ReceiptOptions = {}): ReceiptDocument {
  const { sale } = receipt;
  const langs = receiptLanguages(shop.language, shop.country);
  const lines = [
    ...header(shop, 'receipt', langs, options.copy ?? false),
    ...cartLines(sale),
    { kind: 'total', label: label('amount', langs), value: moneyText(sale.amount, sale.currency) } as const,
    ...saleFacts(sale, shop, langs),
    { kind: 'pair', label: label('status', langs), value: statusText(sale.status, langs), strong: true } as const,
  ];
  for (const r of receipt.refunds.filter((x) => x.status === 'succeeded')) {
    lines.push({ kind: 'pair', label: label(r.voided ? 'voidAmount' : 'refundAmount', langs), value: `-${moneyText(r.amount, r.currency)}` });
  }
  return { kind: 'sale', saleId: sale.id, languages: langs, lines: [...lines, ...footer(langs)] };
}

/** A refund or void slip: the refund, then the original sale it belongs to. */
export function refundSlip(receipt: Receipt, refund: Refund, shop: ReceiptShop, options: ReceiptOptions = {}): ReceiptDocument {
  const { sale } = receipt;
  const langs = receiptLanguages(shop.language, shop.country);
  const pair = (key: LabelKey, value: string): ReceiptLine => ({ kind: 'pair', label: label(key, langs), value });
  const lines: ReceiptLine[] = [
    ...header(shop, refund.voided ? 'voidSlip' : 'refundSlip', langs, options.copy ?? false),
    { kind: 'total', label: label(refund.voided ? 'voidAmount' : 'refundAmount', langs), value: `-${moneyText(refund.amount, refund.currency)}` },
    pair('date', receiptTime(refund.createdAt, shop)),
    pair('refund', refund.opnRefundId ?? refund.id),
    { kind: 'rule' },
    { kind: 'center', text: label('originalSale', langs), strong: true },
    pair('originalAmount', moneyText(sale.amount, sale.currency)),
    ...saleFacts(sale, shop, langs),
    { kind: 'pair', label: label('status', langs), value: statusText(sale.status, langs), strong: true },
  ];
  return { kind: refund.voided ? 'void' : 'refund', saleId: sale.id, languages: langs, lines: [...lines, ...footer(langs)] };
}

/** "Print test page" from Settings: shop header, the three scripts, the paper and the time. */
export function testPage(shop: ReceiptShop, paper: PaperWidthMm, now: Date): ReceiptDocument {
  const langs = receiptLanguages(shop.language, shop.country);
  const all: ReceiptLanguage[] = ['en', 'ko', 'th'];
  const lines: ReceiptLine[] = [
    ...header(shop, 'testPage', langs, false),
    ...all.map((l): ReceiptLine => ({ kind: 'center', text: label('testOk', [l]) })),
    { kind: 'pair', label: label('paper', langs), value: `${paper} mm` },
    { kind: 'pair', label: label('date', langs), value: receiptTime(now.toISOString(), shop) },
    { kind: 'pair', label: label('timeZone', langs), value: shop.timeZone },
    { kind: 'total', label: label('amount', langs), value: moneyText(123456, shop.country === 'TH' ? 'THB' : 'SGD') },
    ...footer(langs),
  ];
  return { kind: 'test', saleId: null, languages: langs, lines };
}

/** Plain text of a document (logs, tests, the accessible name of the on-screen receipt). */
export function documentText(doc: ReceiptDocument): string {
  return doc.lines
    .map((l) => (l.kind === 'rule' ? '-' : l.kind === 'pair' || l.kind === 'total' ? `${l.label}: ${l.value}` : l.text))
    .join('\n');
}
