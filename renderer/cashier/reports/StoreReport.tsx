// Reports → Store: the whole store's business day from Opn (every terminal, by metadata.store_id),
// one row per terminal with counts, gross, refunds, voids, fees and net, the store's total, and this
// terminal's own record beside Opn's figures for it. Fetched on request: it pages through Opn's list.
import { Fragment, useEffect, useState } from 'react';
import type { PosBridge } from '../../../shared';
import type { ReportExport } from '../../../shared';
import type { OwnFigures, StoreDayReport, StoreFigures } from '../../../shared';
import { formatAmount } from '../../../shared';
import { errorText } from '../../../shared';
import { useTexts } from '../../ui/texts';
import { longDay } from './day';
import { ExportList, startDownload } from './ExportList';

interface Props {
  readonly pos: PosBridge;
  readonly pin: string;
  readonly day: string;
  readonly timeZone?: string;
}

export function StoreReport({ pos, pin, day, timeZone }: Props) {
  const t = useTexts();
  const ts = t.receipts.store;
  const [report, setReport] = useState<StoreDayReport | null>(null);
  const [busy, setBusy] = useState<'load' | 'csv' | 'pdf' | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [exports, setExports] = useState<ReportExport[]>([]);

  useEffect(() => pos.on('reports:progress', (p) => p.task === 'store' && setProgress({ done: p.done, total: p.total })), [pos]);

  const load = async () => {
    setBusy('load');
    setError(null);
    setProgress(null);
    const r = await pos['reports:store']({ day, pin });
    setBusy(null);
    setProgress(null);
    if (r.ok) setReport(r.value);
    else setError(errorText(t, r.error));
  };
  const exportAs = async (format: 'csv' | 'pdf') => {
    setBusy(format);
    setError(null);
    const r = await pos['reports:storeExport']({ day, pin, format });
    setBusy(null);
    setProgress(null);
    if (!r.ok) return setError(errorText(t, r.error));
    startDownload(r.value);
    setExports((xs) => [r.value, ...xs.filter((x) => x.fileName !== r.value.fileName)]);
  };
  const shown = report && report.day === day ? report : null;
  const money = (n: number) => formatAmount({ amount: n, currency: shown?.currency ?? 'SGD' });

  return (
    <section className="rp-store" data-testid="store-report" aria-labelledby="rp-store-h">
      <div className="rp-actions" role="toolbar" aria-label={ts.title}>
        <h3 id="rp-store-h" className="rp-store-title" data-testid="store-title">
          {ts.title} · {longDay(day, t.language)}
        </h3>
        <button type="button" className="btn primary" disabled={busy !== null} onClick={() => void load()} data-testid="store-load">
          {ts.show}
        </button>
        <span className="rp-sep" aria-hidden="true" />
        <button type="button" className="btn" disabled={busy !== null} onClick={() => void exportAs('csv')} data-testid="store-export-csv">{ts.exportCsv}</button>
        <button type="button" className="btn" disabled={busy !== null} onClick={() => void exportAs('pdf')} data-testid="store-export-pdf">{ts.exportPdf}</button>
        {busy ? (
          <span className="rp-progress" role="status" data-testid="store-progress">
            <span className="rp-spinner" aria-hidden="true" />
            {progress ? ts.fetching(progress.done, progress.total) : '…'}
            {progress ? <progress max={progress.total} value={progress.done} /> : null}
          </span>
        ) : null}
      </div>
      <p className="muted rp-small">{ts.intro}</p>
      {error ? <p className="rp-error" role="alert" data-testid="store-error">{error}</p> : null}
      {exports.length ? <ExportList exports={exports} {...(timeZone ? { timeZone } : {})} /> : null}
      {shown ? (
        <div className="card rp-card">
          {shown.terminals.length === 0 ? <p className="muted">{ts.none}</p> : null}
          <table className="rp-cashiers rp-store-table" data-testid="store-table">
            <thead>
              <tr>
                <th>{ts.terminal}</th>
                <th className="rp-n">{ts.charges}</th>
                <th className="rp-n">{ts.paid}</th>
                <th className="rp-n">{ts.gross}</th>
                <th className="rp-n">{ts.refunds}</th>
                <th className="rp-n">{ts.voids}</th>
                <th className="rp-n">{ts.fees}</th>
                <th className="rp-n">{ts.net}</th>
              </tr>
            </thead>
            <tbody>
              {shown.terminals.map((row) => (
                <Fragment key={row.terminalId}>
                  <tr data-testid="store-row" data-terminal={row.terminalId} className={row.own ? 'rp-own-opn' : undefined}>
                    <th>
                      <span className="mono">{row.terminalId === shown.unknownTerminalId ? '—' : row.terminalId}</span>
                      {row.terminalId === shown.terminalId ? <span className="chip info rp-chip">{ts.thisTerminal}</span> : null}
                    </th>
                    <Cells f={row} money={money} />
                  </tr>
                  {row.own ? (
                    <tr className="rp-own" data-testid="store-own-row">
                      <th className="muted">↳ {ts.own}</th>
                      <OwnCells own={row.own} opn={row} money={money} />
                    </tr>
                  ) : null}
                </Fragment>
              ))}
              <tr className="rp-store-total" data-testid="store-total">
                <th>{ts.total}</th>
                <Cells f={shown.totals} money={money} />
              </tr>
            </tbody>
          </table>
          <p className="muted rp-small">
            {[ts.ownHint, shown.otherStoreCount ? ts.otherStores(shown.otherStoreCount) : '', shown.otherCurrencyCount ? ts.otherCurrency(shown.otherCurrencyCount) : '', ts.requests(shown.opnRequests)].filter(Boolean).join(' ')}
          </p>
        </div>
      ) : null}
    </section>
  );
}

function Cells({ f, money }: { f: StoreFigures; money: (n: number) => string }) {
  return (
    <>
      <td className="rp-n">{f.chargeCount}</td>
      <td className="rp-n">{f.successfulCount}</td>
      <td className="rp-n">{money(f.gross)}</td>
      <td className="rp-n">{f.refundCount ? `${f.refundCount} · ${money(f.refundAmount)}` : '—'}</td>
      <td className="rp-n">{f.voidCount ? `${f.voidCount} · ${money(f.voidAmount)}` : '—'}</td>
      <td className="rp-n">{money(f.fees + f.feeVat)}</td>
      <td className="rp-n"><strong>{money(f.net)}</strong></td>
    </>
  );
}

/** This terminal's record; paid count and gross compare like for like, so a difference is marked. */
function OwnCells({ own, opn, money }: { own: OwnFigures; opn: StoreFigures; money: (n: number) => string }) {
  const diff = (same: boolean) => (same ? 'rp-n' : 'rp-n rp-diff');
  return (
    <>
      <td className="rp-n" />
      <td className={diff(own.successfulCount === opn.successfulCount)}>{own.successfulCount}</td>
      <td className={diff(own.gross === opn.gross)}>{money(own.gross)}</td>
      <td className="rp-n">{own.refundCount ? `${own.refundCount} · ${money(own.refundAmount)}` : '—'}</td>
      <td className="rp-n">{own.voidCount ? `${own.voidCount} · ${money(own.voidAmount)}` : '—'}</td>
      <td className="rp-n">{money(own.fees + own.feeVat)}</td>
      <td className="rp-n">{money(own.net)}</td>
    </>
  );
}
