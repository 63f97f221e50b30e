// The print session: the receipt print queue of the mode in use (demo and live print jobs never mix, like
// their receipt logs) and the customer receipt after Paid. It exists before the Opn keys are set, so the
// printer can be set up first.
import path from 'node:path';
import type { Receipt } from '../../../shared';
import { defaultCashierLanguage } from '../../../shared';
import { createReceiptPrinting, type OsPrinterPort, type ReceiptPrinting } from '../../receipts';
import type { AppEvents } from '../events';
import type { Logger } from '../ports';
import type { SettingsStore } from '../settings-store';
import { PartUnavailable, type RuntimePart } from './part';

export interface PrintSession extends RuntimePart {
  /** The queue of the mode in use; PartUnavailable('printing_starting') between close and open. */
  current(): ReceiptPrinting;
  /** After Paid: one customer receipt per sale (a re-emitted or recovered 'successful' finds its job). */
  salePaid(saleId: string): void;
}

export interface PrintSessionOptions {
  dataDir: string;
  settings: SettingsStore;
  events: AppEvents;
  logger: Logger;
  osPrinter?: OsPrinterPort;
  /** Retry delays (tests); the queue's defaults otherwise. */
  printBackoffMs?: readonly number[];
  /** The receipt log in use (the demo session's), and a sale's receipt from it (null: unknown). */
  logId: () => string;
  loadReceipt: (saleId: string) => Receipt | null;
}

export function createPrintSession(o: PrintSessionOptions): PrintSession {
  let printing: ReceiptPrinting | null = null;
  // A changed printer, paper or address applies to waiting jobs: try them now.
  let unsubscribe: (() => void) | null = null;

  return {
    open() {
      const mode = o.settings.get().mode;
      printing = createReceiptPrinting({
        queueFile: path.join(o.dataDir, mode === 'demo' ? 'demo-print-queue.db' : 'print-queue.db'),
        logId: o.logId(),
        claimUnnamed: mode === 'live',
        settings: () => o.settings.get().receipt,
        osPrinter: o.osPrinter ?? null,
        shop: () => {
          const s = o.settings.get();
          return { name: s.shopName, address: s.receipt.address, taxId: s.receipt.taxId, country: s.country, timeZone: s.timeZone, language: s.cashierLanguage ?? defaultCashierLanguage(s.country) };
        },
        loadReceipt: o.loadReceipt,
        onNotice: (notice) => o.events.emit('print:notice', notice),
        ...(o.printBackoffMs ? { backoffMs: o.printBackoffMs } : {}),
      });
      unsubscribe ??= o.events.on('settings:changed', () => printing?.queue.retryNow());
    },
    async close(why) {
      const p = printing;
      printing = null;
      if (why === 'shutdown') {
        unsubscribe?.();
        unsubscribe = null;
      }
      await p?.close();
    },
    current() {
      if (!printing) throw new PartUnavailable('printing_starting');
      return printing;
    },
    // Queuing is one local insert; the printer is driven in the background and never delays the sale.
    salePaid(saleId) {
      const p = printing;
      if (!p) return;
      try {
        if (p.queue.jobsForSale(saleId).some((j) => j.kind === 'sale')) return;
        p.onSalePaid(saleId);
      } catch (error) {
        o.logger.warn({ err: String((error as Error)?.name) }, 'could not queue the receipt');
      }
    },
  };
}
