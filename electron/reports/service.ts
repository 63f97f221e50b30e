// The reports service the app wires to the reports:* IPC channels. Plain Node: the database handle,
// the Opn client, the PDF printer and the relay's backlog are handed in by the caller.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Currency, OpnCharge } from '../../shared';
import type { ExportFormat } from '../../shared';
import type { DayReport, ReconciliationResult, ReportExport, ZReportSummary } from '../../shared';
import { aggregateDay } from './data/aggregate';
import type { DayData, ReceiptStore } from '../core';
import { reconciliationCsv, salesCsv, summaryCsv } from './csv/day-csv';
import { ReportError, ZRefusedError } from './errors';
import type { PdfPrinter } from './pdf/printer';
import { dayReportPdf } from './pdf/day-pdf';
import type { OpnChargeReader } from './reconcile/reconcile';
import { reconcileDay } from './reconcile/reconcile';
import { businessDayRange } from '../../shared';
import { zBlockers } from './z/blockers';
import type { StoreDayReport } from '../../shared';
import type { OpnStoreReader, StoreCacheOptions } from './store/store-report';
import { storeDayReport } from './store/store-report';
import { storeReportCsv } from './store/store-csv';
import { storeReportPdf } from './store/store-pdf';
import { ensurePrivateDirAsync } from '../core/private-files';
import { PRIVATE_FILE_MODE } from '../../shared';

export type { ExportFormat } from '../../shared';

export interface ReportSettings {
  readonly shopName: string;
  readonly terminalId: string;
  readonly timeZone: string;
  readonly dayStartMinutes: number;
  readonly currency: Currency;
  /** The store (Opn charges' metadata.store_id) for the store day report. */
  readonly storeId?: string;
}

export interface ReportProgress {
  readonly task: string;
  readonly done: number;
  readonly total: number;
}

export interface ReportServiceOptions {
  /** The receipt store's read-only day queries and its closed days. */
  readonly store: Pick<ReceiptStore, 'days' | 'zReports'>;
  /** The core's OpnClient (or a getter, when keys can change at run time). */
  readonly opn: OpnChargeReader | (() => OpnChargeReader);
  /** Read on every call, so a changed zone or day start applies at once. */
  readonly settings: () => ReportSettings;
  /** Prints the store report's HTML (Electron's printToPDF, Chromium in browser mode); the day's PDF is drawn without it. */
  readonly printer: PdfPrinter;
  /** Exports are written here (created if missing). */
  readonly outputDir: string;
  /**
   * Events the relay has received but not yet committed and acknowledged; return null when it cannot
   * be known (link down: events may be waiting at the forwarder). Either refuses a Z. Default: 0.
   */
  readonly pendingRelayEvents?: () => number | null;
  readonly onProgress?: (p: ReportProgress) => void;
  readonly now?: () => Date;
  /**
   * The store report's cache file and the Opn account it belongs to (docs/reports.md, "Store report
   * cache"); read on every store report. Without it each store report lists the whole day from Opn.
   */
  readonly storeCache?: () => StoreCacheOptions | null;
  /** The payment core's recordOpnRefunds: a reconciliation records refunds made at Opn it finds. */
  readonly recordOpnRefunds?: (charges: readonly OpnCharge[]) => Promise<number>;
}

export interface ReportService {
  /** X report: a snapshot of the day; changes nothing. */
  x(day: string): DayReport;
  /** Z report: closes the day (numbered, immutable) or throws ZRefusedError naming every reason. */
  z(day: string): ZReportSummary;
  listZ(): ZReportSummary[];
  reconcile(day: string): Promise<ReconciliationResult>;
  /** Writes the file to outputDir and says where. */
  export(day: string, format: ExportFormat): Promise<ReportExport>;
  /** The whole store's day from Opn's charge list, this terminal's own figures beside its row. */
  store(day: string): Promise<StoreDayReport>;
  storeExport(day: string, format: 'csv' | 'pdf'): Promise<ReportExport>;
}

export function createReportService(options: ReportServiceOptions): ReportService {
  const now = options.now ?? (() => new Date());
  const reader = options.store.days;
  const zs = options.store.zReports;
  const progress = (task: string, done: number, total: number): void => options.onProgress?.({ task, done, total });
  const opn = (): OpnChargeReader => (typeof options.opn === 'function' ? options.opn() : options.opn);

  function build(day: string): { report: DayReport; data: DayData } {
    const s = options.settings();
    const { from, to } = businessDayRange(day, s.timeZone, s.dayStartMinutes);
    const data = reader.day(from, to);
    const agg = aggregateDay(data, s.currency, s.timeZone, s.dayStartMinutes);
    const closed = zs.byDay(day);
    const at = now();
    const blockers = zBlockers({
      day, data, to, now: at, timeZone: s.timeZone, pendingRelayEvents: options.pendingRelayEvents ? options.pendingRelayEvents() : 0,
      closedNumber: closed?.number ?? null,
    });
    const report: DayReport = {
      day, timeZone: s.timeZone, dayStartMinutes: s.dayStartMinutes, from, to, currency: s.currency,
      shopName: s.shopName, terminalId: s.terminalId, totals: agg.totals, byHour: agg.byHour, byCashier: agg.byCashier,
      ...(agg.byTill.length > 0 ? { byTill: agg.byTill } : {}),
      generatedAt: at.toISOString(), zNumber: closed?.number ?? null, blockers, otherCurrencyCount: agg.otherCurrencyCount,
    };
    return { report, data };
  }

  /** A closed day's figures are the stored Z (immutable); the sale lines are read live. */
  function forExport(day: string): { report: DayReport; data: DayData } {
    const live = build(day);
    const closed = zs.byDay(day);
    return closed ? { report: closed.report, data: live.data } : live;
  }

  /** `owner`: whose figures the file holds (this terminal's day, or the whole store's), named after it. */
  async function write(day: string, suffix: string, mimeType: string, body: string | Buffer, owner: 'terminal' | 'store' = 'terminal'): Promise<ReportExport> {
    const s = options.settings();
    const fileName = `${owner === 'store' ? s.storeId : s.terminalId}_${day}_${suffix}`.replace(/[^A-Za-z0-9_.-]/g, '_');
    try {
      await ensurePrivateDirAsync(options.outputDir);
      const location = path.join(options.outputDir, fileName);
      // Write then rename: a reader (or a crash) never sees half a file.
      const tmp = `${location}.${randomBytes(6).toString('hex')}.tmp`;
      await fs.promises.writeFile(tmp, body, { mode: PRIVATE_FILE_MODE });
      await fs.promises.rename(tmp, location);
      const bytes = typeof body === 'string' ? Buffer.byteLength(body) : body.length;
      return { fileName, mimeType, location, bytes };
    } catch (e) {
      // The system's message names paths of this machine: only its error code reaches a window.
      const code = (e as { code?: unknown })?.code;
      const sysCode = typeof code === 'string' && /^E[A-Z]+$/.test(code) ? code : undefined;
      throw new ReportError('export_failed', `Could not write ${fileName} to the exports folder${sysCode ? ` (${sysCode})` : ''}.`, { fileName: fileName.slice(0, 200), ...(sysCode ? { sysCode } : {}) });
    }
  }

  const reconcile = async (day: string): Promise<ReconciliationResult> => {
    const s = options.settings();
    const { from, to } = businessDayRange(day, s.timeZone, s.dayStartMinutes);
    progress('reconcile', 0, 1);
    const result = await reconcileDay({
      day, from, to, terminalId: s.terminalId, reader, opn: opn(), now, onProgress: (d, t) => progress('reconcile', d, t),
      ...(options.recordOpnRefunds ? { recordOpnRefunds: options.recordOpnRefunds } : {}),
    });
    progress('reconcile', 1, 1);
    return result;
  };

  const store = (day: string): Promise<StoreDayReport> => {
    const s = options.settings();
    const reader = opn();
    if (!('listChargeSummaries' in reader)) return Promise.reject(new ReportError('opn_unavailable', 'The store report needs Opn, which this build cannot reach.'));
    const pages = 'store';
    progress(pages, 0, 1);
    return storeDayReport({
      opn: reader as OpnChargeReader & OpnStoreReader,
      day, timeZone: s.timeZone, dayStartMinutes: s.dayStartMinutes, storeId: s.storeId ?? '', shopName: s.shopName, currency: s.currency,
      terminalId: s.terminalId,
      cache: options.storeCache?.() ?? null,
      ownTotals: () => build(day).report.totals,
      // One event per page of Opn's list: done/total in charges, so the bar moves as pages arrive.
      onProgress: (p) => progress(pages, p.fetched, Math.max(p.total, p.fetched, 1)),
      now,
    });
  };

  return {
    store,
    async storeExport(day, format) {
      const report = await store(day);
      if (format === 'csv') return write(day, 'store.csv', 'text/csv', storeReportCsv(report), 'store');
      return write(day, 'store.pdf', 'application/pdf', await storeReportPdf(report, options.printer), 'store');
    },
    x: (day) => build(day).report,
    z(day) {
      const first = build(day);
      if (first.report.blockers?.length) throw new ZRefusedError(day, first.report.blockers);
      // Checked again inside the IMMEDIATE closing transaction: nothing can change between check and insert.
      return zs.close(stripLive(first.report), now().toISOString(), () => {
        const again = build(day);
        if (again.report.blockers?.length) throw new ZRefusedError(day, again.report.blockers);
        if (JSON.stringify(again.report.totals) !== JSON.stringify(first.report.totals)) {
          throw new ReportError('z_refused', `Cannot close ${day}: its sales changed while closing; try again.`, { reason: 'changed_while_closing', day });
        }
      });
    },
    listZ: () => zs.list(),
    reconcile,
    async export(day, format) {
      const s = options.settings();
      switch (format) {
        case 'csv-summary':
          return write(day, 'summary.csv', 'text/csv', summaryCsv(forExport(day).report));
        case 'csv-sales': {
          progress('export:csv-sales', 0, 1);
          const out = await write(day, 'sales.csv', 'text/csv', salesCsv(build(day).data, s.timeZone));
          progress('export:csv-sales', 1, 1);
          return out;
        }
        case 'csv-reconciliation':
          return write(day, 'reconciliation.csv', 'text/csv', reconciliationCsv(await reconcile(day)));
        case 'pdf': {
          // Drawn here with Skia (no browser): tens of milliseconds for a busy day (docs/reports.md#pdf).
          progress('export:pdf', 0, 2);
          let pdf: Buffer;
          try {
            pdf = await dayReportPdf(forExport(day));
          } catch (e) {
            if (e instanceof ReportError) throw e;
            throw new ReportError('print_failed', `Could not draw the report: ${e instanceof Error ? e.message.split('\n')[0] : 'unknown error'}`, { reason: 'report_pdf' });
          }
          progress('export:pdf', 1, 2);
          const out = await write(day, 'report.pdf', 'application/pdf', pdf);
          progress('export:pdf', 2, 2);
          return out;
        }
        default:
          throw new ReportError('invalid_format', 'Unknown export format.');
      }
    },
  };
}

/** The stored Z carries the day's figures, not the transient blockers/zNumber of the moment. */
function stripLive(report: DayReport): Omit<DayReport, 'zNumber' | 'blockers'> {
  const { zNumber: _z, blockers: _b, ...rest } = report;
  return rest;
}
