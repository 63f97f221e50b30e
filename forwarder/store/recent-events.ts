// The events this process just stored, per terminal, until the terminal acknowledges them: the session
// that sends an event right after its append finds it here instead of reading it back from the store
// (a SQLite query on the event loop, or a Redis round trip). Bounded in total; an idle terminal holds
// nothing (acknowledged events are dropped). Only a contiguous run of seqs is kept per terminal, so
// what it answers is exactly what the store would.
import type { StoredEvent } from './types';

export class RecentEvents {
  private readonly byTerminal = new Map<string, StoredEvent[]>();
  private total = 0;

  constructor(private readonly max = 4096) {}

  /** A durably stored event (never a duplicate). */
  add(terminalId: string, event: StoredEvent): void {
    const list = this.byTerminal.get(terminalId);
    const last = list?.[list.length - 1];
    if (list && last && last.seq + 1 === event.seq) list.push(event);
    else {
      this.forget(terminalId);
      this.byTerminal.set(terminalId, [event]);
    }
    this.total++;
    // Oldest terminals first (a Map keeps insertion order): they are the least likely still to be sent.
    while (this.total > this.max) {
      const oldest = this.byTerminal.keys().next();
      if (oldest.done) break;
      this.forget(oldest.value);
    }
  }

  /** Events after `afterSeq` (at most `limit`) when the run covers afterSeq + 1; null: ask the store. */
  after(terminalId: string, afterSeq: number, limit: number): StoredEvent[] | null {
    const list = this.byTerminal.get(terminalId);
    const first = list?.[0];
    if (!list || !first) return null;
    const from = afterSeq + 1 - first.seq;
    if (from < 0 || from >= list.length) return null;
    return list.slice(from, from + limit);
  }

  /** Everything up to `seq` is committed by the terminal. */
  acked(terminalId: string, seq: number): void {
    const list = this.byTerminal.get(terminalId);
    if (!list) return;
    let n = 0;
    while (n < list.length && (list[n]?.seq ?? Infinity) <= seq) n++;
    if (n === list.length) this.forget(terminalId);
    else if (n > 0) {
      list.splice(0, n);
      this.total -= n;
    }
  }

  /** Its numbering changed (raiseSeq) or it is unknown: read from the store. */
  forget(terminalId: string): void {
    const list = this.byTerminal.get(terminalId);
    if (!list) return;
    this.total -= list.length;
    this.byTerminal.delete(terminalId);
  }
}
