// Today's sales (in the shop's zone): status, local time, amount, charge id, with a search box.
import { useCallback, useEffect, useState } from 'react';
import type { AppError, PosBridge, PublicSettings, Sale } from '../../shared';
import { parseAmountInput } from '../../shared';
import { businessDayOf } from '../../shared/time/business-day';
import { localTime, money } from '../ui/format';
import { useBridgeEvent } from '../ui/hooks';
import { statusLabel } from '../ui/status';
import { SaleDetail } from './SaleDetail';

export function SalesList({ pos, settings }: { pos: PosBridge; settings: PublicSettings }) {
  const [query, setQuery] = useState('');
  const [sales, setSales] = useState<readonly Sale[] | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  // The business day the X report uses too (shop's zone and start of day).
  const day = businessDayOf(new Date(), settings.timeZone, settings.dayStartMinutes);

  const load = useCallback(async () => {
    const typed = query.trim();
    // An amount ("1,500" or "1500.00") is searched in minor units, as the receipt log stores it.
    const amount = /^[\d.,]+$/.test(typed) ? parseAmountInput(typed, settings.country === 'SG' ? 'SGD' : 'THB') : null;
    const q = amount?.ok ? String(amount.value) : typed;
    const r = await pos['sale:list']({ day, limit: 200, ...(q ? { query: q } : {}) });
    if (r.ok) {
      setSales(r.value);
      setError(null);
    } else setError(r.error);
  }, [pos, day, query, settings.country]);

  useEffect(() => {
    const t = setTimeout(() => void load(), 150);
    return () => clearTimeout(t);
  }, [load]);
  useBridgeEvent(pos, 'sale:updated', useCallback(() => void load(), [load]));

  const total = (sales ?? []).filter((s) => s.status === 'successful' || s.status === 'partially_refunded').reduce((sum, s) => sum + s.amount - s.refundedAmount, 0);
  const currency = settings.country === 'SG' ? 'SGD' : 'THB';

  return (
    <div className="list-screen">
      <div className="list-head">
        <div>
          <h1>Today's sales</h1>
          <p className="muted">
            {day} · {settings.timeZone} · {sales ? `${sales.length} sales · ${money(total, currency)} collected` : 'loading…'}
          </p>
        </div>
        <label className="field search">
          <span className="sr-only">Search</span>
          <input type="search" placeholder="Search amount, charge or sale id" data-testid="sales-search" value={query} onChange={(e) => setQuery(e.target.value)} />
        </label>
      </div>
      {error ? <p className="error-text" role="alert">{error.message}</p> : null}
      <div className="card table-wrap">
        <table className="sales" data-testid="sales-table">
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col" className="num">Amount</th>
              <th scope="col">Status</th>
              <th scope="col">Charge</th>
              <th scope="col"><span className="sr-only">Open</span></th>
            </tr>
          </thead>
          <tbody>
            {(sales ?? []).map((s) => {
              const st = statusLabel(s.status);
              return (
                <tr key={s.id} data-sale-id={s.id}>
                  <td>{localTime(s.createdAt, settings.timeZone)}</td>
                  <td className="num strong">{money(s.amount, s.currency)}</td>
                  <td>
                    <span className={`chip ${st.tone}`}>{st.label}</span>
                  </td>
                  <td className="mono muted">{s.chargeId ?? '—'}</td>
                  <td className="num">
                    <button type="button" className="btn" data-testid="open-sale" onClick={() => setOpen(s.id)}>
                      Details
                    </button>
                  </td>
                </tr>
              );
            })}
            {sales && sales.length === 0 ? (
              <tr>
                <td colSpan={5} className="empty muted">
                  {query ? 'No sale matches this search.' : 'No sales yet today.'}
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      {open ? <SaleDetail pos={pos} saleId={open} settings={settings} onClose={() => setOpen(null)} /> : null}
    </div>
  );
}
