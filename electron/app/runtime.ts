// The coordinator of the parts rebuilt when the shop changes keys, terminal or forwarder (./parts): the
// demo stack, the print session and the core session, opened in that order and closed in reverse.
// Reconfigurations are serialised; the settings handler refuses them while a sale is still open, so no
// payment is left without a watcher. A new part is one more entry in `parts` (after the core when it
// needs the core: a POS link session goes last).
import type { LinkStatus, PosLinkControl, Sale } from '../../shared';
import type { PaymentCore } from '../core';
import type { OsPrinterPort, ReceiptPrinting } from '../receipts';
import type { ReportService } from '../reports';
import type { DestinationPolicy } from './destinations';
import type { DisplayStateMachine } from './display-state';
import type { AppEvents } from './events';
import { createCoreSession } from './parts/core-session';
import { createDemoSession, receiptLogPath, type DemoLauncher } from './parts/demo-session';
import type { RuntimePart } from './parts/part';
import { createPrintSession } from './parts/print-session';
import type { Logger, PdfPrinter } from './ports';
import type { SettingsStore } from './settings-store';
import { createRuntimePosLink } from '../pos-link/runtime-wiring';

export type { DemoLauncher, DemoStack } from './parts/demo-session';
export { receiptLogPath } from './parts/demo-session';

export interface RuntimeOptions {
  dataDir: string;
  settings: SettingsStore;
  events: AppEvents;
  display: DisplayStateMachine;
  logger: Logger;
  demo?: DemoLauncher;
  returnUri: string;
  /** Where a live secret may be sent: checked when a client is built and before every Opn request. */
  destinations: DestinationPolicy;
  qrTtlMs?: number;
  pollIntervalMs?: number;
  /** Prints report PDFs (Electron printToPDF, or a headless Chromium in browser mode). */
  pdfPrinter?: PdfPrinter;
  /** The OS printer (Electron's webContents.print, or browser mode's page print); absent: kind 'os' reports not configured. */
  osPrinter?: OsPrinterPort;
  /** Print queue retry delays (tests); the queue's defaults otherwise. */
  printBackoffMs?: readonly number[];
}

/** What the parts serve; a part that cannot serve throws PartUnavailable, which the gate words. */
export interface Runtime {
  core(): PaymentCore;
  reports(): ReportService;
  /** Receipts: the print queue of the current mode (exists even before the Opn keys are set). */
  printing(): ReceiptPrinting;
  link(): LinkStatus;
  recovering(): boolean;
  hasOpenSale(): boolean;
  /** The sale the customer display follows (open, or settled and still shown), read from the log. */
  currentSale(): Sale | null;
  /** Whether this app was started with the embedded demo at hand (going back to it is possible). */
  hasDemo(): boolean;
  /** The receipt log in use: receipts.sqlite, or demo-receipts.sqlite while in demo mode. */
  dbPath(): string;
  configure(): Promise<void>;
  /** The return_uri charges carry (the demo's page in demo mode): the hosted checkout ends there. */
  returnUri(): string;
  /** The POS link (a till's local API): Settings' IPC handlers call it (manager PIN at the gate). */
  posLink(): PosLinkControl;
  close(): Promise<void>;
}

export function createRuntime(o: RuntimeOptions): Runtime {
  const dbPath = (): string => receiptLogPath(o.dataDir, o.settings.get().mode);
  const returnUri = (): string => demo.returnUri() ?? o.returnUri;
  const demo = createDemoSession({ dataDir: o.dataDir, settings: o.settings, launcher: o.demo });
  const print = createPrintSession({ ...o, logId: () => demo.logId(), loadReceipt: (saleId) => core.receipt(saleId) });
  const core = createCoreSession({
    ...o, dbPath, returnUri, logId: () => demo.logId(),
    // Both screens follow the core's committed sales: the cashier's windows, and the customer display's
    // state machine (nothing else moves the display for a sale); after Paid, the customer's receipt.
    onSale: (sale) => {
      o.events.emit('sale:updated', sale);
      o.display.onSale(sale);
      if (sale.status === 'successful') print.salePaid(sale.id);
      posLink.session.onSale(sale);
    },
    // A sale left open by a crash comes back on the display (same QR and countdown); the cashier resumes it (sale:current).
    onOpenSalesFound: (open) => {
      const latest = open.at(-1);
      if (latest) o.display.resume(latest);
    },
  });
  // The POS link goes last: it serves tills over the core of the moment, and stays listening across a
  // reconfiguration (its open checkouts catch up with the new core).
  const posLink = createRuntimePosLink({ ...o, core: () => core.peek(), link: () => core.link(), recovering: () => core.recovering() });
  o.events.on('link:changed', () => posLink.session.terminalChanged());
  const posLinkPart: RuntimePart = {
    async open() {
      await posLink.session.open();
      posLink.session.coreChanged();
    },
    async close(why) {
      if (why === 'shutdown') await posLink.session.close();
    },
  };
  const parts: readonly RuntimePart[] = [demo, print, core, posLinkPart];

  let chain: Promise<void> = Promise.resolve();
  const closeAll = async (why: 'reconfigure' | 'shutdown'): Promise<void> => {
    for (const part of [...parts].reverse()) await part.close(why);
  };
  const reconfigure = async (): Promise<void> => {
    await closeAll('reconfigure');
    for (const part of parts) await part.open();
  };

  return {
    core: () => core.core(),
    reports: () => core.reports(),
    printing: () => print.current(),
    link: () => core.link(),
    recovering: () => core.recovering(),
    hasOpenSale: () => (core.peek()?.store.sales.listOpen().length ?? 0) > 0,
    currentSale() {
      const id = o.display.followed();
      return id ? (core.peek()?.store.sales.get(id) ?? null) : null;
    },
    hasDemo: () => o.demo !== undefined,
    dbPath,
    returnUri,
    posLink: () => posLink.session.control,
    configure() {
      const next = chain.then(reconfigure);
      chain = next.catch(() => {});
      return next;
    },
    async close() {
      await chain;
      await closeAll('shutdown');
    },
  };
}
