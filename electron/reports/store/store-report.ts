// The store's day report from Opn: pages through GET /charges in the business day's window (offset
// paging, limit 100, chronological), keeps the store's charges (metadata.store_id), groups them by
// metadata.terminal_id, and puts this terminal's own figures beside its row.
// After the first page the rest are fetched a few at a time: in chronological order a charge created
// while the report runs is appended at the end, so the offsets of the earlier pages do not move.
import type { OpnCharge, OpnRefund } from '../../../shared';
import type { Currency } from '../../../shared';
import type { DayTotals } from '../../../shared';
import type { OwnFigures, StoreDayReport, StoreReportProgress, StoreTerminalRow } from '../../../shared';
import { businessDayRange } from '../../../shared';
import { ReportError } from '../errors';
import { LIST_MARGIN_MS } from '../reconcile/reconcile';
import type { MutableFigures } from './aggregate';
import { UNKNOWN_TERMINAL, addCharge, addFigures, emptyFigures, metaString, sameCurrency } from './aggregate';

/** The part of the payment core's OpnClient this needs (structural: tests pass the real client). */
export interface OpnStoreReader {
  listCharges(p: { from?: string; to?: string; offset?: number; limit?: number; order?: 'chronological' | 'reverse_chronological' }): Promise<{
    readonly data: readonly OpnCharge[];
    readonly total: number;
  }>;
  /** Only called for a charge whose embedded refund list is cut short. */
  listRefunds(chargeId: string, p: { offset?: number; limit?: number }): Promise<{ readonly data: readonly OpnRefund[]; readonly total: number }>;
}

export interface StoreReportInput {
  readonly opn: OpnStoreReader;
  readonly day: string;
  readonly timeZone: string;
  readonly dayStartMinutes?: number;
  readonly storeId: string;
  readonly shopName: string;
  readonly currency: Currency;
  /** The terminal making the report: its row gets `own`. */
  readonly terminalId: string;
  /** This terminal's own day totals from its receipt log (e.g. the X report's totals), or null. */
  readonly ownTotals?: (range: { day: string; from: string; to: string }) => DayTotals | null;
  /** Opn's maximum is 100 (the default); tests use a small page to cross page boundaries. */
  readonly pageSize?: number;
  /** Pages in flight after the first; default 3. */
  readonly concurrency?: number;
  readonly onProgress?: (p: StoreReportProgress) => void;
  readonly now?: () => Date;
}

const MAX_PAGES = 5_000; // 500,000 charges in a day: stops a runaway loop, far beyond any store
const opnTime = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export function ownFiguresOf(t: DayTotals): OwnFigures {
  return {
    successfulCount: t.successfulCount,
    gross: t.gross,
    refundCount: t.refundCount,
    refundAmount: t.refundAmount,
    voidCount: t.voidCount,
    voidAmount: t.voidAmount,
    fees: t.fees,
    feeVat: t.feeVat,
    net: t.netSettlement ?? t.net - t.refundAmount - t.voidAmount,
  };
}

export async function storeDayReport(input: StoreReportInput): Promise<StoreDayReport> {
  const dayStartMinutes = input.dayStartMinutes ?? 0;
  const { from, to } = businessDayRange(input.day, input.timeZone, dayStartMinutes);
  const limit = Math.min(Math.max(1, input.pageSize ?? 100), 100);
  const concurrency = Math.max(1, input.concurrency ?? 3);
  // As reconciliation: the window widened by the same margin (whether Opn's `to` is inclusive, and at what
  // precision, is undocumented), then filtered by created_at and deduplicated by charge id below.
  const query = { from: opnTime(Date.parse(from) - LIST_MARGIN_MS), to: opnTime(Date.parse(to) + LIST_MARGIN_MS), limit, order: 'chronological' as const };
  let requests = 0;
  let pagesDone = 0;
  let fetched = 0;
  const list = async (offset: number): Promise<{ data: readonly OpnCharge[]; total: number }> => {
    requests++;
    try {
      return await input.opn.listCharges({ ...query, offset });
    } catch (e) {
      throw new ReportError('opn_unavailable', `Could not list the store's charges from Opn: ${safeMessage(e)}`);
    }
  };
  const pages = new Map<number, readonly OpnCharge[]>();
  const took = (offset: number, page: { data: readonly OpnCharge[]; total: number }, total: number): void => {
    pages.set(offset, page.data);
    pagesDone++;
    fetched += page.data.length;
    input.onProgress?.({ page: pagesDone, fetched, total: Math.max(total, fetched) });
  };

  const first = await list(0);
  let total = first.total;
  took(0, first, total);
  // The rest, a few pages at a time; a total that grew while paging (today's report) is followed.
  let next = first.data.length < limit ? Infinity : limit;
  while (next < total && pagesDone < MAX_PAGES) {
    const offsets: number[] = [];
    for (let o = next; o < total && offsets.length < concurrency; o += limit) offsets.push(o);
    const results = await Promise.all(offsets.map((o) => list(o)));
    results.forEach((page, i) => {
      total = Math.max(total, page.total);
      took(offsets[i] ?? 0, page, total);
    });
    const last = results.at(-1);
    next = last && last.data.length < limit ? Infinity : (offsets.at(-1) ?? next) + limit;
  }

  // Dedupe by id (a charge can appear twice if Opn's order shifted between pages).
  const charges = new Map<string, OpnCharge>();
  for (const offset of [...pages.keys()].sort((a, b) => a - b)) for (const c of pages.get(offset) ?? []) charges.set(c.id, c);

  const fromMs = Date.parse(from);
  const toMs = Date.parse(to);
  const byTerminal = new Map<string, MutableFigures>();
  let otherStoreCount = 0;
  let otherCurrencyCount = 0;
  for (const charge of charges.values()) {
    const created = Date.parse(charge.created_at);
    if (!(created >= fromMs && created < toMs)) continue;
    if (metaString(charge, 'store_id') !== input.storeId) {
      otherStoreCount++;
      continue;
    }
    if (!sameCurrency(charge, input.currency)) {
      otherCurrencyCount++;
      continue;
    }
    const terminal = metaString(charge, 'terminal_id') ?? UNKNOWN_TERMINAL;
    let f = byTerminal.get(terminal);
    if (!f) byTerminal.set(terminal, (f = emptyFigures()));
    // Embedded refunds when Opn sent them whole; otherwise (a longer list, or none embedded while money
    // was refunded) the charge's own refund list.
    let refunds: readonly OpnRefund[] = charge.refunds?.data ?? [];
    const incomplete = charge.refunds ? charge.refunds.total > refunds.length : charge.refunded_amount > 0;
    if (incomplete) refunds = await allRefunds(input.opn, charge.id, () => requests++);
    addCharge(f, charge, refunds);
  }

  const ownTotals = input.ownTotals?.({ day: input.day, from, to }) ?? null;
  if (ownTotals && !byTerminal.has(input.terminalId)) byTerminal.set(input.terminalId, emptyFigures());
  const terminals: StoreTerminalRow[] = [...byTerminal.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([terminalId, f]) => ({ terminalId, ...f, own: terminalId === input.terminalId && ownTotals ? ownFiguresOf(ownTotals) : null }));
  const totals = emptyFigures();
  for (const row of terminals) addFigures(totals, row);

  return {
    day: input.day,
    timeZone: input.timeZone,
    dayStartMinutes,
    from,
    to,
    storeId: input.storeId,
    shopName: input.shopName,
    currency: input.currency,
    terminalId: input.terminalId,
    terminals,
    totals,
    unknownTerminalId: UNKNOWN_TERMINAL,
    otherCurrencyCount,
    otherStoreCount,
    opnRequests: requests,
    generatedAt: (input.now?.() ?? new Date()).toISOString(),
  };
}

async function allRefunds(opn: OpnStoreReader, chargeId: string, counted: () => void): Promise<OpnRefund[]> {
  const out: OpnRefund[] = [];
  try {
    for (let page = 0; page < 100; page++) {
      counted();
      const list = await opn.listRefunds(chargeId, { offset: out.length, limit: 100 });
      out.push(...list.data);
      if (list.data.length === 0 || out.length >= list.total) break;
    }
  } catch (e) {
    throw new ReportError('opn_unavailable', `Could not list the refunds of charge ${chargeId} from Opn: ${safeMessage(e)}`);
  }
  return out;
}

// The core's Opn errors never carry the secret key; still, keep only the first line, bounded.
function safeMessage(e: unknown): string {
  const text = e instanceof Error ? e.message : 'unknown error';
  return (text.split('\n')[0] ?? '').slice(0, 200);
}
