// Today's sales (in the shop's zone): status, local time, amount, charge id, with a search box.
import { useCallback, useEffect, useState } from 'react';
import type { AppError, PosBridge, PublicSettings, Sale } from '../../shared';
import { parseAmountInput } from '../../shared';
import { errorText } from '../../shared';
import { businessDayOf, formatBusinessDay, zoneName } from '../../shared';
import { localTime, money } from '../ui/format';
import { useBridgeEvent } from '../ui/hooks';
import { statusLabel } from '../ui/status';
import { useTexts } from '../ui/texts';
import { SaleDetail } from './SaleDetail';

export function SalesList({ pos, settings }: { pos: PosBridge; settings: PublicSettings }) {
  const t = useTexts();
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
          <h1>{t.list.title}</h1>
          <p className="muted">
            {formatBusinessDay(t.language, day)} · {zoneName(t.language, settings.timeZone)} · {sales ? t.list.summary(sales.length, money(total, currency)) : t.list.loading}
          </p>
        </div>
        <label className="field search">
          <span className="sr-only">{t.list.search}</span>
          <input type="search" placeholder={t.list.search} data-testid="sales-search" value={query} onChange={(e) => setQuery(e.target.value)} />
        </label>
      </div>
      {error ? <p className="error-text" role="alert">{errorText(t, error)}</p> : null}
      <div className="card table-wrap">
        <table className="sales" data-testid="sales-table">
          <thead>
            <tr>
              <th scope="col">{t.list.time}</th>
              <th scope="col" className="num">{t.list.amount}</th>
              <th scope="col">{t.list.status}</th>
              <th scope="col">{t.list.charge}</th>
              <th scope="col"><span className="sr-only">{t.list.open}</span></th>
            </tr>
          </thead>
          <tbody>
            {(sales ?? []).map((s) => {
              const st = statusLabel(s.status, t);
              return (
                <tr key={s.id} data-sale-id={s.id}>
                  <td>{localTime(t.language, s.createdAt, settings.timeZone)}</td>
                  <td className="num strong">{money(s.amount, s.currency)}</td>
                  <td>
                    <span className={`chip ${st.tone}`}>{st.label}</span>
                    {s.origin ? <div className="muted list-till" data-testid="list-till">{t.posLink.fromTill(s.origin.tillName, s.origin.referenceId)}</div> : null}
                  </td>
                  <td className="mono muted">{s.chargeId ?? '—'}</td>
                  <td className="num">
                    <button type="button" className="btn" data-testid="open-sale" onClick={() => setOpen(s.id)}>
                      {t.list.details}
                    </button>
                  </td>
                </tr>
              );
            })}
            {sales && sales.length === 0 ? (
              <tr>
                <td colSpan={5} className="empty muted">
                  {query ? t.list.noMatch : t.list.none}
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
