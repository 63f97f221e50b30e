// Records kept in created order by the whole second clients see, so a list page is two binary searches
// and a slice of the page itself, instead of a filter and sort of every record (60,000 charges made each
// page of GET /charges cost ~40 ms), or a copy of the whole window (~4 ms a page for a day of 63,000).
// Ties keep insertion order, as the stable sort they replace did.
import { floorSecond } from './time';

export class TimeIndex<R extends { readonly createdAt: number }> {
  private readonly records: R[] = [];

  get size(): number {
    return this.records.length;
  }

  add(record: R): void {
    const key = floorSecond(record.createdAt);
    // The clock only moves forward, so this is almost always an append; a record stamped in an earlier
    // second (never seen, but cheap to allow) goes after every record of its second.
    const last = this.records.at(-1);
    if (!last || floorSecond(last.createdAt) <= key) {
      this.records.push(record);
      return;
    }
    this.records.splice(this.bound(key, true), 0, record);
  }

  /** Records whose second lies in [fromMs, toMs] (both whole seconds), in created order. */
  window(fromMs: number, toMs: number): R[] {
    const { start, end } = this.range(fromMs, toMs);
    return this.records.slice(start, end);
  }

  /**
   * One page of that window: its `count` records from `offset` on, in created order or newest first
   * (`reverse`), and the window's total; the same as slicing window(), reversed or not, without copying it.
   */
  page(fromMs: number, toMs: number, offset: number, count: number, reverse: boolean): { readonly records: R[]; readonly total: number } {
    const { start, end } = this.range(fromMs, toMs);
    const total = end - start;
    const skip = Math.min(Math.max(0, offset), total);
    const take = Math.min(Math.max(0, count), total - skip);
    if (!reverse) return { records: this.records.slice(start + skip, start + skip + take), total };
    return { records: this.records.slice(end - skip - take, end - skip).reverse(), total };
  }

  private range(fromMs: number, toMs: number): { start: number; end: number } {
    if (toMs < fromMs) return { start: 0, end: 0 };
    return { start: this.bound(fromMs, false), end: this.bound(toMs, true) };
  }

  /** First index whose second is > key (upper) or >= key (lower). */
  private bound(key: number, upper: boolean): number {
    let lo = 0;
    let hi = this.records.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const s = floorSecond((this.records[mid] as R).createdAt);
      if (s < key || (upper && s === key)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
