// The composition root, plain Node: settings, payment core, relay link, reports, the customer display
// state machine, ONE handler map for the IPC contract, and the event emitter. The Electron shell and
// the browser-mode server are thin transports over the `TerminalApp` this returns.
import { mkdirSync } from 'node:fs';
import type { ReportExport, Result } from '../../shared';
import { createDisplayState, type DisplayStateMachine } from './display-state';
import { createAppEvents, type AppEvents } from './events';
import { createHandlers, invokeChecked, type Caller, type Handlers } from './handlers';
import { DEMO_MANAGER_PIN, createPinGuard } from './pin-guard';
import { PinLimiter, createLogger, hashPin } from '../core';
import type { Logger, PdfPrinter, SecretBox } from './ports';
import { createRuntime, type DemoLauncher, type Runtime } from './runtime';
import { openSettingsStore, type SettingsStore } from './settings-store';

export { DEMO_MANAGER_PIN } from './pin-guard';

/** Where the customer's phone lands after paying when no shop page is configured. */
export const DEFAULT_RETURN_URI = 'https://www.omise.co/';

export interface TerminalAppOptions {
  dataDir: string;
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
  /** Browser mode turns an export's file path into a one-time download URL. */
  exportLink?: (exp: ReportExport) => ReportExport;
  /** Clock of the manager-PIN lockout (tests move it instead of waiting five minutes). */
  now?: () => Date;
}

export interface TerminalApp {
  readonly dataDir: string;
  readonly events: AppEvents;
  readonly settings: SettingsStore;
  readonly handlers: Handlers;
  readonly runtime: Runtime;
  readonly display: DisplayStateMachine;
  /** Validates `input` against the channel's schema, dispatches, returns a Result. */
  invoke(channel: string, input: unknown, caller?: Caller): Promise<Result<unknown>>;
  close(): Promise<void>;
}


export async function createTerminalApp(options: TerminalAppOptions): Promise<TerminalApp> {
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const logger = options.logger ?? createLogger({ name: 'terminal', level: process.env.LOG_LEVEL ?? 'warn' });
  const events = createAppEvents((error) => logger.error({ error: String((error as Error)?.name) }, 'event listener failed'));
  const settings = openSettingsStore({ dataDir: options.dataDir, secretBox: options.secretBox, hashPin });

  // A fresh terminal with a demo launcher at hand starts in demo mode, with a known manager PIN.
  if (options.demo && settings.get().opnSecretKeySealed === '' && settings.get().mode === 'live') {
    settings.update({}, { mode: 'demo' });
  }
  if (settings.get().mode === 'demo' && settings.get().managerPinHash === '') settings.update({ managerPin: DEMO_MANAGER_PIN });

  const display = createDisplayState({
    shop: () => ({ shopName: settings.get().shopName, languages: settings.get().displayLanguages, checkout: settings.get().displayCheckout }),
    onChange: (state) => events.emit('display:changed', state),
    ...(options.displayHoldMs !== undefined ? { holdMs: options.displayHoldMs } : {}),
  });
  // One failure count for every manager-PIN check: the core's refunds/voids, reports and settings.
  const pins = new PinLimiter(options.now ? { now: options.now } : {});
  const runtime = createRuntime({
    dataDir: options.dataDir,
    settings,
    events,
    display,
    logger,
    pins,
    returnUri: options.returnUri ?? DEFAULT_RETURN_URI,
    ...(options.demo ? { demo: options.demo } : {}),
    ...(options.qrTtlMs !== undefined ? { qrTtlMs: options.qrTtlMs } : {}),
    ...(options.pollIntervalMs !== undefined ? { pollIntervalMs: options.pollIntervalMs } : {}),
    ...(options.pdfPrinter ? { pdfPrinter: options.pdfPrinter } : {}),
  });
  const pin = createPinGuard({ hash: () => settings.get().managerPinHash, limiter: pins });
  const handlers = createHandlers({ version: options.version ?? '0.0.0', shell: options.shell, settings, runtime, display, events, pin, exportLink: options.exportLink ?? ((e) => e) });

  await runtime.configure();

  return {
    dataDir: options.dataDir,
    events,
    settings,
    handlers,
    runtime,
    display,
    invoke: (channel, input, caller = 'cashier') => invokeChecked(handlers, channel, input, caller, logger),
    async close() {
      display.dispose();
      await runtime.close();
    },
  };
}
