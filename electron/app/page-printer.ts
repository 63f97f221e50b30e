// Browser mode's OS printer: the main process has no print API of its own there, so the job goes to
// the cashier page (`print:page`), which prints the same receipt HTML with the browser's print in a
// hidden frame. The page cannot report back whether paper came out: the job counts as printed once
// it was handed to the page, which is why Electron (webContents.print) is the mode for silent printing.
import { randomUUID } from 'node:crypto';
import type { OsPrinterPort } from '../receipts';
import { PrinterError } from '../receipts';
import type { AppEvents } from './events';

export function createPagePrinter(events: AppEvents, cashierConnected: () => boolean = () => true): OsPrinterPort {
  return {
    print(html, options) {
      // With no cashier page open nothing would print: keep the job queued until one is.
      if (!cashierConnected()) return Promise.reject(new PrinterError('printer_unreachable', 'No cashier page is open to print from.'));
      events.emit('print:page', { jobId: randomUUID(), html, pageWidthMm: options.pageWidthMm });
      return Promise.resolve();
    },
  };
}
