// The manager's Reports screen: pick a business day, see its X report, reconcile with Opn, export
// CSV/PDF, and close the day with a Z report. Talks only through the `window.pos` bridge. A thin view
// over reports-state.ts: that reducer holds every transition; this file makes the calls and draws.
import { useEffect, useReducer } from 'react';
import type { PosBridge } from '../../../shared';
import type { ExportFormat } from '../../../shared';
import type { PublicSettings } from '../../../shared';
import { DayFigures } from './DayFigures';
import { ExportList, startDownload } from './ExportList';
import { blockerText, errorText, formatBusinessDay, formatDateTime, zoneName } from '../../../shared';
import { useTexts } from '../../ui/texts';
import { addDays, businessToday, isDay, longDay } from './day';
import { closedBy as closedByOf, dayReconciliation, initialReports, reportsReducer, xKey as xKeyOf } from './reports-state';
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
  const [state, dispatch] = useReducer(reportsReducer, { pin: givenPin, settings: givenSettings }, (given) =>
    initialReports({ ...given, today: given.settings ? businessToday(given.settings.timeZone, given.settings.dayStartMinutes) : '' }),
  );
  const { pin, settings, day, view, report, reload, xLoaded, busy, progress, exports, zHistory, z } = state;
  const pinError = state.pinError ? errorText(t, state.pinError) : null;
  const error = state.error ? errorText(t, state.error) : null;
  const notice = state.savedTo ? tr.savedCopy(state.savedTo) : null;

  useEffect(() => {
    if (settings) return;
    void pos['settings:get']({}).then((r) => dispatch({ type: 'settings', result: r, today: r.ok ? businessToday(r.value.timeZone, r.value.dayStartMinutes) : '' }));
  }, [pos, settings]);

  useEffect(() => pos.on('reports:progress', (p) => dispatch({ type: 'progress', progress: p })), [pos]);

  const today = settings ? businessToday(settings.timeZone, settings.dayStartMinutes) : day;
  // Today's X report follows the sales as they happen; a past day only changes by refunds made today.
  useEffect(() => (day === today ? pos.on('sale:updated', () => dispatch({ type: 'reload' })) : undefined), [pos, day, today]);

  // The X report of the chosen day, reloaded after every action that can change it.
  const xKey = xKeyOf(state);
  useEffect(() => {
    if (!pin || !isDay(day)) return;
    let live = true;
    const key = `${day}|${reload}`;
    void pos['reports:x']({ day, pin }).then((r) => live && dispatch({ type: 'xLoaded', key, result: r }));
    return () => {
      live = false;
    };
  }, [pos, pin, day, reload]);

  useEffect(() => {
    if (!pin) return;
    void pos['reports:listZ']({ pin }).then((r) => r.ok && dispatch({ type: 'zHistory', list: r.value }));
  }, [pos, pin, reload]);

  if (!pin) {
    return (
      <div className="rp-screen rp-center">
        <PinStep
          error={pinError}
          onCancel={onClose}
          onSubmit={(candidate) => {
            void pos['manager:unlock']({ pin: candidate }).then((r) => dispatch(r.ok ? { type: 'unlocked', pin: candidate } : { type: 'pinRefused', error: r.error }));
          }}
        />
      </div>
    );
  }

  const changeDay = (next: string): void => dispatch({ type: 'day', day: next });
  const setView = (next: 'day' | 'store'): void => dispatch({ type: 'view', view: next });
  const reconcile = async (): Promise<void> => {
    dispatch({ type: 'taskStarted', task: 'reconcile' });
    dispatch({ type: 'reconciled', result: await pos['reports:reconcile']({ day, pin }) });
  };
  const exportAs = async (format: ExportFormat): Promise<void> => {
    dispatch({ type: 'taskStarted', task: `export:${format}` });
    const r = await pos['reports:export']({ day, pin, format });
    // Browser mode: the browser downloads it now; the list keeps the link while it is valid.
    if (r.ok) startDownload(r.value);
    dispatch({ type: 'exported', result: r });
  };
  const openZ = async (): Promise<void> => {
    dispatch({ type: 'zOpened' });
    // Shown before the day closes: the reconciliation, when Opn can be reached.
    dispatch({ type: 'zChecked', result: await pos['reports:reconcile']({ day, pin }) });
  };
  const closeZ = async (): Promise<void> => {
    dispatch({ type: 'zClosing' });
    dispatch({ type: 'zClosed', result: await pos['reports:z']({ day, pin }) });
  };
  const closedBy = closedByOf(state);
  const reconciliation = dayReconciliation(state);

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
        <button type="button" className="btn" disabled={busy !== null} onClick={() => dispatch({ type: 'reload' })}>{tr.refresh}</button>
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
            saveAs: (fileName) => void pos['reports:saveAs']({ fileName, pin }).then((r) => dispatch({ type: 'saved', result: r })),
            showInFolder: (fileName) => void pos['reports:showInFolder']({ fileName, pin }).then((r) => !r.ok && dispatch({ type: 'failed', error: r.error })),
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
        {reconciliation ? <ReconcilePanel result={reconciliation} /> : null}
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
          reconciliation={reconciliation}
          reconcileError={z.recError ? errorText(t, z.recError) : null}
          busy={z.busy}
          checking={z.checking}
          error={z.error ? errorText(t, z.error) : null}
          onConfirm={() => void closeZ()}
          onCancel={() => dispatch({ type: 'zCancelled' })}
        />
      ) : null}
    </div>
  );
}
