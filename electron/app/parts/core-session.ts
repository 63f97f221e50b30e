// The core session: the payment core on the mode's receipt log, its relay link to the forwarder, the report
// service over them, the link status both screens show, and the start-up reconciliation retried until Opn
// answers. Nothing is built when the settings would send a secret where it may not go.
import path from 'node:path';
import type { LinkStatus, Receipt, Sale } from '../../../shared';
import { currencyOf } from '../../../shared';
import { openPaymentCore, type PaymentCore } from '../../core';
import { createReportService, type ReportService } from '../../reports';
import { storeReportCacheOptions } from '../../reports/store/cache';
import { destinationProblem, requestGuard, type DestinationPolicy } from '../destinations';
import type { AppEvents } from '../events';
import type { Logger, PdfPrinter } from '../ports';
import type { SettingsStore } from '../settings-store';
import { PartUnavailable, type RuntimePart } from './part';
import { openRelayLink, relayBacklog, type RelayLink } from './relay-link';

const RECOVER_RETRY_MS = 5_000;
const NOT_CONFIGURED: LinkStatus = { state: 'offline', polling: false, lastEventAt: null, detail: 'Not configured: add the Opn keys in Settings.' };
const SETTINGS_ATTENTION: LinkStatus = { state: 'offline', polling: false, lastEventAt: null, detail: 'Settings need attention: a secret would be sent where it may not go. Nothing is sent until they are fixed.' };

/** A sale's receipt names the shop as the sale recorded it, or as Settings name it now (the one fallback). */
export function withShopName(receipt: Receipt, shopName: string): Receipt {
  return { ...receipt, shopName: receipt.shopName || shopName };
}

export interface CoreSessionOptions {
  settings: SettingsStore;
  events: AppEvents;
  logger: Logger;
  destinations: DestinationPolicy;
  dbPath: () => string;
  returnUri: () => string;
  /** Every sale the core commits, in commit order. */
  onSale: (sale: Sale) => void;
  /** The sales a crash left open, oldest first, found as the core opens. */
  onOpenSalesFound: (open: readonly Sale[]) => void;
  /** Report exports go to <dataDir>/exports. */
  dataDir: string;
  /** The receipt log's identity ('live', or this demo run's): the store report's cache is scoped by it. */
  logId: () => string;
  qrTtlMs?: number;
  pollIntervalMs?: number;
  pdfPrinter?: PdfPrinter;
}

export interface CoreSession extends RuntimePart {
  /** The open core; PartUnavailable when the settings refuse it or no key is set. */
  core(): PaymentCore;
  /** The open core, or null (nothing to ask). */
  peek(): PaymentCore | null;
  reports(): ReportService;
  /** A sale's receipt with the shop's name; null when unknown or no core is open. */
  receipt(saleId: string): Receipt | null;
  link(): LinkStatus;
  recovering(): boolean;
}

export function createCoreSession(o: CoreSessionOptions): CoreSession {
  let core: PaymentCore | null = null;
  let reports: ReportService | null = null;
  let relay: RelayLink | null = null;
  let refused = false;
  let recovering = false;
  let retryTimer: NodeJS.Timeout | null = null;
  let link: LinkStatus = NOT_CONFIGURED;
  let unsubscribe: (() => void) | null = null;

  const setLink = (next: LinkStatus): void => {
    link = next;
    o.events.emit('link:changed', link);
  };
  const markCapture = (manualCapture: 'refused' | 'supported'): void => {
    if (o.settings.get().manualCapture === manualCapture) return;
    o.settings.update({}, { manualCapture });
    o.events.emit('settings:changed', o.settings.publicView());
  };

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

  function openCore(): PaymentCore {
    const s = o.settings.get();
    const { opnSecretKey } = o.settings.secrets();
    return openPaymentCore({
      dbPath: o.dbPath(),
      opn: { baseUrl: s.opnApiBase, secretKey: opnSecretKey, guard: requestGuard(opnSecretKey, o.destinations) },
      // Manual capture only while this account has not refused it (Opn documents it for cards only).
      terminal: { terminalId: s.terminalId, storeId: s.storeId, country: s.country, returnUri: o.returnUri(), captureMode: s.captureMode === 'manual' && s.manualCapture !== 'refused' ? 'manual' : 'automatic' },
      onManualCaptureRefused: () => markCapture('refused'),
      onManualCaptureAccepted: () => markCapture('supported'),
      qrTtlMs: o.qrTtlMs ?? (() => o.settings.get().qrValidityMinutes * 60_000),
      // The demo's copies are named after its own log (demo-receipts-…), so they never restore into the real one.
      offsiteBackup: () => {
        const now = o.settings.get();
        return now.backupDir !== '' ? { dir: now.backupDir, keepDays: now.backupKeepDays } : null;
      },
      ...(o.pollIntervalMs !== undefined ? { pollIntervalMs: o.pollIntervalMs } : {}),
      logger: o.logger,
    });
  }

  const available = (): PaymentCore => {
    if (refused) throw new PartUnavailable('insecure_destination');
    if (!core) throw new PartUnavailable('not_configured');
    return core;
  };

  return {
    open() {
      const s = o.settings.get();
      const secrets = o.settings.secrets();
      // The destination rule again, on the very values the clients are built from (the store checked
      // them when it read the file): a refusal builds nothing, so nothing is sent.
      const problem = o.settings.attention() ?? destinationProblem({ mode: s.mode, opnSecretKey: secrets.opnSecretKey, opnApiBase: s.opnApiBase, forwarderUrl: s.forwarderUrl }, o.destinations);
      refused = problem !== null;
      if (problem) {
        o.logger.warn({ problem }, 'settings need attention: no Opn client or relay link is built');
        return setLink(SETTINGS_ATTENTION);
      }
      if (!secrets.opnSecretKey) return setLink(NOT_CONFIGURED);
      const c = openCore();
      core = c;
      // Reads the relay of the moment (opened just below).
      const storeCache = storeReportCacheOptions({ dataDir: o.dataDir, mode: s.mode, opnApiBase: s.opnApiBase, secretKey: secrets.opnSecretKey, demoRunId: o.logId() });
      reports = o.pdfPrinter
        ? createReportService({
            storeCache: () => storeCache,
            store: c.store,
            opn: c.opn,
            printer: o.pdfPrinter,
            outputDir: path.join(o.dataDir, 'exports'),
            settings: () => {
              const now = o.settings.get();
              return { shopName: now.shopName, terminalId: now.terminalId, storeId: now.storeId, timeZone: now.timeZone, dayStartMinutes: now.dayStartMinutes, currency: currencyOf(now.country) };
            },
            onProgress: (p) => o.events.emit('reports:progress', p),
            pendingRelayEvents: () => relayBacklog(relay?.client ?? null),
            recordOpnRefunds: (charges) => c.recordOpnRefunds(charges),
          })
        : null;
      unsubscribe = c.onSaleChanged(o.onSale);
      // A sale left open by a crash is still this terminal's current sale, while recovery reconciles it.
      o.onOpenSalesFound(c.store.sales.listOpen());
      relay = openRelayLink({ core: c, settings: s, token: secrets.forwarderToken, onStatus: setLink });
      recovering = true;
      recover(c);
    },
    // Relay first (no event reaches a closing core), then the core, which waits for its own work.
    async close() {
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
    },
    core: available,
    peek: () => core,
    reports() {
      available();
      if (!reports) throw new PartUnavailable('no_reports');
      return reports;
    },
    receipt(saleId) {
      if (!core) return null;
      try {
        return withShopName(core.getReceipt(saleId), o.settings.get().shopName);
      } catch {
        return null;
      }
    },
    link: () => link,
    recovering: () => recovering,
  };
}
