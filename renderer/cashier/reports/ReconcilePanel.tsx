// The result of comparing the day with Opn: one line per difference, in plain words.
import type { ReconciliationResult } from '../../../shared';
import { mismatchSideText } from '../../../shared';
import { useTexts } from '../../ui/texts';

export function ReconcilePanel({ result }: { result: ReconciliationResult }) {
  const t = useTexts();
  const tr = t.reports.rec;
  const clean = result.mismatches.length === 0;
  return (
    <section className="card rp-card" aria-labelledby="rp-rec-h" data-testid="reconcile-result">
      <h3 id="rp-rec-h">
        {tr.title}{' '}
        <span className={`chip ${clean ? 'success' : 'warning'}`}>{clean ? tr.allMatch : tr.differences(result.mismatches.length)}</span>
      </h3>
      <p className="muted rp-small">
        {tr.summary(result.checkedSales, result.checkedCharges, result.matched ?? null, result.otherTerminalCharges ?? 0)}
      </p>
      {clean ? null : (
        <div className="rp-scroll">
          <table className="rp-mismatches">
            <thead>
              <tr><th scope="col">{tr.difference}</th><th scope="col">{tr.sale}</th><th scope="col">{tr.charge}</th><th scope="col">{tr.here}</th><th scope="col">{tr.opn}</th></tr>
            </thead>
            <tbody>
              {result.mismatches.map((m, i) => (
                <tr key={`${m.kind}-${m.chargeId ?? ''}-${m.saleId ?? ''}-${i}`}>
                  <td><span className="chip warning">{tr.kinds[m.kind]}</span></td>
                  <td className="mono">{m.saleId ?? '—'}</td>
                  <td className="mono">{m.chargeId ?? '—'}</td>
                  <td>{m.here === null ? '—' : mismatchSideText(t, m.hereSide, m.here)}</td>
                  <td>{m.opn === null ? '—' : mismatchSideText(t, m.opnSide, m.opn)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
