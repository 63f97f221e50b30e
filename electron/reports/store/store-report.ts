// The store's day report from Opn: the business day's charges (collect.ts: listed from Opn, or taken
// from the cache for quarter hours that can no longer change but for refunds and late payments), the
// store's charges kept (metadata.store_id), grouped by metadata.terminal_id, and this terminal's own
// figures beside its row.
import type { Currency } from '../../../shared';
import type { DayTotals } from '../../../shared';
import type { OwnFigures, StoreDayReport, StoreReportProgress, StoreTerminalRow } from '../../../shared';
import { businessDayRange } from '../../../shared';
import { ReportError } from '../errors';
import type { MutableFigures } from './aggregate';
import { UNKNOWN_TERMINAL, addCharge, addFigures, addGroup, addRefunds, emptyFigures, sameCurrency, settleNet } from './aggregate';
import { StoreReportCache, clearStoreReportCache } from './cache';
import type { Collected, OpnStoreReader } from './collect';
import { collectDay } from './collect';

export type { OpnStoreReader } from './collect';

/** Where the cache lives and whose data it holds (another scope empties it). */
export interface StoreCacheOptions {
  readonly file: string;
  /** Names the Opn account (and, for the demo, its run): rows of another scope are never used. */
  readonly scope: string;
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
  /** Requests in flight at once; default 4. */
  readonly concurrency?: number;
  /** Cache of sealed quarter hours; without it every run lists the whole day. */
  readonly cache?: StoreCacheOptions | null;
  readonly onProgress?: (p: StoreReportProgress) => void;
  readonly now?: () => Date;
}

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
  const fromMs = Date.parse(from);
  const toMs = Date.parse(to);
  const collected = await collect(input, fromMs, toMs);

  const byTerminal = new Map<string, MutableFigures>();
  let otherStoreCount = 0;
  let otherCurrencyCount = 0;
  /** The figures a charge of this store, terminal and currency counts in; null (counted) for another store or currency. */
  const rowOf = (c: { storeId: string | null; terminalId: string | null; currency: string }, n: number): MutableFigures | null => {
    if (c.storeId !== input.storeId) {
      otherStoreCount += n;
      return null;
    }
    if (!sameCurrency(c, input.currency)) {
      otherCurrencyCount += n;
      return null;
    }
    const terminal = c.terminalId ?? UNKNOWN_TERMINAL;
    let f = byTerminal.get(terminal);
    if (!f) byTerminal.set(terminal, (f = emptyFigures()));
    return f;
  };
  for (const charge of collected.charges) {
    if (!(charge.createdMs >= fromMs && charge.createdMs < toMs)) continue;
    const f = rowOf(charge, 1);
    if (f) addCharge(f, charge, collected.refunds.get(charge.id) ?? []);
  }
  // The cache's charges, summed in SQL, and their refunds (cached, and found in this run).
  for (const g of collected.groups) {
    const f = rowOf(g, g.count);
    if (f) addGroup(f, g);
  }
  for (const g of collected.refundGroups) {
    const f = g.storeId === input.storeId && sameCurrency(g, input.currency) ? byTerminal.get(g.terminalId ?? UNKNOWN_TERMINAL) : undefined;
    if (f) addRefunds(f, g.voided, g.count, g.amount);
  }
  for (const { charge, refund } of collected.extraRefunds) {
    const f = charge.storeId === input.storeId && sameCurrency(charge, input.currency) ? byTerminal.get(charge.terminalId ?? UNKNOWN_TERMINAL) : undefined;
    if (f && refund.status !== 'failed') addRefunds(f, refund.voided, 1, refund.amount);
  }
  for (const f of byTerminal.values()) settleNet(f);

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
    opnRequests: collected.requests,
    cachedCharges: collected.fromCache,
    generatedAt: (input.now?.() ?? new Date()).toISOString(),
  };
}

/**
 * Collects with the cache when one is given. The cache never stops a report: one that cannot be read or
 * written is removed (it is rebuilt on the next run) and the day is listed whole.
 */
async function collect(input: StoreReportInput, fromMs: number, toMs: number): Promise<Collected> {
  const base = {
    opn: input.opn, fromMs, toMs, nowMs: (input.now?.() ?? new Date()).getTime(),
    limit: Math.min(Math.max(1, input.pageSize ?? 100), 100),
    concurrency: Math.max(1, input.concurrency ?? 4),
    onProgress: (p: { requests: number; fetched: number; total: number }) => input.onProgress?.({ page: p.requests, fetched: p.fetched, total: p.total }),
  };
  const fromOpn = async (cache: StoreReportCache | null): Promise<Collected> => {
    try {
      return await collectDay({ ...base, cache });
    } catch (e) {
      throw new ReportError('opn_unavailable', `Could not list the store's charges from Opn: ${safeMessage(e)}`);
    }
  };
  const opts = input.cache;
  if (!opts) return fromOpn(null);
  let cache: StoreReportCache;
  try {
    cache = new StoreReportCache(opts.file, opts.scope);
  } catch {
    clearQuietly(opts.file);
    return fromOpn(null);
  }
  try {
    let result: Collected;
    try {
      result = await collectDay({ ...base, cache });
    } catch (e) {
      if (isCacheError(e)) {
        cache.close();
        clearQuietly(opts.file);
        return await fromOpn(null);
      }
      throw new ReportError('opn_unavailable', `Could not list the store's charges from Opn: ${safeMessage(e)}`);
    }
    if (result.write) {
      try {
        cache.write(result.write);
      } catch {
        cache.close();
        clearQuietly(opts.file);
      }
    }
    return result;
  } finally {
    try {
      cache.close();
    } catch {
      // already closed after a failure
    }
  }
}

function isCacheError(e: unknown): boolean {
  const code = e instanceof Error ? (e as Error & { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('SQLITE_');
}

function clearQuietly(file: string): void {
  try {
    clearStoreReportCache(file);
  } catch {
    // nothing more to do: the next run tries again
  }
}

// The core's Opn errors never carry the secret key; still, keep only the first line, bounded.
function safeMessage(e: unknown): string {
  const text = e instanceof Error ? e.message : 'unknown error';
  return (text.split('\n')[0] ?? '').slice(0, 200);
}
