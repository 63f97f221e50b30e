// The figures of one day: totals, a bar per hour (CSS, no chart library), and per-cashier lines.
import type { DayReport } from '../../../shared';
import { formatAmount } from '../../../shared';
import { useTexts } from '../../ui/texts';

interface Line {
  readonly label: string;
  readonly count?: number;
  readonly amount?: number;
  readonly tone?: 'strong' | 'warn';
}

export function DayFigures({ report }: { report: DayReport }) {
  const texts = useTexts();
  const tr = texts.reports;
  const L = tr.lines;
  const t = report.totals;
  const money = (n: number): string => formatAmount({ amount: n, currency: report.currency });
  const lines: Line[] = [
    { label: L.successful, count: t.successfulCount, amount: t.gross, tone: 'strong' },
    { label: L.fees, amount: t.fees },
    { label: L.feeVat, amount: t.feeVat },
    { label: L.net, amount: t.net, tone: 'strong' },
    { label: L.refunds, count: t.refundCount, amount: t.refundAmount },
    { label: L.voids, count: t.voidCount, amount: t.voidAmount },
    { label: L.netCollected, amount: t.netCollected ?? t.gross - t.refundAmount - t.voidAmount, tone: 'strong' },
    { label: L.netSettlement, amount: t.netSettlement ?? t.net - t.refundAmount - t.voidAmount },
    { label: L.failed, count: t.failedCount },
    { label: L.expired, count: t.expiredCount },
    { label: L.cancelled, count: t.cancelledCount },
  ];
  if (t.reversedCount) lines.push({ label: L.reversed, count: t.reversedCount });
  if (t.authorizedCount) lines.push({ label: L.authorized, count: t.authorizedCount, tone: 'warn' });
  if (t.attentionCount) lines.push({ label: L.attention, count: t.attentionCount, tone: 'warn' });
  if (t.openCount) lines.push({ label: L.open, count: t.openCount, tone: 'warn' });
  const max = Math.max(1, ...report.byHour.map((h) => h.amount));

  return (
    <div className="rp-figures">
      <section className="card rp-card" aria-labelledby="rp-totals-h">
        <h3 id="rp-totals-h">{tr.totals} <span className="muted">({report.currency})</span></h3>
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
        <h3 id="rp-hours-h">{tr.byHour}</h3>
        <div className="rp-hours" role="img" aria-label={`${tr.byHour}: ${report.byHour.filter((h) => h.count).map((h) => `${h.hour}:00 ${h.count}`).join(', ') || tr.none}`}>
          {report.byHour.map((h) => (
            <div key={h.hour} className="rp-hour" title={tr.hourTitle(String(h.hour).padStart(2, '0'), h.count, money(h.amount))}>
              <div className="rp-bar" style={{ height: `${(h.amount / max) * 100}%` }} />
              <span>{h.hour % 3 === 0 ? String(h.hour).padStart(2, '0') : ''}</span>
            </div>
          ))}
        </div>
        {report.byCashier.length ? (
          <table className="rp-cashiers">
            <thead>
              <tr><th scope="col">{tr.cashier}</th><th scope="col" className="rp-n">{tr.sales}</th><th scope="col" className="rp-n">{tr.amount}</th></tr>
            </thead>
            <tbody>
              {report.byCashier.map((c) => (
                <tr key={c.cashier}><td>{c.cashier}</td><td className="rp-n">{c.count}</td><td className="rp-n">{money(c.amount)}</td></tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted rp-small">{tr.noCashiers}</p>
        )}
        {report.byTill?.length ? (
          <table className="rp-cashiers" data-testid="report-by-till">
            <thead>
              <tr><th scope="col">{texts.posLink.till}</th><th scope="col" className="rp-n">{tr.sales}</th><th scope="col" className="rp-n">{tr.amount}</th></tr>
            </thead>
            <tbody>
              {report.byTill.map((c) => (
                <tr key={c.till}><td>{c.till}</td><td className="rp-n">{c.count}</td><td className="rp-n">{money(c.amount)}</td></tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
    </div>
  );
}
