// The parts of the app that are rebuilt when the shop changes keys, terminal or forwarder: the payment
// core, the relay client and (in demo mode) the embedded sandbox and forwarder. Reconfigurations are
// serialised, and refused while a sale is still open so no payment is left without a watcher.
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import type { Country, LinkStatus, Sale } from '../../shared';
import { OPEN_SALE_STATUSES, currencyOf } from '../../shared';
import { defaultCashierLanguage } from '../../shared';
import type { AppEvents } from './events';
import { openPaymentCore, type PaymentCore } from '../core';
import { RelayClient } from '../relay/client';
import { createReportService, type ReportService } from '../reports';
import { storeReportCacheOptions } from '../reports/store/cache';
import type { Logger, PdfPrinter } from './ports';
import type { SettingsStore } from './settings-store';
import type { DisplayStateMachine } from './display-state';
import { destinationProblem, requestGuard, type DestinationPolicy } from './destinations';
import { GateError } from './errors';
import { createReceiptPrinting, type OsPrinterPort, type ReceiptPrinting } from '../receipts';

/** What the demo launcher provides: test keys and a forwarder on loopback, and how to stop them. */
export interface DemoStack {
  readonly opnApiBase: string;
  readonly opnSecretKey: string;
  readonly opnPublicKey: string;
  readonly forwarderUrl: string;
  readonly forwarderToken: string;
  readonly returnUri: string;
  readonly country: Country;
  readonly terminalId: string;
  stop(): Promise<void>;
}
export type DemoLauncher = (input: { dataDir: string; country: Country; terminalId: string; shopName: string }) => Promise<DemoStack>;

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

const DEMO_DB = 'demo-receipts.sqlite';
// Demo and live print jobs never mix, like their receipt logs.
const queueFileFor = (mode: 'demo' | 'live'): string => (mode === 'demo' ? 'demo-print-queue.db' : 'print-queue.db');
const RECOVER_RETRY_MS = 5_000;

const NOT_CONFIGURED: LinkStatus = { state: 'offline', polling: false, lastEventAt: null, detail: 'Not configured: add the Opn keys in Settings.' };
const SETTINGS_ATTENTION: LinkStatus = { state: 'offline', polling: false, lastEventAt: null, detail: 'Settings need attention: a secret would be sent where it may not go. Nothing is sent until they are fixed.' };
const NO_FORWARDER: LinkStatus = { state: 'offline', polling: true, lastEventAt: null, detail: 'No forwarder configured: sales are confirmed by polling Opn.' };

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
  close(): Promise<void>;
}

/**
 * What the Z report asks the relay: with no forwarder configured nothing can wait at one (sales are
 * confirmed by polling), so 0; otherwise the client's backlog, or null (refuse) while its link is down.
 */
export function relayBacklog(relay: Pick<RelayClient, 'pendingCount'> | null): number | null {
  return relay ? relay.pendingCount() : 0;
}

function createReports(core: PaymentCore, o: RuntimeOptions, pendingRelayEvents: () => number | null, storeCache: { file: string; scope: string }): ReportService {
  return createReportService({
    storeCache: () => storeCache,
    store: core.store,
    opn: core.opn,
    printer: o.pdfPrinter!,
    outputDir: path.join(o.dataDir, 'exports'),
    settings: () => {
      const s = o.settings.get();
      return { shopName: s.shopName, terminalId: s.terminalId, storeId: s.storeId, timeZone: s.timeZone, dayStartMinutes: s.dayStartMinutes, currency: currencyOf(s.country) };
    },
    onProgress: (p) => o.events.emit('reports:progress', p),
    pendingRelayEvents,
    recordOpnRefunds: (charges) => core.recordOpnRefunds(charges),
  });
}

/** The receipt log of a mode (the demo's is its own file, so demo sales never mix with real ones). */
export function receiptLogPath(dataDir: string, mode: 'demo' | 'live'): string {
  return path.join(dataDir, mode === 'demo' ? DEMO_DB : 'receipts.sqlite');
}

export function createRuntime(o: RuntimeOptions): Runtime {
  // The demo's sandbox keeps its charges in memory, so each demo run starts a fresh demo receipt log
  // (the real one is never touched by the demo, and demo sales never mix with real ones).
  const dbPathFor = (mode: 'demo' | 'live'): string => receiptLogPath(o.dataDir, mode);
  let core: PaymentCore | null = null;
  let reports: ReportService | null = null;
  let relay: RelayClient | null = null;
  let demo: DemoStack | null = null;
  let printing: ReceiptPrinting | null = null;
  // The identity of the demo receipt log, new each time that log is made afresh (the print queue
  // prints only the jobs of the log in use; the live log is one log for the life of the install).
  let demoLogId = `demo:${randomUUID()}`;
  let link: LinkStatus = NOT_CONFIGURED;
  let refused = false;
  let recovering = false;
  let unsubscribe: (() => void) | null = null;
  let retryTimer: NodeJS.Timeout | null = null;
  const open = new Set<string>();
  let chain: Promise<void> = Promise.resolve();

  // A changed printer, paper or address applies to waiting jobs: try them now.
  o.events.on('settings:changed', () => printing?.queue.retryNow());

  const setLink = (next: LinkStatus): void => {
    link = next;
    o.events.emit('link:changed', link);
  };

  const onSale = (sale: Sale): void => {
    if (OPEN_SALE_STATUSES.includes(sale.status)) open.add(sale.id);
    else open.delete(sale.id);
    // Both screens follow the core's committed sales: the cashier's windows, and the customer display's
    // state machine (nothing else moves the display for a sale).
    o.events.emit('sale:updated', sale);
    o.display.onSale(sale);
    if (sale.status === 'successful') autoPrint(sale.id);
  };

  // After Paid: one customer receipt per sale (a re-emitted or recovered 'successful' finds its job).
  // Queuing is one local insert; the printer is driven in the background and never delays the sale.
  const autoPrint = (saleId: string): void => {
    const p = printing;
    if (!p) return;
    try {
      if (p.queue.jobsForSale(saleId).some((j) => j.kind === 'sale')) return;
      p.onSalePaid(saleId);
    } catch (error) {
      o.logger.warn({ err: String((error as Error)?.name) }, 'could not queue the receipt');
    }
  };

  function openPrinting(mode: 'demo' | 'live'): ReceiptPrinting {
    return createReceiptPrinting({
      queueFile: path.join(o.dataDir, queueFileFor(mode)),
      logId: mode === 'demo' ? demoLogId : 'live',
      claimUnnamed: mode === 'live',
      settings: () => o.settings.get().receipt,
      osPrinter: o.osPrinter ?? null,
      shop: () => {
        const s = o.settings.get();
        return { name: s.shopName, address: s.receipt.address, taxId: s.receipt.taxId, country: s.country, timeZone: s.timeZone, language: s.cashierLanguage ?? defaultCashierLanguage(s.country) };
      },
      loadReceipt: (saleId) => {
        if (!core) return null;
        try {
          const r = core.getReceipt(saleId);
          return { ...r, shopName: r.shopName || o.settings.get().shopName };
        } catch {
          return null;
        }
      },
      onNotice: (notice) => o.events.emit('print:notice', notice),
      ...(o.printBackoffMs ? { backoffMs: o.printBackoffMs } : {}),
    });
  }

  async function teardown(keepDemo: boolean): Promise<void> {
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
    const r = relay;
    relay = null;
    await r?.stop();
    unsubscribe?.();
    unsubscribe = null;
    const c = core;
    core = null;
    reports = null;
    await c?.close();
    const p = printing;
    printing = null;
    await p?.close();
    if (!keepDemo && demo) {
      const d = demo;
      demo = null;
      await d.stop();
    }
  }

  async function ensureDemo(): Promise<void> {
    const s = o.settings.get();
    if (!o.demo || s.mode !== 'demo') return;
    if (demo && demo.country === s.country && demo.terminalId === s.terminalId) return;
    if (demo) {
      const old = demo;
      demo = null;
      await old.stop();
    }
    for (const suffix of ['', '-wal', '-shm']) rmSync(path.join(o.dataDir, DEMO_DB + suffix), { force: true });
    demoLogId = `demo:${randomUUID()}`;
    demo = await o.demo({ dataDir: o.dataDir, country: s.country, terminalId: s.terminalId, shopName: s.shopName });
    o.settings.update({ opnApiBase: demo.opnApiBase, opnSecretKey: demo.opnSecretKey, opnPublicKey: demo.opnPublicKey, forwarderUrl: demo.forwarderUrl, forwarderToken: demo.forwarderToken });
  }

  // Start-up reconciliation must finish before new sales; when Opn cannot answer it is retried.
  function recover(c: PaymentCore): void {
    c.recover().then(
      () => {
        if (core === c) recovering = false;
      },
      (error: unknown) => {
        if (core !== c) return;
        o.logger.warn({ err: String((error as Error)?.message ?? 'error').slice(0, 200) }, 'start-up reconciliation failed; retrying in 5 s');
        retryTimer = setTimeout(() => core === c && recover(c), RECOVER_RETRY_MS);
        retryTimer.unref();
      },
    );
  }

  async function doConfigure(): Promise<void> {
    const mode = o.settings.get().mode;
    await teardown(mode === 'demo');
    await ensureDemo();
    const s = o.settings.get();
    const secrets = o.settings.secrets();
    open.clear();
    printing = openPrinting(s.mode);
    // The destination rule again, on the very values the clients are built from (the store checked
    // them when it read the file): a refusal builds nothing, so nothing is sent.
    const problem = o.settings.attention() ?? destinationProblem({ mode: s.mode, opnSecretKey: secrets.opnSecretKey, opnApiBase: s.opnApiBase, forwarderUrl: s.forwarderUrl }, o.destinations);
    refused = problem !== null;
    if (problem) {
      o.logger.warn({ problem }, 'settings need attention: no Opn client or relay link is built');
      setLink(SETTINGS_ATTENTION);
      return;
    }
    if (!secrets.opnSecretKey) {
      setLink(NOT_CONFIGURED);
      return;
    }
    const c = openPaymentCore({
      dbPath: dbPathFor(s.mode),
      opn: { baseUrl: s.opnApiBase, secretKey: secrets.opnSecretKey, guard: requestGuard(secrets.opnSecretKey, o.destinations) },
      // Manual capture only while this account has not refused it (Opn documents it for cards only).
      terminal: { terminalId: s.terminalId, storeId: s.storeId, country: s.country, returnUri: demo?.returnUri ?? o.returnUri, captureMode: s.captureMode === 'manual' && s.manualCapture !== 'refused' ? 'manual' : 'automatic' },
      onManualCaptureRefused: () => {
        o.settings.update({}, { manualCapture: 'refused' });
        o.events.emit('settings:changed', o.settings.publicView());
      },
      onManualCaptureAccepted: () => {
        if (o.settings.get().manualCapture === 'supported') return;
        o.settings.update({}, { manualCapture: 'supported' });
        o.events.emit('settings:changed', o.settings.publicView());
      },
      qrTtlMs: o.qrTtlMs ?? (() => o.settings.get().qrValidityMinutes * 60_000),
      // The demo's copies are named after its own log (demo-receipts-…), so they never restore into the real one.
      offsiteBackup: () => {
        const now = o.settings.get();
        return now.backupDir !== '' ? { dir: now.backupDir, keepDays: now.backupKeepDays } : null;
      },
      ...(o.pollIntervalMs !== undefined ? { pollIntervalMs: o.pollIntervalMs } : {}),
      logger: o.logger,
    });
    core = c;
    // Reads the relay of the moment (set just below, for demo and live mode alike).
    const storeCache = storeReportCacheOptions({ dataDir: o.dataDir, mode: s.mode, opnApiBase: s.opnApiBase, secretKey: secrets.opnSecretKey, demoRunId: demoLogId });
    reports = o.pdfPrinter ? createReports(c, o, () => relayBacklog(relay), storeCache) : null;
    unsubscribe = c.onSaleChanged(onSale);
    // A sale left open by a crash is still this terminal's current sale: the display shows its QR and
    // countdown again and the cashier resumes it (sale:current), while recovery reconciles it with Opn.
    const left = c.store.sales.listOpen();
    for (const sale of left) open.add(sale.id);
    const latest = left.at(-1);
    if (latest) o.display.resume(latest);
    if (s.forwarderUrl && secrets.forwarderToken) {
      c.setRelayHealthy(false);
      const client = new RelayClient({
        url: s.forwarderUrl,
        terminalId: s.terminalId,
        token: secrets.forwarderToken,
        lastSeq: () => c.relayCursor(),
        onEvent: (event) => c.handleRelayEvent(event),
        onStatus: (status) => {
          if (relay !== client) return;
          const healthy = status.state === 'connected';
          c.setRelayHealthy(healthy);
          setLink({ ...status, polling: !healthy });
        },
      });
      relay = client;
      setLink({ ...client.status, polling: client.status.state !== 'connected' });
      client.start();
    } else {
      c.setRelayHealthy(false);
      setLink(NO_FORWARDER);
    }
    recovering = true;
    recover(c);
  }

  return {
    dbPath: () => dbPathFor(o.settings.get().mode),
    core() {
      if (refused) throw new GateError('insecure_destination', SETTINGS_ATTENTION.detail ?? '');
      if (!core) throw new GateError('not_configured', 'The terminal is not set up yet: add the Opn secret key in Settings.');
      return core;
    },
    reports() {
      if (refused) throw new GateError('insecure_destination', SETTINGS_ATTENTION.detail ?? '');
      if (!core) throw new GateError('not_configured', 'The terminal is not set up yet: add the Opn secret key in Settings.');
      if (!reports) throw new GateError('unavailable', 'Reports are not available in this build.', { reason: 'no_reports' });
      return reports;
    },
    printing() {
      if (!printing) throw new GateError('unavailable', 'Printing is starting; try again in a moment.', { reason: 'printing_starting' });
      return printing;
    },
    link: () => link,
    recovering: () => recovering,
    hasOpenSale: () => open.size > 0,
    hasDemo: () => o.demo !== undefined,
    currentSale() {
      const id = o.display.followed();
      return id && core ? (core.store.sales.get(id) ?? null) : null;
    },
    returnUri: () => demo?.returnUri ?? o.returnUri,
    configure() {
      const next = chain.then(doConfigure);
      chain = next.catch(() => {});
      return next;
    },
    async close() {
      await chain;
      await teardown(false);
    },
  };
}
