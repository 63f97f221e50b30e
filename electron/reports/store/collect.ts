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
import type { CacheWrite, CachedSlice, ChargeGroup, RefundGroup, StoreCharge, StoreRefund, StoreReportCache } from './cache';
import type { ChargeLister, Slice } from './slices';
import { allPages, limiter, listSlices, opnTime, sliceOf, slicesOf } from './slices';

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
  /** Charges known one by one (listed or re-read in this run), with all their refunds in `refunds`. */
  readonly charges: readonly StoreCharge[];
  readonly refunds: ReadonlyMap<string, readonly StoreRefund[]>;
  /** The cached charges not re-read, summed in SQL, and their cached refunds. */
  readonly groups: readonly ChargeGroup[];
  readonly refundGroups: readonly RefundGroup[];
  /** Refunds found in this run on those cached charges (not in refundGroups). */
  readonly extraRefunds: readonly { readonly charge: StoreCharge; readonly refund: StoreRefund }[];
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

  // From the cache: sealed slices of this day's layout. Their charges stay in SQLite (summed there at the
  // end); only the few that can still change are read here.
  const cached = new Map<string, CachedSlice>();
  const startsOf = (): number[] => [...cached.values()].map((s) => s.startMs);
  const recheck: string[] = [];
  let fromCache = 0;
  if (cache) {
    const wanted = new Set(slices.map(key));
    for (const s of cache.slices(input.fromMs, input.toMs)) if (wanted.has(key(s)) && s.fetchedMs >= s.endMs + SEAL_MARGIN_MS) cached.set(key(s), s);
    const unsettled = cached.size ? cache.unsettled(startsOf()) : [];
    if (unsettled === null) cached.clear();
    // Unsettled charges: read one by one, or their slice listed again when that takes fewer requests.
    const counts = cached.size ? cache.sliceCounts(startsOf()) : new Map<number, number>();
    const open = new Map<number, string[]>();
    for (const c of unsettled ?? []) open.set(c.sliceStart, [...(open.get(c.sliceStart) ?? []), c.id]);
    for (const [k, s] of [...cached]) {
      const ids = open.get(s.startMs) ?? [];
      const count = counts.get(s.startMs) ?? 0;
      if (ids.length > Math.ceil(count / limit)) cached.delete(k);
      else {
        recheck.push(...ids);
        fromCache += count;
      }
    }
  }
  const charges = new Map<string, StoreCharge>();
  const refunds = new Map<string, StoreRefund>();
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
    recheck.length = 0;
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
  // Listed refunds: of a charge known here, or of a cached charge (unless the cache has them already).
  const elsewhere: { r: OpnRefund; chargeId: string }[] = [];
  for (const r of listedRefunds) {
    const chargeId = refundChargeId(r);
    if (!chargeId) continue;
    if (charges.has(chargeId)) refunds.set(r.id, toStoreRefund(r, chargeId));
    else elsewhere.push({ r, chargeId });
  }
  const extraRefunds: { charge: StoreCharge; refund: StoreRefund }[] = [];
  if (cache && cached.size && elsewhere.length) {
    const owners = cache.find([...new Set(elsewhere.map((e) => e.chargeId))], startsOf());
    const known = cache.knownRefunds(elsewhere.map((e) => e.r.id));
    const seen = new Set<string>();
    for (const { r, chargeId } of elsewhere) {
      const charge = owners.get(chargeId);
      if (!charge || known.has(r.id) || seen.has(r.id)) continue;
      seen.add(r.id);
      extraRefunds.push({ charge, refund: toStoreRefund(r, chargeId) });
    }
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

  const starts = startsOf();
  const groups = cache && cached.size ? cache.groups(starts, recheck) : [];
  if (groups === null) throw Object.assign(new Error('store report cache: a charge status this version does not know'), { code: 'SQLITE_CORRUPT' });
  const refundGroups = cache && cached.size ? cache.refundGroups(starts, recheck) : [];

  let write: CacheWrite | null = null;
  if (cache) {
    const newlySealed = toList.filter((s) => sealed(s) && listed.has(key(s)));
    const sealedStarts = new Set([...starts, ...newlySealed.map((s) => s.startMs)]);
    const sliceStartOf = (c: StoreCharge): number | null => {
      const s = sliceOf(slices, c.createdMs);
      return s && sealedStarts.has(s.startMs) ? s.startMs : null;
    };
    write = {
      slices: newlySealed.map((s) => ({ ...s, fetchedMs: nowMs, syncedMs: nowMs, charges: (listed.get(key(s)) ?? []).map(toStoreCharge) })),
      synced: [...cached.values()].map((s) => ({ startMs: s.startMs, endMs: s.endMs, syncedMs: nowMs })),
      charges: reread.flatMap((c) => {
        const sc = toStoreCharge(c);
        const sliceStart = sliceStartOf(sc);
        return sliceStart === null ? [] : [{ ...sc, sliceStart }];
      }),
      refunds: [
        ...[...refunds.values()].filter((r) => {
          const c = charges.get(r.chargeId);
          return c !== undefined && sliceStartOf(c) !== null;
        }),
        ...extraRefunds.map((e) => e.refund),
      ],
    };
  }
  return { charges: [...charges.values()], refunds: byCharge, groups, refundGroups, extraRefunds, requests, fromCache, write };
}
