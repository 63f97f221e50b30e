// What the app wires to IPC and Settings: receipts for sales, refund and void slips, reprints and the
// test page, printed through the queue on the printer chosen in Settings.
import type { Receipt } from '../../shared';
import type { PaperWidthMm, PrintNotice, ReceiptSettings } from '../../shared';
import type { ReceiptDocument, ReceiptShop } from './document';
import { refundSlip, saleReceipt, testPage } from './document';
import { encodeReceipt } from './escpos';
import { receiptHtml } from './html';
import type { NetworkPrinterTarget } from './network-printer';
import { PrinterError, sendToNetworkPrinter } from './network-printer';
import type { OsPrinterPort } from './os-printer';
import { PrintQueue } from './print-queue';
import type { PrintJob } from './queue-store';

export type ReceiptErrorCode = 'sale_not_found' | 'refund_not_found';

export class ReceiptError extends Error {
  override readonly name = 'ReceiptError';
  constructor(
    readonly code: ReceiptErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface DeliverOptions {
  readonly settings: () => ReceiptSettings;
  /** Absent in a process that has no OS printing (then 'os' reports printer_not_configured). */
  readonly osPrinter?: OsPrinterPort | null;
  readonly network?: Pick<NetworkPrinterTarget, 'connectTimeoutMs' | 'writeTimeoutMs'>;
}

/** Why nothing can be printed with the printer in Settings (no printer chosen), or null. */
export function printerMissing(options: DeliverOptions): PrinterError | null {
  const kind = options.settings().printerKind;
  if (kind === 'none') return new PrinterError('printer_not_configured', 'No receipt printer is chosen in Settings.');
  if (kind === 'os' && !options.osPrinter) return new PrinterError('printer_not_configured', 'The system printer is not available here.');
  return null;
}

/** Renders a document for the printer in Settings at the moment of printing, and sends it. */
export function createDeliver(options: DeliverOptions): (document: ReceiptDocument) => Promise<void> {
  return async (document) => {
    const s = options.settings();
    const missing = printerMissing(options);
    if (missing) throw missing;
    switch (s.printerKind) {
      case 'none':
        return;
      case 'escpos':
        return sendToNetworkPrinter({ host: s.printerHost, port: s.printerPort, ...options.network }, encodeReceipt(document, s.paperWidthMm).bytes);
      case 'os':
        if (!options.osPrinter) return;
        return options.osPrinter.print(receiptHtml(document, s.paperWidthMm), { deviceName: s.osPrinterName, pageWidthMm: s.paperWidthMm, silent: true });
      default: {
        const never: never = s.printerKind;
        return never;
      }
    }
  };
}

export interface ReceiptPrintingOptions extends DeliverOptions {
  /** <dataDir>/print-queue.db */
  readonly queueFile: string;
  /** The receipt log this terminal uses now: the queue prints only its jobs (see print-queue.ts). */
  readonly logId: string;
  /** The live queue file: jobs from before jobs named their log are this log's. */
  readonly claimUnnamed?: boolean;
  readonly shop: () => ReceiptShop;
  /** The sale with its refunds, from the receipt log (null when unknown). */
  readonly loadReceipt: (saleId: string) => Receipt | null;
  readonly onNotice?: (notice: PrintNotice) => void;
  readonly now?: () => Date;
  readonly backoffMs?: readonly number[];
}

export interface ReceiptPrinting {
  readonly queue: PrintQueue;
  /** After Paid: queues the customer's receipt when Settings say auto-print and a printer is chosen. */
  onSalePaid(saleId: string): PrintJob | null;
  /** Queues the receipt of a sale (reprint from the sale's detail: `copy: true`). With no printer chosen
   *  it throws printer_not_configured and queues nothing (and so does every print below). */
  printReceipt(saleId: string, options?: { copy?: boolean }): PrintJob;
  /** Throws printer_not_configured when no printer is chosen (nothing can be queued then). */
  assertPrinter(): void;
  /** Reprints the receipt marked "Copy". */
  reprint(saleId: string): PrintJob;
  /** Queues the slip of one refund or void of a sale. */
  printRefundSlip(saleId: string, refundId: string): PrintJob;
  /** Settings' "Print test page": printed now (not queued), so Settings can say whether it worked. */
  printTestPage(): Promise<void>;
  /** The receipt document itself (plain JSON for IPC: the screen draws the same lines as the paper). */
  document(saleId: string, options?: { copy?: boolean }): ReceiptDocument;
  /** The same document as on paper, as HTML for the screen. */
  previewHtml(saleId: string, paper?: PaperWidthMm): string;
  close(): Promise<void>;
}

export function createReceiptPrinting(options: ReceiptPrintingOptions): ReceiptPrinting {
  const now = options.now ?? (() => new Date());
  const deliver = createDeliver(options);
  const queue = new PrintQueue({ file: options.queueFile, logId: options.logId, claimUnnamed: options.claimUnnamed === true, deliver, onNotice: options.onNotice, now: () => now().getTime(), backoffMs: options.backoffMs });
  const receiptOf = (saleId: string): Receipt => {
    const r = options.loadReceipt(saleId);
    if (!r) throw new ReceiptError('sale_not_found', `There is no sale ${saleId.slice(0, 64)} on this terminal.`);
    return r;
  };
  const enqueue = (document: ReceiptDocument): PrintJob => {
    const missing = printerMissing(options);
    if (missing) throw missing;
    return queue.enqueue(document);
  };
  const printReceipt = (saleId: string, o: { copy?: boolean } = {}): PrintJob => enqueue(saleReceipt(receiptOf(saleId), options.shop(), o));
  return {
    queue,
    onSalePaid(saleId) {
      const s = options.settings();
      if (!s.autoPrint || printerMissing(options)) return null;
      return printReceipt(saleId);
    },
    printReceipt,
    assertPrinter() {
      const missing = printerMissing(options);
      if (missing) throw missing;
    },
    reprint: (saleId) => printReceipt(saleId, { copy: true }),
    printRefundSlip(saleId, refundId) {
      const receipt = receiptOf(saleId);
      const refund = receipt.refunds.find((r) => r.id === refundId || r.opnRefundId === refundId);
      if (!refund) throw new ReceiptError('refund_not_found', `Sale ${saleId.slice(0, 64)} has no refund ${refundId.slice(0, 64)}.`);
      return enqueue(refundSlip(receipt, refund, options.shop()));
    },
    printTestPage: () => deliver(testPage(options.shop(), options.settings().paperWidthMm, now())),
    document: (saleId, o) => saleReceipt(receiptOf(saleId), options.shop(), o),
    previewHtml: (saleId, paper) => receiptHtml(saleReceipt(receiptOf(saleId), options.shop()), paper ?? options.settings().paperWidthMm),
    close: () => queue.close(),
  };
}
