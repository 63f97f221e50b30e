// The composition root, plain Node: settings, payment core, relay link, reports, the customer display
// state machine, the handlers behind the ONE gate, and the event emitter. The Electron shell and the
// browser-mode server are thin transports over the `TerminalApp` this returns.
import type { PosLinkControl, ReportExport } from '../../shared';
import { inDisplayOrder } from '../../shared';
import { createLogger } from '../core';
import { ensurePrivateDir } from '../core/private-files';
import { destinationPolicy, type DestinationPolicy } from './destinations';
import { withTestMode } from './test-mode';
import { createDisplayState, type DisplayStateMachine } from './display-state';
import { createAppEvents, type AppEvents } from './events';
import { createGate, type Gate, type Handlers } from './gate';
import { createPagePrinter } from './page-printer';
import { createHandlers } from './handlers';
import { DEMO_MANAGER_PIN, createManagerPin, hashPin } from './manager-pin';
import type { ExportFiles, Logger, PdfPrinter, SecretBox } from './ports';
import type { OsPrinterPort } from '../receipts';
import { createRuntime, receiptLogPath, type DemoLauncher, type Runtime } from './runtime';
import { openSettingsStore, type SettingsStore } from './settings-store';
import { restoreFromFile } from '../core/store/restore';
import { MIGRATIONS } from '../core/store/migrations/index';

export { DEMO_MANAGER_PIN } from './manager-pin';

/** Where the customer's phone lands after paying when no shop page is configured. */
export const DEFAULT_RETURN_URI = 'https://www.omise.co/';

export interface TerminalAppOptions {
  dataDir: string;
  /** `--restore <file>`: checked, then put in place of the current mode's receipt log before it opens. */
  restoreFrom?: string;
  shell: 'electron' | 'browser';
  secretBox: SecretBox;
  pdfPrinter?: PdfPrinter;
  /** Starts the embedded sandbox + forwarder (electron/demo) when the shop has no keys yet. */
  demo?: DemoLauncher;
  version?: string;
  logger?: Logger;
  returnUri?: string;
  /** Shorter QR lifetime and polling cadence (tests); the core's defaults otherwise. */
  qrTtlMs?: number;
  pollIntervalMs?: number;
  displayHoldMs?: number;
  /** The OS printer port: Electron's webContents.print (createElectronOsPrinter); browser mode prints in the page. */
  osPrinter?: OsPrinterPort;
  /** Print queue retry delays (tests). */
  printBackoffMs?: readonly number[];
  /** Browser mode turns an export's file path into a one-time download URL. */
  exportLink?: (exp: ReportExport) => ReportExport;
  /** Electron: the save dialog and "Show in folder" for exported reports. */
  exportFiles?: ExportFiles;
  /** Clock of the manager-PIN lockout (tests move it instead of waiting five minutes). */
  now?: () => Date;
  /** Where a live secret may be sent; from KAKAOPAY_OPN_API_ALLOW by default. */
  destinations?: DestinationPolicy;
  /** The POS link server's control for Settings (#23), read at each call; absent or null: unavailable. */
  posLink?: () => PosLinkControl | null;
}

export interface TerminalApp extends Gate {
  readonly dataDir: string;
  readonly events: AppEvents;
  readonly settings: SettingsStore;
  readonly handlers: Handlers;
  readonly runtime: Runtime;
  readonly display: DisplayStateMachine;
  close(): Promise<void>;
}


export async function createTerminalApp(options: TerminalAppOptions): Promise<TerminalApp> {
  // 0700 even when the folder was made by someone else (an installer, a copied profile).
  ensurePrivateDir(options.dataDir);
  const logger = options.logger ?? createLogger({ name: 'terminal', level: process.env.LOG_LEVEL ?? 'warn' });
  const events = createAppEvents((error) => logger.error({ error: String((error as Error)?.name) }, 'event listener failed'));
  const destinations = options.destinations ?? destinationPolicy();
  const settings = openSettingsStore({ dataDir: options.dataDir, secretBox: options.secretBox, hashPin, destinations });

  // A fresh terminal with a demo launcher at hand starts in demo mode, with a known manager PIN.
  if (options.demo && settings.get().opnSecretKeySealed === '' && settings.get().mode === 'live') {
    settings.update({}, { mode: 'demo' });
  }
  if (settings.get().mode === 'demo' && settings.get().managerPinHash === '') settings.update({ managerPin: DEMO_MANAGER_PIN });
  if (options.restoreFrom) {
    const { keptAside } = restoreFromFile(options.restoreFrom, receiptLogPath(options.dataDir, settings.get().mode), new Date(), MIGRATIONS.length);
    logger.warn({ keptAside }, 'receipt log restored from a file given with --restore');
  }

  const display = createDisplayState({
    shop: () => ({ shopName: settings.get().shopName, languages: inDisplayOrder(settings.get().displayLanguages), checkout: settings.get().displayCheckout }),
    onChange: (state) => events.emit('display:changed', withTestMode(state, settings)),
    ...(options.displayHoldMs !== undefined ? { holdMs: options.displayHoldMs } : {}),
  });
  // Browser mode without a port of its own prints through the cashier page.
  const osPrinter = options.osPrinter ?? (options.shell === 'browser' ? createPagePrinter(events) : undefined);
  const runtime = createRuntime({
    dataDir: options.dataDir,
    settings,
    events,
    display,
    logger,
    returnUri: options.returnUri ?? DEFAULT_RETURN_URI,
    destinations,
    ...(options.demo ? { demo: options.demo } : {}),
    ...(options.qrTtlMs !== undefined ? { qrTtlMs: options.qrTtlMs } : {}),
    ...(options.pollIntervalMs !== undefined ? { pollIntervalMs: options.pollIntervalMs } : {}),
    ...(options.pdfPrinter ? { pdfPrinter: options.pdfPrinter } : {}),
    ...(osPrinter ? { osPrinter } : {}),
    ...(options.printBackoffMs ? { printBackoffMs: options.printBackoffMs } : {}),
  });
  // One persistent failure count for every manager-PIN check, made at the gate.
  const now = options.now;
  const managerPin = createManagerPin({ dataDir: options.dataDir, hash: () => settings.get().managerPinHash, ...(now ? { now: () => now().getTime() } : {}) });
  const handlers = createHandlers({
    version: options.version ?? '0.0.0',
    shell: options.shell,
    settings,
    runtime,
    display,
    events,
    destinations,
    exportLink: options.exportLink ?? ((e) => e),
    dataDir: options.dataDir,
    ...(options.exportFiles ? { exportFiles: options.exportFiles } : {}),
    ...(options.posLink ? { posLink: options.posLink } : {}),
    logger,
  });
  const gate = createGate({ handlers, managerPin, logger });

  await runtime.configure();

  return {
    dataDir: options.dataDir,
    events,
    settings,
    handlers,
    runtime,
    display,
    invoke: (channel, input, caller) => gate.invoke(channel, input, caller),
    async close() {
      display.dispose();
      await runtime.close();
    },
  };
}

