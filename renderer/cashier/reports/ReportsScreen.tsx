// The manager's Reports screen: pick a business day, see its X report, reconcile with Opn, export
// CSV/PDF, and close the day with a Z report. Talks only through the `window.pos` bridge.
import { useCallback, useEffect, useState } from 'react';
import type { PosBridge } from '../../../shared';
import type { ExportFormat } from '../../../shared';
import type { DayReport, ReconciliationResult, ReportExport, ZReportSummary } from '../../../shared';
import type { Result } from '../../../shared';
import type { PublicSettings } from '../../../shared';
import { DayFigures } from './DayFigures';
import { ExportList, startDownload } from './ExportList';
import { blockerText, errorText, formatBusinessDay, formatDateTime, zoneName } from '../../../shared';
import { useTexts } from '../../ui/texts';
import { addDays, businessToday, isDay, longDay } from './day';
import { ReconcilePanel } from './ReconcilePanel';
import { PinStep } from './PinStep';
import { ZDialog } from './ZDialog';
import { StoreReport } from './StoreReport';
import { DayPicker } from './DayPicker';

export interface ReportsScreenProps {
  readonly pos: PosBridge;
  readonly onClose: () => void;
  /** The manager PIN the gate already checked; when absent the screen asks for it. */
  readonly pin?: string;
  /** Saves a settings:get round trip when the caller has them. */
  readonly settings?: PublicSettings;
}

const EXPORTS: readonly { format: ExportFormat; label: 'exportSummary' | 'exportSales' | 'exportPdf' | 'exportDifferences' }[] = [
  { format: 'csv-summary', label: 'exportSummary' },
  { format: 'csv-sales', label: 'exportSales' },
  { format: 'pdf', label: 'exportPdf' },
  { format: 'csv-reconciliation', label: 'exportDifferences' },
];

const TASK_LABEL: Record<string, 'taskReconcile' | 'taskPdf' | 'taskSalesCsv'> = {
  reconcile: 'taskReconcile',
  'export:pdf': 'taskPdf',
  'export:csv-sales': 'taskSalesCsv',
};

export function ReportsScreen({ pos, onClose, pin: givenPin, settings: givenSettings }: ReportsScreenProps) {
  const t = useTexts();
  const tr = t.reports;
  const [pin, setPin] = useState<string | null>(givenPin ?? null);
  const [pinError, setPinError] = useState<string | null>(null);
  const [settings, setSettings] = useState<PublicSettings | null>(givenSettings ?? null);
  const [day, setDay] = useState<string>(() => (givenSettings ? businessToday(givenSettings.timeZone, givenSettings.dayStartMinutes) : ''));
  const [report, setReport] = useState<DayReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ task: string; done: number; total: number } | null>(null);
  const [reconciliation, setReconciliation] = useState<ReconciliationResult | null>(null);
  const [exports, setExports] = useState<ReportExport[]>([]);
  const [zHistory, setZHistory] = useState<readonly ZReportSummary[]>([]);
  const [z, setZ] = useState<{ open: boolean; busy: boolean; checking: boolean; error: string | null; recError: string | null }>({ open: false, busy: false, checking: false, error: null, recError: null });
  const [reload, setReload] = useState(0);
  // This terminal's day, or the whole store's (from Opn).
  const [view, setView] = useState<'day' | 'store'>('day');

  useEffect(() => {
    if (settings) return;
    void pos['settings:get']({}).then((r) => {
      if (!r.ok) return setError(errorText(t, r.error));
      setSettings(r.value);
      setDay((d) => d || businessToday(r.value.timeZone, r.value.dayStartMinutes));
    });
  }, [pos, settings, t]);

  useEffect(() => pos.on('reports:progress', (p) => setProgress(p.done >= p.total ? null : p)), [pos]);

  const today = settings ? businessToday(settings.timeZone, settings.dayStartMinutes) : day;
  // Today's X report follows the sales as they happen; a past day only changes by refunds made today.
  useEffect(() => (day === today ? pos.on('sale:updated', () => setReload((n) => n + 1)) : undefined), [pos, day, today]);

  // The X report of the chosen day, reloaded after every action that can change it.
  const xKey = `${day}|${reload}`;
  const [xLoaded, setXLoaded] = useState<string | null>(null);
  useEffect(() => {
    if (!pin || !isDay(day)) return;
    let live = true;
    void pos['reports:x']({ day, pin }).then((r) => {
      if (!live) return;
      setXLoaded(`${day}|${reload}`);
      if (r.ok) {
        setReport(r.value);
        setError(null);
      } else {
        setReport(null);
        setError(errorText(t, r.error));
      }
    });
    return () => {
      live = false;
    };
  }, [pos, pin, day, reload, t]);

  useEffect(() => {
    if (!pin) return;
    void pos['reports:listZ']({ pin }).then((r) => r.ok && setZHistory(r.value));
  }, [pos, pin, reload]);

  const run = useCallback(
    async <T,>(label: string, call: () => Promise<Result<T>>): Promise<T | null> => {
      setBusy(label);
      setError(null);
      try {
        const r = await call();
        if (!r.ok) setError(errorText(t, r.error));
        return r.ok ? r.value : null;
      } finally {
        setBusy(null);
        setProgress(null);
      }
    },
    [t],
  );

  if (!pin) {
    return (
      <div className="rp-screen rp-center">
        <PinStep
          error={pinError}
          onCancel={onClose}
          onSubmit={(candidate) => {
            void pos['manager:unlock']({ pin: candidate }).then((r) => (r.ok ? setPin(candidate) : setPinError(errorText(t, r.error))));
          }}
        />
      </div>
    );
  }

  const changeDay = (next: string): void => {
    setDay(next);
    setReconciliation(null);
    setExports([]);
  };
  const reconcile = async (): Promise<void> => {
    const r = await run('reconcile', () => pos['reports:reconcile']({ day, pin }));
    if (r) setReconciliation(r);
  };
  const exportAs = async (format: ExportFormat): Promise<void> => {
    const r = await run(`export:${format}`, () => pos['reports:export']({ day, pin, format }));
    if (!r) return;
    // Browser mode: the browser downloads it now; the list keeps the link while it is valid.
    startDownload(r);
    setExports((xs) => [r, ...xs.filter((x) => x.fileName !== r.fileName)]);
  };
  const openZ = async (): Promise<void> => {
    setZ({ open: true, busy: false, checking: true, error: null, recError: null });
    setReload((n) => n + 1);
    // Shown before the day closes: the reconciliation, when Opn can be reached.
    const r = await pos['reports:reconcile']({ day, pin });
    setProgress(null);
    if (r.ok) setReconciliation(r.value);
    setZ({ open: true, busy: false, checking: false, error: null, recError: r.ok ? null : errorText(t, r.error) });
  };
  const closeZ = async (): Promise<void> => {
    setZ((s) => ({ ...s, busy: true, error: null }));
    const r = await pos['reports:z']({ day, pin });
    if (r.ok) {
      setZ({ open: false, busy: false, checking: false, error: null, recError: null });
      setReload((n) => n + 1);
    } else {
      setZ((s) => ({ ...s, busy: false, error: errorText(t, r.error) }));
      setReload((n) => n + 1);
    }
  };
  const closedBy = report?.zNumber ?? zHistory.find((h) => h.day === day)?.number ?? null;

  return (
    <div className="rp-screen" data-testid="reports-screen">
      <header className="rp-header">
        <h2>{tr.title}</h2>
        <div className="rp-views" role="group" aria-label={tr.title}>
          <button type="button" className="btn" aria-pressed={view === 'day'} onClick={() => setView('day')} data-testid="reports-view-day">{settings?.terminalId ?? t.settings.terminalId}</button>
          <button type="button" className="btn" aria-pressed={view === 'store'} onClick={() => setView('store')} data-testid="reports-view-store">{t.receipts.store.tab}</button>
        </div>
        <div className="rp-daypicker" role="group" aria-label={tr.day}>
          <button type="button" className="btn" aria-label={tr.previousDay} onClick={() => changeDay(addDays(day, -1))}>‹</button>
          <DayPicker day={day} max={today} label={tr.day} onChange={changeDay} />
          <button type="button" className="btn" aria-label={tr.nextDay} disabled={day >= today} onClick={() => changeDay(addDays(day, 1))}>›</button>
          <button type="button" className="btn ghost" disabled={day === today} onClick={() => changeDay(today)}>{tr.today}</button>
        </div>
        <button type="button" className="btn" onClick={onClose}>{tr.close}</button>
      </header>

      {view === 'store' ? <StoreReport pos={pos} pin={pin} day={day} {...(settings ? { timeZone: settings.timeZone } : {})} /> : null}
      <div className="rp-status" aria-live="polite" hidden={view === 'store'}>
        <span className="rp-dayname">{isDay(day) ? longDay(day, t.language) : ''}</span>
        {settings ? <span className="muted rp-small">{tr.dayStarts(zoneName(t.language, settings.timeZone), `${String(Math.floor(settings.dayStartMinutes / 60)).padStart(2, '0')}:${String(settings.dayStartMinutes % 60).padStart(2, '0')}`)}</span> : null}
        {closedBy ? <span className="chip success" data-testid="z-closed">{tr.closedZ(closedBy)}</span> : <span className="chip info">{tr.openX}</span>}
        {busy || progress || (pin && isDay(day) && xLoaded !== xKey) ? (
          <span className="rp-progress" role="status">
            <span className="rp-spinner" aria-hidden="true" />
            {progress ? `${TASK_LABEL[progress.task] ? tr[TASK_LABEL[progress.task]!] : progress.task} ${progress.done}/${progress.total}` : tr.working}
            {progress && progress.total > 0 ? <progress max={progress.total} value={progress.done} /> : null}
          </span>
        ) : null}
      </div>

      <div className="rp-actions" role="toolbar" aria-label={tr.title} hidden={view === 'store'}>
        <button type="button" className="btn" disabled={busy !== null} onClick={() => setReload((n) => n + 1)}>{tr.refresh}</button>
        <button type="button" className="btn" disabled={busy !== null} onClick={() => void reconcile()} data-testid="reconcile">{tr.reconcile}</button>
        <button type="button" className="btn primary" disabled={busy !== null || closedBy !== null || !report} onClick={() => void openZ()} data-testid="z-open">{tr.closeDay}</button>
        <span className="rp-sep" aria-hidden="true" />
        <span className="rp-label">{tr.export}</span>
        {EXPORTS.map((x) => (
          <button key={x.format} type="button" className="btn" disabled={busy !== null} onClick={() => void exportAs(x.format)} data-testid={`export-${x.format}`}>
            {tr[x.label]}
          </button>
        ))}
      </div>

      {error && view === 'day' ? <p className="rp-error" role="alert" data-testid="reports-error">{error}</p> : null}
      {notice && view === 'day' ? <p className="muted rp-small" role="status" data-testid="reports-notice">{notice}</p> : null}
      {/* Right under the buttons that make them, not at the bottom of the scrolling pane. */}
      {exports.length && view === 'day' ? (
        <ExportList
          exports={exports}
          {...(settings ? { timeZone: settings.timeZone } : {})}
          // Electron wrote the file on this computer: a save dialog and the file manager reach it.
          actions={{
            saveAs: (fileName) =>
              void pos['reports:saveAs']({ fileName, pin }).then((r) => {
                if (!r.ok) setError(errorText(t, r.error));
                else if (r.value.savedTo) setNotice(tr.savedCopy(r.value.savedTo));
              }),
            showInFolder: (fileName) => void pos['reports:showInFolder']({ fileName, pin }).then((r) => !r.ok && setError(errorText(t, r.error))),
          }}
        />
      ) : null}

      <main className="rp-body" hidden={view === 'store'}>
        {report && !closedBy && report.blockers?.length ? (
          <div className="rp-blockers" data-testid="report-blockers">
            <strong>{tr.beforeClose}</strong>
            <ul>{report.blockers.map((b, i) => <li key={`${b.kind}-${b.saleId ?? i}`}>{blockerText(t, b, report.timeZone)}</li>)}</ul>
          </div>
        ) : null}
        {report ? <DayFigures report={report} /> : null}
        {reconciliation && reconciliation.day === day ? <ReconcilePanel result={reconciliation} /> : null}
        {zHistory.length ? (
          <details className="card rp-card">
            <summary>{tr.closedDays(zHistory.length)}</summary>
            <ul className="rp-files">
              {zHistory.slice(0, 30).map((h) => (
                <li key={h.number}>
                  <button type="button" className="btn ghost" onClick={() => changeDay(h.day)}>Z #{h.number} · {formatBusinessDay(t.language, h.day)}</button>
                  <span className="muted rp-small"> {tr.closedAt(formatDateTime(t.language, h.closedAt, settings?.timeZone ?? h.report.timeZone))}</span>
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </main>

      {z.open && report ? (
        <ZDialog
          report={report}
          reconciliation={reconciliation && reconciliation.day === day ? reconciliation : null}
          reconcileError={z.recError}
          busy={z.busy}
          checking={z.checking}
          error={z.error}
          onConfirm={() => void closeZ()}
          onCancel={() => setZ({ open: false, busy: false, checking: false, error: null, recError: null })}
        />
      ) : null}
    </div>
  );
}
