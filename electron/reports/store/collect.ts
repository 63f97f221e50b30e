// Gathers the business day's charges and their refunds from Opn, asking only for what can have changed
// since the last run when a cache is given.
//
// What can change at Opn after a charge is listed (docs/reports.md, "Store report cache"):
// - new charges, only in a slice that has not ended yet: a slice listed after its end + SEAL_MARGIN_MS
//   (the clocks' disagreement) is complete for good ("sealed");
// - the status of a pending charge (paid late, failed, expired, captured or reversed): such charges are
//   read again one by one, or their slice listed again when that takes fewer requests;
// - refunds and voids, on any charge, any day later: taken from Opn's account-wide refund list
//   (GET /refunds) created since the slice's last sync, minus the same margin;
// - a pending refund's status: its charge is read again.
// Nothing else of a charge the report uses (amount, currency, fee, created_at) changes; metadata could
// (PATCH /charges/:id) but no terminal does it.
import type { OpnCharge, OpnChargeSummary, OpnRefund } from '../../../shared';
import type { CacheWrite, CachedSlice, StoreCharge, StoreRefund, StoreReportCache } from './cache';
import type { ChargeLister, Slice } from './slices';
import { allPages, limiter, listSlices, opnTime, slicesOf } from './slices';

/** Covers a terminal clock that disagrees with Opn's by up to this much (and a list that lags behind). */
export const SEAL_MARGIN_MS = 10 * 60_000;

/** The part of the payment core's OpnClient the store report needs (structural: tests pass the real client). */
export interface OpnStoreReader extends ChargeLister {
  retrieveCharge(id: string): Promise<OpnCharge>;
  /** Only called for a charge whose embedded refund list is cut short. */
  listRefunds(chargeId: string, p: { offset?: number; limit?: number }): Promise<{ readonly data: readonly OpnRefund[]; readonly total: number }>;
  /** Every refund of the account created in a window (GET /refunds). */
  listAllRefunds(p: { from?: string; to?: string; offset?: number; limit?: number; order?: 'chronological' | 'reverse_chronological' }): Promise<{ readonly data: readonly OpnRefund[]; readonly total: number }>;
}

export interface CollectInput {
  readonly opn: OpnStoreReader;
  readonly fromMs: number;
  readonly toMs: number;
  readonly nowMs: number;
  readonly limit: number;
  readonly concurrency: number;
  readonly cache: StoreReportCache | null;
  readonly onProgress?: (p: { requests: number; fetched: number; total: number }) => void;
}

export interface Collected {
  readonly charges: readonly StoreCharge[];
  readonly refunds: ReadonlyMap<string, readonly StoreRefund[]>;
  readonly requests: number;
  /** Charges taken from the cache without asking Opn for them. */
  readonly fromCache: number;
  /** What to write to the cache (null without one). */
  readonly write: CacheWrite | null;
}

const key = (s: Slice | null): string => (s ? `${s.startMs}-${s.endMs}` : '');

export function toStoreCharge(c: OpnChargeSummary): StoreCharge {
  const meta = (k: string): string | null => {
    const v = c.metadata[k];
    return typeof v === 'string' && v !== '' ? v : null;
  };
  return { id: c.id, createdMs: Date.parse(c.created_at), status: c.status, amount: c.amount, currency: c.currency, fee: c.fee ?? null, feeVat: c.fee_vat ?? null, storeId: meta('store_id'), terminalId: meta('terminal_id') };
}

/** The refund's charge: `charge`, or the id in its location (/charges/:id/refunds/:rid); null if neither. */
function refundChargeId(r: OpnRefund): string | null {
  if (r.charge) return r.charge;
  return /^\/charges\/([A-Za-z0-9_]+)\/refunds\//.exec(r.location ?? '')?.[1] ?? null;
}

const toStoreRefund = (r: OpnRefund, chargeId: string): StoreRefund => ({ id: r.id, chargeId, amount: r.amount, voided: r.voided, status: r.status ?? null });

export async function collectDay(input: CollectInput): Promise<Collected> {
  const { opn, limit, nowMs, cache } = input;
  const run = limiter(Math.max(1, input.concurrency));
  const sealed = (s: Slice): boolean => nowMs >= s.endMs + SEAL_MARGIN_MS;
  // Slices that have not begun even by Opn's clock hold nothing yet.
  const slices = slicesOf(input.fromMs, input.toMs).filter((s) => s.startMs <= nowMs + SEAL_MARGIN_MS);

  let requests = 0;
  let fetched = 0;
  let expected = 0;
  const progress = (): void => input.onProgress?.({ requests, fetched, total: Math.max(expected, fetched) });

  // From the cache: sealed slices of this day's layout, their charges and known refunds.
  const cached = new Map<string, CachedSlice>();
  const charges = new Map<string, StoreCharge>();
  const refunds = new Map<string, StoreRefund>();
  if (cache) {
    const wanted = new Set(slices.map(key));
    for (const s of cache.slices(input.fromMs, input.toMs)) if (wanted.has(key(s)) && s.fetchedMs >= s.endMs + SEAL_MARGIN_MS) cached.set(key(s), s);
    const rows = cached.size ? cache.charges(input.fromMs, input.toMs) : [];
    if (rows === null) cached.clear();
    else for (const c of rows) if (cached.has(key(sliceOf(slices, c.createdMs)))) charges.set(c.id, c);
    if (cached.size) for (const r of cache.refunds(input.fromMs, input.toMs)) if (charges.has(r.chargeId)) refunds.set(r.id, r);
  }

  // Unsettled charges in cached slices: read one by one, or the slice listed again when cheaper.
  const perSlice = new Map<string, { count: number; open: Set<string> }>();
  for (const c of charges.values()) {
    const k = key(sliceOf(slices, c.createdMs));
    const e = perSlice.get(k) ?? { count: 0, open: new Set<string>() };
    e.count++;
    if (c.status === 'pending') e.open.add(c.id);
    perSlice.set(k, e);
  }
  for (const r of refunds.values()) {
    const c = charges.get(r.chargeId);
    if (c && r.status === 'pending') perSlice.get(key(sliceOf(slices, c.createdMs)))?.open.add(c.id);
  }
  const recheck: string[] = [];
  for (const [k, e] of perSlice) {
    if (e.open.size > Math.ceil(e.count / limit)) cached.delete(k);
    else recheck.push(...e.open);
  }
  for (const c of [...charges.values()]) if (!cached.has(key(sliceOf(slices, c.createdMs)))) charges.delete(c.id);
  for (const r of [...refunds.values()]) if (!charges.has(r.chargeId)) refunds.delete(r.id);
  let fromCache = charges.size;
  fetched = fromCache;
  expected = fromCache;

  const toList = slices.filter((s) => !cached.has(key(s)));
  const listed = new Map<string, OpnChargeSummary[]>();
  const reread: OpnCharge[] = [];
  const listAll = async (part: readonly Slice[]): Promise<void> => {
    const got = await listSlices(opn, part, {
      limit,
      run,
      onPage: (p) => {
        requests++;
        fetched += p.count;
        if (p.top) expected += p.total;
        progress();
      },
    });
    for (const [k, list] of got) listed.set(k, list);
    fetched = fromCache + [...listed.values()].reduce((n, l) => n + l.length, 0);
    progress();
  };
  // Refunds made since the cached slices' last sync (their other refunds are cached or embedded).
  const oldestSync = Math.min(...[...cached.values()].map((s) => s.syncedMs));
  const listedRefunds: OpnRefund[] = [];
  const syncRefunds = async (): Promise<void> => {
    if (!cached.size) return;
    const query = { from: opnTime(oldestSync - SEAL_MARGIN_MS), limit, order: 'chronological' as const };
    listedRefunds.push(
      ...(await allPages(
        (offset) =>
          run(async () => {
            const page = await opn.listAllRefunds({ ...query, offset });
            requests++;
            progress();
            return page;
          }),
        limit,
      )),
    );
  };
  const reread1 = async (id: string): Promise<void> => {
    const c = await run(() => opn.retrieveCharge(id));
    requests++;
    progress();
    reread.push(c);
  };
  await Promise.all([listAll(toList), syncRefunds(), ...recheck.map(reread1)]);

  // A refund that names no charge cannot be placed: trust no cached slice, list them all again.
  if (listedRefunds.some((r) => refundChargeId(r) === null)) {
    const again = [...cached.values()];
    toList.push(...again);
    cached.clear();
    charges.clear();
    refunds.clear();
    fromCache = 0;
    await listAll(again.sort((a, b) => a.startMs - b.startMs));
    listedRefunds.length = 0;
    reread.length = 0;
  }

  // Everything now known: listed slices, re-read charges (with their embedded refunds), listed refunds.
  const incomplete: string[] = [];
  const take = (c: OpnChargeSummary): void => {
    charges.set(c.id, toStoreCharge(c));
    const embedded = c.refunds?.data ?? [];
    for (const r of embedded) refunds.set(r.id, toStoreRefund(r, c.id));
    if (c.refunds ? c.refunds.total > embedded.length : c.refunded_amount > 0) incomplete.push(c.id);
  };
  for (const list of listed.values()) list.forEach(take);
  reread.forEach(take);
  for (const r of listedRefunds) {
    const chargeId = refundChargeId(r);
    if (chargeId && charges.has(chargeId)) refunds.set(r.id, toStoreRefund(r, chargeId));
  }
  await Promise.all(
    incomplete.map(async (id) => {
      const all = await allPages(
        (offset) =>
          run(async () => {
            const page = await opn.listRefunds(id, { offset, limit: 100 });
            requests++;
            return page;
          }),
        100,
      );
      for (const r of all) refunds.set(r.id, toStoreRefund(r, id));
    }),
  );

  const byCharge = new Map<string, StoreRefund[]>();
  for (const r of refunds.values()) {
    const list = byCharge.get(r.chargeId) ?? [];
    list.push(r);
    byCharge.set(r.chargeId, list);
  }

  let write: CacheWrite | null = null;
  if (cache) {
    const newlySealed = toList.filter((s) => sealed(s) && listed.has(key(s)));
    const inSealed = (c: StoreCharge): boolean => {
      const k = key(sliceOf(slices, c.createdMs));
      return cached.has(k) || newlySealed.some((s) => key(s) === k);
    };
    write = {
      slices: newlySealed.map((s) => ({ ...s, fetchedMs: nowMs, syncedMs: nowMs, charges: (listed.get(key(s)) ?? []).map(toStoreCharge) })),
      synced: [...cached.values()].map((s) => ({ startMs: s.startMs, endMs: s.endMs, syncedMs: nowMs })),
      charges: reread.map(toStoreCharge).filter(inSealed),
      refunds: [...refunds.values()].filter((r) => {
        const c = charges.get(r.chargeId);
        return c !== undefined && inSealed(c);
      }),
    };
  }
  return { charges: [...charges.values()], refunds: byCharge, requests, fromCache, write };
}

/** The slice holding an instant (slices are contiguous and ordered), or null outside them all. */
function sliceOf(slices: readonly Slice[], ms: number): Slice | null {
  let lo = 0;
  let hi = slices.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((slices[mid] as Slice).startMs <= ms) lo = mid;
    else hi = mid - 1;
  }
  const s = slices[lo];
  return s && ms >= s.startMs && ms < s.endMs ? s : null;
}
