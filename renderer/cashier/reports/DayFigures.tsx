// The figures of one day: totals, a bar per hour (CSS, no chart library), and per-cashier lines.
import type { DayReport } from '../../../shared/reports';
import { formatAmount } from '../../../shared/money/format';

interface Line {
  readonly label: string;
  readonly count?: number;
  readonly amount?: number;
  readonly tone?: 'strong' | 'warn';
}

export function DayFigures({ report }: { report: DayReport }) {
  const t = report.totals;
  const money = (n: number): string => formatAmount({ amount: n, currency: report.currency });
  const lines: Line[] = [
    { label: 'Successful sales', count: t.successfulCount, amount: t.gross, tone: 'strong' },
    { label: 'Opn fees', amount: t.fees },
    { label: 'Fee VAT', amount: t.feeVat },
    { label: 'Net after fees', amount: t.net, tone: 'strong' },
    { label: 'Refunds (made this day)', count: t.refundCount, amount: t.refundAmount },
    { label: 'Voids (made this day)', count: t.voidCount, amount: t.voidAmount },
    { label: 'Net collected', amount: t.netCollected ?? t.gross - t.refundAmount - t.voidAmount, tone: 'strong' },
    { label: 'Net settlement', amount: t.netSettlement ?? t.net - t.refundAmount - t.voidAmount },
    { label: 'Failed', count: t.failedCount },
    { label: 'Expired', count: t.expiredCount },
    { label: 'Cancelled', count: t.cancelledCount },
  ];
  if (t.reversedCount) lines.push({ label: 'Reversed', count: t.reversedCount });
  if (t.authorizedCount) lines.push({ label: 'Authorized, not captured', count: t.authorizedCount, tone: 'warn' });
  if (t.attentionCount) lines.push({ label: 'Needs attention', count: t.attentionCount, tone: 'warn' });
  if (t.openCount) lines.push({ label: 'Still open', count: t.openCount, tone: 'warn' });
  const max = Math.max(1, ...report.byHour.map((h) => h.amount));

  return (
    <div className="rp-figures">
      <section className="card rp-card" aria-labelledby="rp-totals-h">
        <h3 id="rp-totals-h">Totals <span className="muted">({report.currency})</span></h3>
        <table className="rp-totals" data-testid="report-totals">
          <tbody>
            {lines.map((l) => (
              <tr key={l.label} className={l.tone ? `rp-${l.tone}` : undefined}>
                <th scope="row">{l.label}</th>
                <td className="rp-n">{l.count ?? ''}</td>
                <td className="rp-n">{l.amount === undefined ? '' : money(l.amount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="card rp-card" aria-labelledby="rp-hours-h">
        <h3 id="rp-hours-h">Sales by hour</h3>
        <div className="rp-hours" role="img" aria-label={`Sales by hour: ${report.byHour.filter((h) => h.count).map((h) => `${h.hour}:00 ${h.count}`).join(', ') || 'none'}`}>
          {report.byHour.map((h) => (
            <div key={h.hour} className="rp-hour" title={`${String(h.hour).padStart(2, '0')}:00 — ${h.count} sales, ${money(h.amount)}`}>
              <div className="rp-bar" style={{ height: `${(h.amount / max) * 100}%` }} />
              <span>{h.hour % 3 === 0 ? String(h.hour).padStart(2, '0') : ''}</span>
            </div>
          ))}
        </div>
        {report.byCashier.length ? (
          <table className="rp-cashiers">
            <thead>
              <tr><th scope="col">Cashier</th><th scope="col" className="rp-n">Sales</th><th scope="col" className="rp-n">Amount</th></tr>
            </thead>
            <tbody>
              {report.byCashier.map((c) => (
                <tr key={c.cashier}><td>{c.cashier}</td><td className="rp-n">{c.count}</td><td className="rp-n">{money(c.amount)}</td></tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted rp-small">No named cashiers this day.</p>
        )}
      </section>
    </div>
  );
}
