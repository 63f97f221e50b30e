// The result of comparing the day with Opn: one line per difference, in plain words.
import type { ReconciliationMismatch, ReconciliationResult } from '../../../shared/reports';

const KIND_LABEL: Record<ReconciliationMismatch['kind'], string> = {
  missing_here: 'Missing here',
  missing_at_opn: 'Missing at Opn',
  status_differs: 'Status differs',
  amount_differs: 'Amount differs',
};

export function ReconcilePanel({ result }: { result: ReconciliationResult }) {
  const clean = result.mismatches.length === 0;
  return (
    <section className="card rp-card" aria-labelledby="rp-rec-h" data-testid="reconcile-result">
      <h3 id="rp-rec-h">
        Reconciliation with Opn{' '}
        <span className={`chip ${clean ? 'success' : 'warning'}`}>{clean ? 'All match' : `${result.mismatches.length} difference${result.mismatches.length === 1 ? '' : 's'}`}</span>
      </h3>
      <p className="muted rp-small">
        {result.checkedSales} sales here, {result.checkedCharges} charges at Opn{result.matched !== undefined ? `, ${result.matched} matched` : ''}
        {result.otherTerminalCharges ? `; ${result.otherTerminalCharges} charges of other terminals ignored` : ''}.
      </p>
      {clean ? null : (
        <div className="rp-scroll">
          <table className="rp-mismatches">
            <thead>
              <tr><th scope="col">Difference</th><th scope="col">Sale</th><th scope="col">Charge</th><th scope="col">Here</th><th scope="col">Opn</th></tr>
            </thead>
            <tbody>
              {result.mismatches.map((m, i) => (
                <tr key={`${m.kind}-${m.chargeId ?? ''}-${m.saleId ?? ''}-${i}`} title={m.detail}>
                  <td><span className="chip warning">{KIND_LABEL[m.kind]}</span></td>
                  <td className="mono">{m.saleId ?? '—'}</td>
                  <td className="mono">{m.chargeId ?? '—'}</td>
                  <td>{m.here ?? '—'}</td>
                  <td>{m.opn ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
