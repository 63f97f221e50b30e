// Confirmation before closing a day with a Z report: the figures, the reconciliation (run first),
// and every reason the day cannot close yet. Escape or Cancel closes it; focus starts on Cancel and
// stays in the dialog.
import { useRef } from 'react';
import { blockerText, formatMoney } from '../../../shared';
import { useFocusTrap } from '../../ui/focus-trap';
import { useTexts } from '../../ui/texts';
import type { DayReport, ReconciliationResult } from '../../../shared';
import { longDay } from './day';
import { ReconcilePanel } from './ReconcilePanel';

interface Props {
  readonly report: DayReport;
  readonly reconciliation: ReconciliationResult | null;
  readonly reconcileError: string | null;
  readonly busy: boolean;
  /** The reconciliation is still running. */
  readonly checking: boolean;
  readonly error: string | null;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}

export function ZDialog({ report, reconciliation, reconcileError, busy, checking, error, onConfirm, onCancel }: Props) {
  const t = useTexts();
  const tz = t.reports.z;
  const dialog = useRef<HTMLDivElement>(null);
  useFocusTrap(dialog, true, onCancel);
  const blockers = report.blockers ?? [];
  const money = (n: number): string => formatMoney({ amount: n, currency: report.currency });
  return (
    <div className="rp-overlay" role="presentation">
      <div ref={dialog} className="card rp-dialog" role="dialog" aria-modal="true" aria-labelledby="rp-z-title" data-testid="z-dialog">
        <h2 id="rp-z-title">{tz.title(longDay(report.day, t.language))}</h2>
        <p>{tz.final}</p>
        <p className="rp-z-figures">
          <strong>{tz.figures(report.totals.successfulCount, money(report.totals.gross), money(report.totals.netCollected ?? report.totals.gross))}</strong>
        </p>
        {blockers.length ? (
          <div className="rp-blockers" role="alert" data-testid="z-blockers">
            <strong>{tz.cannotClose}</strong>
            <ul>{blockers.map((b, i) => <li key={`${b.kind}-${b.saleId ?? i}`}>{blockerText(t, b, report.timeZone)}</li>)}</ul>
          </div>
        ) : null}
        {reconciliation ? <ReconcilePanel result={reconciliation} /> : null}
        {reconcileError ? <p className="rp-warn-text" role="status">{tz.couldNotReconcile(reconcileError)}</p> : null}
        {error ? <p className="error-text" role="alert" data-testid="z-error">{error}</p> : null}
        <div className="rp-dialog-actions">
          <button type="button" className="btn large" onClick={onCancel} data-autofocus>{tz.cancel}</button>
          <button type="button" className="btn large primary" disabled={busy || checking || blockers.length > 0} onClick={onConfirm} data-testid="z-confirm">
            {checking ? tz.checking : busy ? tz.closing : tz.confirm}
          </button>
        </div>
      </div>
    </div>
  );
}
