// Opn's list object (reference §2.1): from/to (ISO, default epoch and now), offset, limit (default 20,
// at most 100), order (chronological by default). `total` counts every record created between from and to,
// both ends inclusive, compared at the whole second clients see in created_at.
import { floorSecond, isoSeconds, EPOCH_ISO } from './time';
import type { ListParams } from './params';
import { TimeIndex } from './time-index';

export type OpnList<T> = {
  object: 'list';
  data: T[];
  limit: number;
  offset: number;
  total: number;
  location: string;
  order: 'chronological' | 'reverse_chronological';
  from: string;
  to: string;
};

export const MAX_LIMIT = 100;

export function buildList<R extends { createdAt: number }, T>(
  records: Iterable<R> | TimeIndex<R>,
  params: ListParams,
  location: string,
  nowMs: number,
  serialize: (r: R) => T,
): OpnList<T> {
  // Sub-second bounds are rounded inward, so "included" always agrees with the echoed from/to.
  const fromMs = params.from ? Math.ceil(Date.parse(params.from) / 1000) * 1000 : 0;
  const toMs = floorSecond(params.to ? Date.parse(params.to) : nowMs);
  const limit = Math.min(params.limit ?? 20, MAX_LIMIT);
  const offset = params.offset ?? 0;
  const order = params.order ?? 'chronological';
  // An index answers the page directly; a plain collection (a charge's few refunds or events) is
  // filtered and stably sorted, ties keeping insertion order, which is created order.
  let page: R[];
  let total: number;
  if (records instanceof TimeIndex) {
    ({ records: page, total } = records.page(fromMs, toMs, offset, limit, order === 'reverse_chronological'));
  } else {
    const inWindow = [...records]
      .filter((r) => floorSecond(r.createdAt) >= fromMs && floorSecond(r.createdAt) <= toMs)
      .sort((a, b) => floorSecond(a.createdAt) - floorSecond(b.createdAt));
    if (order === 'reverse_chronological') inWindow.reverse();
    page = inWindow.slice(offset, offset + limit);
    total = inWindow.length;
  }
  return {
    object: 'list',
    data: page.map(serialize),
    limit,
    offset,
    total,
    location,
    order,
    from: params.from ? isoSeconds(fromMs) : EPOCH_ISO,
    to: isoSeconds(toMs),
  };
}
