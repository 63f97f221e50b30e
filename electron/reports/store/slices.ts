// Listing time slices of Opn's charges whole: offset paging in chronological order, the pages after
// the first fetched together through a shared limiter (in chronological order a charge created while
// paging is appended at the end, so earlier offsets do not move; a total that grew is followed).
// Contiguous slices are listed as one window (the fewest pages offset paging allows: a quiet day costs
// one request) and the answer is cut into slices by created_at here.
import type { OpnChargeSummary } from '../../../shared';

export interface Slice {
  readonly startMs: number;
  readonly endMs: number;
}

/**
 * The report's unit of caching: a quarter of an hour of the business day. Smaller than an hour so that a
 * re-run lists little (a busy store's last open quarter, ~11 pages at 4,300 charges an hour, not 43).
 */
export const SLICE_MS = 15 * 60_000;
/** Whether Opn's from/to are inclusive is undocumented: ask one second wider, then filter by created_at. */
const EDGE_MS = 1_000;
const MAX_PAGES_PER_SLICE = 5_000; // 500,000 charges in an hour: stops a runaway loop

export interface ChargeLister {
  /** GET /charges validating only the fields the report reads (the core client's listChargeSummaries). */
  listChargeSummaries(p: { from?: string; to?: string; offset?: number; limit?: number; order?: 'chronological' | 'reverse_chronological' }): Promise<{
    readonly data: readonly OpnChargeSummary[];
    readonly total: number;
  }>;
}

export const opnTime = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export function slicesOf(fromMs: number, toMs: number, sliceMs = SLICE_MS): Slice[] {
  const out: Slice[] = [];
  for (let s = fromMs; s < toMs; s += sliceMs) out.push({ startMs: s, endMs: Math.min(s + sliceMs, toMs) });
  return out;
}

export type Limiter = <T>(fn: () => Promise<T>) => Promise<T>;

/** At most `n` calls in flight; the others wait in order. */
export function limiter(n: number): Limiter {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (fn) => {
    if (active >= n) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await fn();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

type Page<T> = { readonly data: readonly T[]; readonly total: number };

/** Pages through a list whole (`get(offset)`), the first page (given or fetched) then the rest together. */
export async function allPages<T>(get: (offset: number) => Promise<Page<T>>, limit: number, given?: Page<T>): Promise<T[]> {
  const pages = new Map<number, readonly T[]>();
  const first = given ?? (await get(0));
  pages.set(0, first.data);
  let total = first.total;
  let next = first.data.length < limit ? Infinity : limit;
  while (next < total && pages.size < MAX_PAGES_PER_SLICE) {
    const offsets: number[] = [];
    for (let o = next; o < total; o += limit) offsets.push(o);
    const got = await Promise.all(offsets.map((o) => get(o)));
    got.forEach((page, i) => {
      pages.set(offsets[i] ?? 0, page.data);
      total = Math.max(total, page.total);
    });
    const last = got.at(-1);
    next = last && last.data.length < limit ? Infinity : (offsets.at(-1) ?? next) + limit;
  }
  return [...pages.keys()].sort((a, b) => a - b).flatMap((o) => pages.get(o) ?? []);
}

export const sliceKey = (s: Slice): string => `${s.startMs}-${s.endMs}`;

/**
 * Every charge created in each slice, each once, keyed by sliceKey. `slices` must be ordered; each run
 * of contiguous ones is listed as one window.
 */
export async function listSlices(
  opn: ChargeLister,
  slices: readonly Slice[],
  o: { limit: number; run: Limiter; onPage: (page: { count: number; total: number; top: boolean }) => void },
): Promise<Map<string, OpnChargeSummary[]>> {
  const out = new Map<string, OpnChargeSummary[]>();
  const listRun = async (part: readonly Slice[]): Promise<void> => {
    const query = { from: opnTime((part[0] as Slice).startMs - EDGE_MS), to: opnTime((part.at(-1) as Slice).endMs), limit: o.limit, order: 'chronological' as const };
    const all = await allPages(
      (offset) =>
        o.run(async () => {
          const p = await opn.listChargeSummaries({ ...query, offset });
          // `top`: the run's first page, whose total counts every charge the run will bring.
          o.onPage({ count: p.data.length, total: p.total, top: offset === 0 });
          return p;
        }),
      o.limit,
    );
    for (const s of part) out.set(sliceKey(s), []);
    const byId = new Map<string, OpnChargeSummary>();
    for (const c of all) byId.set(c.id, c); // a charge can appear twice if Opn's order shifted between pages
    for (const c of byId.values()) {
      const s = sliceOf(part, Date.parse(c.created_at));
      if (s) out.get(sliceKey(s))?.push(c);
    }
  };
  const runs: Slice[][] = [];
  for (const s of slices) {
    const last = runs.at(-1);
    if (last && (last.at(-1) as Slice).endMs === s.startMs) last.push(s);
    else runs.push([s]);
  }
  await Promise.all(runs.map(listRun));
  return out;
}

/** The slice holding an instant (slices are contiguous and ordered), or null outside them all. */
export function sliceOf(slices: readonly Slice[], ms: number): Slice | null {
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
