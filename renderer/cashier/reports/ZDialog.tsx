// Confirmation before closing a day with a Z report: the figures, the reconciliation (run first),
// and every reason the day cannot close yet. Escape or Cancel closes it; focus starts on Cancel.
import { useEffect, useRef } from 'react';
import { formatAmount } from '../../../shared/money/format';
import type { DayReport, ReconciliationResult } from '../../../shared/reports';
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
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  const blockers = report.blockers ?? [];
  const money = (n: number): string => `${formatAmount({ amount: n, currency: report.currency })} ${report.currency}`;
  return (
    <div className="rp-overlay" role="presentation" onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), onCancel())}>
      <div className="card rp-dialog" role="dialog" aria-modal="true" aria-labelledby="rp-z-title" data-testid="z-dialog">
        <h2 id="rp-z-title">Close {longDay(report.day)} with a Z report?</h2>
        <p>
          A Z report is final: it is numbered, stored, and can never be changed or redone. Refunds made later count on the day they
          are made.
        </p>
        <p className="rp-z-figures">
          <strong>{report.totals.successfulCount}</strong> sales, gross <strong>{money(report.totals.gross)}</strong>, net collected{' '}
          <strong>{money(report.totals.netCollected ?? report.totals.gross)}</strong>
        </p>
        {blockers.length ? (
          <div className="rp-blockers" role="alert" data-testid="z-blockers">
            <strong>This day cannot be closed yet:</strong>
            <ul>{blockers.map((b, i) => <li key={`${b.kind}-${b.saleId ?? i}`}>{b.detail}</li>)}</ul>
          </div>
        ) : null}
        {reconciliation ? <ReconcilePanel result={reconciliation} /> : null}
        {reconcileError ? <p className="rp-warn-text" role="status">Could not reconcile with Opn: {reconcileError}</p> : null}
        {error ? <p className="error-text" role="alert" data-testid="z-error">{error}</p> : null}
        <div className="rp-dialog-actions">
          <button ref={cancel} type="button" className="btn large" onClick={onCancel}>Cancel</button>
          <button type="button" className="btn large primary" disabled={busy || checking || blockers.length > 0} onClick={onConfirm} data-testid="z-confirm">
            {checking ? 'Checking with Opn…' : busy ? 'Closing…' : 'Close the day'}
          </button>
        </div>
      </div>
    </div>
  );
}
