// The printing state of each sale's receipt as the print notices tell it, kept for the whole window
// (PrintNotices feeds it from the one subscription that lives as long as the window), so a Paid panel
// that appears after the notice arrived still shows the state as it is.
import { useSyncExternalStore } from 'react';
import type { PrintNotice } from '../../../shared';

export type SalePrintState = PrintNotice['kind'] | 'waiting';

const bySale = new Map<string, PrintNotice['kind']>();
const listeners = new Set<() => void>();

/** Records a notice (the newest one of a sale wins: a printed receipt after a failure is printed). */
export function recordPrintNotice(notice: PrintNotice): void {
  if (!notice.saleId) return;
  bySale.set(notice.saleId, notice.kind);
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

/** 'waiting' until the printer answered for this sale's receipt. */
export function useSalePrintState(saleId: string): SalePrintState {
  return useSyncExternalStore(subscribe, () => bySale.get(saleId) ?? 'waiting');
}
