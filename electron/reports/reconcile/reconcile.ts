// Compares the receipt log of one business day with Opn's charges of the same window.
// Opn is read with GET /charges (from/to of the day widened by a margin, limit 100, offset paging).
// Sales are matched to charges by charge id, then by metadata.sale_id. Charges made by other
// terminals on the same Opn account (metadata.terminal_id) are ignored and counted.
import type { OpnCharge } from '../../../shared';
import { toDecimalString } from '../../../shared';
import type { ReconciliationMismatch, ReconciliationResult } from '../../../shared';
import type { DayReads, ReportSaleRow } from '../../core/store/index';
import { ReportError } from '../errors';

/** The part of the payment core's OpnClient reconciliation needs (structural, so tests can pass the real one). */
export interface OpnChargeReader {
  listCharges(p: { from?: string; to?: string; offset?: number; limit?: number; order?: 'chronological' | 'reverse_chronological' }): Promise<{
    readonly data: readonly OpnCharge[];
    readonly total: number;
  }>;
  retrieveCharge(id: string): Promise<OpnCharge>;
}

export interface ReconcileInput {
  readonly day: string;
  readonly from: string;
  readonly to: string;
  readonly terminalId: string;
  readonly reader: DayReads;
  readonly opn: OpnChargeReader;
  readonly now: () => Date;
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * Records refunds made at Opn (dashboard) that the listed charges show and the receipt log lacks, before
   * comparing: the payment core's recordOpnRefunds. Without it such a refund is only reported as a difference.
   */
  readonly recordOpnRefunds?: (charges: readonly OpnCharge[]) => Promise<number>;
}

const PAGE = 100;
const MAX_PAGES = 2_000; // 200,000 charges a day: far beyond a counter terminal, stops a runaway loop
/**
 * A sale row is written just before its charge exists; a charge can land a moment after midnight; and whether
 * Opn's `to` is inclusive, at what precision, is undocumented. Lists ask this much wider and filter by
 * `created_at` themselves (the store report too).
 */
export const LIST_MARGIN_MS = 10 * 60_000;
const MARGIN_MS = LIST_MARGIN_MS;

const EXPECTED: Record<string, readonly string[] | null> = {
  creating: [], // the terminal does not know a charge yet: any charge at Opn is a difference
  pending: ['pending'],
  authorized: ['pending'],
  successful: ['successful'],
  partially_refunded: ['successful'],
  refunded: ['successful'],
  voided: ['successful', 'reversed'],
  failed: ['failed'],
  expired: ['expired'],
  cancelled: ['expired', 'failed'],
  reversed: ['reversed'],
  needs_attention: null, // already a known difference being resolved by the cashier
};

const opnTime = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

async function listWindow(input: ReconcileInput): Promise<OpnCharge[]> {
  const from = opnTime(Date.parse(input.from) - MARGIN_MS);
  const to = opnTime(Date.parse(input.to) + MARGIN_MS);
  const out: OpnCharge[] = [];
  for (let page = 0; page < MAX_PAGES; page++) {
    const list = await input.opn.listCharges({ from, to, offset: out.length, limit: PAGE, order: 'chronological' });
    out.push(...list.data);
    input.onProgress?.(out.length, Math.max(list.total, out.length));
    if (list.data.length === 0 || out.length >= list.total) return out;
  }
  return out;
}

function metaString(charge: OpnCharge, key: string): string | null {
  const v = charge.metadata[key];
  return typeof v === 'string' && v !== '' ? v : null;
}

const amountText = (amount: number, currency: string): string =>
  currency === 'SGD' || currency === 'THB' ? `${toDecimalString(amount, currency)} ${currency}` : `${amount} ${currency} (minor units)`;

function compare(sale: ReportSaleRow, charge: OpnCharge): ReconciliationMismatch[] {
  const out: ReconciliationMismatch[] = [];
  const ids = { chargeId: charge.id, saleId: sale.id };
  const expected = EXPECTED[sale.status];
  if (expected !== null && expected !== undefined && !expected.includes(charge.status)) {
    out.push({ kind: 'status_differs', ...ids, here: sale.status, opn: charge.status, hereSide: { status: sale.status }, opnSide: { status: charge.status }, detail: `The terminal says ${sale.status}, Opn says ${charge.status}.` });
  } else if (sale.status === 'authorized' && !charge.authorized) {
    out.push({ kind: 'status_differs', ...ids, here: 'authorized', opn: 'pending (not authorized)', hereSide: { status: 'authorized' }, opnSide: { status: 'pending', notAuthorized: true }, detail: 'The terminal says authorized, Opn has no authorization.' });
  }
  const opnCurrency = charge.currency.toUpperCase();
  if (sale.amount !== charge.amount || sale.currency !== opnCurrency) {
    const here = amountText(sale.amount, sale.currency);
    const opn = amountText(charge.amount, opnCurrency);
    out.push({ kind: 'amount_differs', ...ids, here, opn, hereSide: { amount: sale.amount, currency: sale.currency }, opnSide: { amount: charge.amount, currency: opnCurrency }, detail: `Amount here ${here}, at Opn ${opn}.` });
  } else if (sale.refunded_amount !== charge.refunded_amount) {
    const here = `refunded ${amountText(sale.refunded_amount, sale.currency)}`;
    const opn = `refunded ${amountText(charge.refunded_amount, opnCurrency)}`;
    out.push({ kind: 'amount_differs', ...ids, here, opn, hereSide: { refunded: sale.refunded_amount, currency: sale.currency }, opnSide: { refunded: charge.refunded_amount, currency: opnCurrency }, detail: `Refunded here ${here.slice(9)}, at Opn ${opn.slice(9)}.` });
  }
  return out;
}

export async function reconcileDay(input: ReconcileInput): Promise<ReconciliationResult> {
  let charges: OpnCharge[];
  try {
    charges = await listWindow(input);
  } catch (e) {
    throw new ReportError('opn_unavailable', `Could not list the day's charges from Opn: ${safeMessage(e)}`);
  }
  if (input.recordOpnRefunds) {
    try {
      await input.recordOpnRefunds(charges.filter((c) => c.refunded_amount > 0));
    } catch (e) {
      throw new ReportError('opn_unavailable', `Could not read refunds made at Opn: ${safeMessage(e)}`);
    }
  }
  const sales = input.reader.sales(input.from, input.to);
  const byCharge = new Map(sales.filter((s) => s.charge_id).map((s) => [s.charge_id as string, s]));
  const byId = new Map(sales.map((s) => [s.id, s]));
  const from = Date.parse(input.from);
  const to = Date.parse(input.to);
  const mismatches: ReconciliationMismatch[] = [];
  const matched = new Set<string>();
  let otherTerminalCharges = 0;
  let checkedCharges = 0;

  for (const charge of charges) {
    const terminal = metaString(charge, 'terminal_id');
    if (terminal !== null && terminal !== input.terminalId) {
      otherTerminalCharges++;
      continue;
    }
    const metaSale = metaString(charge, 'sale_id');
    const sale = byCharge.get(charge.id) ?? (metaSale ? byId.get(metaSale) : undefined);
    const created = Date.parse(charge.created_at);
    const inDay = created >= from && created < to;
    if (!sale) {
      // In the margin, or a sale of a neighbouring day: that day's reconciliation owns it.
      if (!inDay || input.reader.byChargeId(charge.id) || (metaSale && input.reader.bySaleId(metaSale))) continue;
      checkedCharges++;
      const amount = amountText(charge.amount, charge.currency.toUpperCase());
      mismatches.push({ kind: 'missing_here', chargeId: charge.id, saleId: metaSale, here: null, opn: `${charge.status} ${amount}`, opnSide: { status: charge.status, amount: charge.amount, currency: charge.currency.toUpperCase() }, detail: `Opn has charge ${charge.id} (${charge.status}, ${amount}) that this terminal never recorded.` });
      continue;
    }
    checkedCharges++;
    if (sale.charge_id !== null && sale.charge_id !== charge.id) {
      // Two charges for one sale: the extra one is unknown to the receipt log.
      const amount = amountText(charge.amount, charge.currency.toUpperCase());
      mismatches.push({ kind: 'missing_here', chargeId: charge.id, saleId: sale.id, here: sale.charge_id, opn: `${charge.status} ${amount}`, hereSide: { chargeId: sale.charge_id }, opnSide: { status: charge.status, amount: charge.amount, currency: charge.currency.toUpperCase() }, detail: `Opn has a second charge ${charge.id} for sale ${sale.id}.` });
      continue;
    }
    matched.add(sale.id);
    mismatches.push(...compare(sale, charge));
  }

  for (const sale of sales) {
    if (matched.has(sale.id) || sale.charge_id === null) continue;
    const charge = await retrieveOrNull(input.opn, sale.charge_id);
    if (!charge) {
      mismatches.push({ kind: 'missing_at_opn', chargeId: sale.charge_id, saleId: sale.id, here: `${sale.status} ${amountText(sale.amount, sale.currency)}`, opn: null, hereSide: { status: sale.status, amount: sale.amount, currency: sale.currency }, detail: `Sale ${sale.id} names charge ${sale.charge_id}, which Opn does not have.` });
      continue;
    }
    matched.add(sale.id);
    mismatches.push(...compare(sale, charge));
  }

  return {
    day: input.day, from: input.from, to: input.to, checkedCharges, checkedSales: sales.length,
    matched: matched.size, otherTerminalCharges, mismatches, generatedAt: input.now().toISOString(),
  };
}

/** A charge outside the listed window is fetched directly; only a 404 means "missing at Opn". */
async function retrieveOrNull(opn: OpnChargeReader, id: string): Promise<OpnCharge | null> {
  try {
    return await opn.retrieveCharge(id);
  } catch (e) {
    const status = (e as { httpStatus?: unknown }).httpStatus;
    const code = (e as { code?: unknown }).code;
    if (status === 404 || code === 'not_found') return null;
    throw new ReportError('opn_unavailable', `Could not check charge ${id} at Opn: ${safeMessage(e)}`);
  }
}

// The core's Opn errors never carry the secret key; still, keep only the first line, bounded.
function safeMessage(e: unknown): string {
  const text = e instanceof Error ? e.message : 'unknown error';
  return (text.split('\n')[0] ?? '').slice(0, 200);
}
