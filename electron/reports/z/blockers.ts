// What stops a business day from closing. Each reason names the sale so the manager can act on it.
import type { ZBlocker } from '../../../shared';
import type { DayData } from '../../core/store/index';
import { formatLocal } from '../../../shared';

export interface BlockerInput {
  readonly day: string;
  readonly data: DayData;
  readonly to: string;
  readonly now: Date;
  readonly timeZone: string;
  /** null = unknown (the relay link is down, so events may be waiting at the forwarder). */
  readonly pendingRelayEvents: number | null;
  readonly closedNumber: number | null;
}

export function zBlockers(input: BlockerInput): ZBlocker[] {
  const out: ZBlocker[] = [];
  if (input.closedNumber !== null) {
    out.push({ kind: 'already_closed', saleId: null, zNumber: input.closedNumber, detail: `${input.day} is already closed by Z report #${input.closedNumber}` });
    return out;
  }
  // A Z is the final statement of a day: closing before the day ends would leave later sales of the
  // same day in no Z at all. Managers close "yesterday" (or set a later start of day).
  if (input.now.getTime() < Date.parse(input.to)) {
    out.push({ kind: 'day_not_over', saleId: null, until: input.to, detail: `the business day is not over until ${formatLocal(input.to, input.timeZone)}` });
  }
  for (const s of input.data.sales) {
    if (s.status === 'creating' || s.status === 'pending') {
      out.push({ kind: 'open_sale', saleId: s.id, status: s.status, detail: `sale ${s.id} is still ${s.status}` });
    } else if (s.status === 'needs_attention') {
      const why = s.attention_reason ? ` (${s.attention_reason})` : '';
      out.push({ kind: 'needs_attention', saleId: s.id, detail: `sale ${s.id} needs attention${why}` });
    }
  }
  for (const r of input.data.refunds) {
    if (r.status === 'creating') {
      out.push({ kind: 'refund_in_flight', saleId: r.sale_id, detail: `a refund of sale ${r.sale_id} is still being made` });
    }
  }
  if (input.pendingRelayEvents === null) {
    out.push({ kind: 'relay_unacked', saleId: null, count: null, detail: 'the relay link is down, so events may be waiting at the forwarder' });
  } else if (input.pendingRelayEvents > 0) {
    const n = input.pendingRelayEvents;
    out.push({ kind: 'relay_unacked', saleId: null, count: n, detail: `the relay holds ${n} unacknowledged event${n === 1 ? '' : 's'}` });
  }
  return out;
}
