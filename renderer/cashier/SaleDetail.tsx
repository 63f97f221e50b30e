// One sale in full, with the money actions: refund and void (successful), capture and reverse
// (manual capture), resolve (needs attention). Everything that returns money needs the manager PIN.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Currency, PosBridge, PublicSettings, Receipt, Result, SaleStatus } from '../../shared';
import { isPinError, parseAmountInput, toDecimalString } from '../../shared';
import { amountErrorText, attentionText, errorText, failureText, type CashierTexts } from '../../shared';
import { localTime, money } from '../ui/format';
import { useFocusTrap } from '../ui/focus-trap';
import { useBridgeEvent } from '../ui/hooks';
import { statusLabel } from '../ui/status';
import { useTexts } from '../ui/texts';
import { PinDialog } from './PinDialog';
import { PrintReceiptButton, PrintSlipButton, ReceiptPreview } from './receipts';

// Sales that have a receipt to print (money was taken).
const PRINTABLE: readonly SaleStatus[] = ['successful', 'partially_refunded', 'refunded', 'voided'];

type Action = { kind: 'refund'; amount: number } | { kind: 'void' } | { kind: 'reverse' } | { kind: 'resolve'; action: 'refund' | 'accept' };

export function SaleDetail({ pos, saleId, settings, onClose }: { pos: PosBridge; saleId: string; settings: PublicSettings; onClose: () => void }) {
  const t = useTexts();
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const [message, setMessage] = useState<{ tone: 'error' | 'ok'; text: string } | null>(null);
  const [action, setAction] = useState<Action | null>(null);
  const [pinError, setPinError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [refundText, setRefundText] = useState('');
  const dialog = useRef<HTMLElement>(null);
  // While the PIN dialog is open it holds the focus trap; afterwards this dialog takes it back.
  useFocusTrap(dialog, action === null, onClose);

  const load = useCallback(async () => {
    const r = await pos['sale:get']({ saleId });
    if (r.ok) setReceipt(r.value);
    else setMessage({ tone: 'error', text: errorText(t, r.error) });
  }, [pos, saleId, t]);
  useEffect(() => {
    // Fetch on open; the state is set when the answer arrives, not during the effect.
    const t = setTimeout(() => void load(), 0);
    return () => clearTimeout(t);
  }, [load]);
  useBridgeEvent(pos, 'sale:updated', useCallback((s) => s.id === saleId && void load(), [saleId, load]));

  const sale = receipt?.sale;
  const refundable = sale ? sale.amount - sale.refundedAmount : 0;
  const refundParsed = sale ? parseAmountInput(refundText || toDecimalString(refundable, sale.currency), sale.currency) : null;
  const refundReason =
    sale && refundParsed
      ? !refundParsed.ok
        ? amountErrorText(t, refundParsed.error, sale.currency)
        : refundParsed.value <= 0
          ? t.detail.aboveZero
          : refundParsed.value > refundable
            ? t.detail.atMost(money(refundable, sale.currency))
            : null
      : null;

  const run = async (pin: string) => {
    if (!sale || !action) return;
    setBusy(true);
    let r: Result<Receipt>;
    if (action.kind === 'refund') r = await pos['sale:refund']({ saleId, pin, amount: action.amount });
    else if (action.kind === 'void') r = await pos['sale:void']({ saleId, pin });
    else if (action.kind === 'reverse') r = await pos['sale:reverse']({ saleId, pin });
    else r = await pos['sale:resolveAttention']({ saleId, pin, action: action.action });
    setBusy(false);
    if (r.ok) {
      setReceipt(r.value);
      setAction(null);
      setPinError(null);
      // The refund is done: the field is empty again (its placeholder shows what is left).
      if (action.kind === 'refund') setRefundText('');
      setMessage({ tone: 'ok', text: doneText(t, action, r.value) });
    } else if (isPinError(r.error.code)) {
      setPinError(errorText(t, r.error));
    } else {
      setAction(null);
      setMessage({ tone: 'error', text: errorText(t, r.error) });
    }
  };

  const simple = async (call: () => Promise<Result<unknown>>) => {
    const r = await call();
    if (!r.ok) setMessage({ tone: 'error', text: errorText(t, r.error) });
    await load();
  };

  const st = sale ? statusLabel(sale.status, t) : null;
  return (
    <div className="overlay" role="presentation">
      <section ref={dialog} tabIndex={-1} className="card dialog detail" role="dialog" aria-modal="true" aria-labelledby="detail-title" data-testid="sale-detail">
        <header className="detail-head">
          <div>
            <h2 id="detail-title">{sale ? money(sale.amount, sale.currency) : t.detail.sale}</h2>
            {st ? <span className={`chip ${st.tone}`} data-testid="detail-status">{st.label}</span> : null}
          </div>
          <button type="button" className="btn" onClick={onClose} data-autofocus>
            {t.detail.close} <kbd>Esc</kbd>
          </button>
        </header>
        {sale ? (
          <>
            <dl className="meta wide">
              <dt>{t.detail.time}</dt>
              <dd>{localTime(t.language, sale.createdAt, settings.timeZone, true)}</dd>
              <dt>{t.detail.sale}</dt>
              <dd className="mono">{sale.id}</dd>
              <dt>{t.sale.chargeId}</dt>
              <dd className="mono">{sale.chargeId ?? '—'}</dd>
              {sale.origin ? (
                <>
                  <dt>{t.posLink.till}</dt>
                  <dd data-testid="detail-till">{sale.origin.tillName}</dd>
                  <dt>{t.posLink.reference}</dt>
                  <dd className="mono" data-testid="detail-till-ref">{sale.origin.referenceId}</dd>
                  {sale.origin.note ? (
                    <>
                      <dt>{t.posLink.note}</dt>
                      <dd>{sale.origin.note}</dd>
                    </>
                  ) : null}
                  {sale.origin.lineItems.length > 0 ? (
                    <>
                      <dt>{t.posLink.cart}</dt>
                      <dd data-testid="detail-cart">
                        {sale.origin.lineItems.map((l, i) => (
                          <div key={i}>
                            {l.quantity} × {l.name} · {money(l.quantity * l.unitAmount, sale.currency)}
                          </div>
                        ))}
                      </dd>
                    </>
                  ) : null}
                </>
              ) : null}
              {sale.fee !== null ? (
                <>
                  <dt>{t.detail.feeVatNet}</dt>
                  <dd>
                    {money(sale.fee, sale.currency)} · {money(sale.feeVat ?? 0, sale.currency)} · {money(sale.net ?? 0, sale.currency)}
                  </dd>
                </>
              ) : null}
              {sale.refundedAmount > 0 ? (
                <>
                  <dt>{t.detail.refunded}</dt>
                  <dd data-testid="refunded-amount">{money(sale.refundedAmount, sale.currency)}</dd>
                </>
              ) : null}
              {sale.failureCode ? (
                <>
                  <dt>{t.detail.failure}</dt>
                  <dd>
                    {failureText(sale.failureCode, t.language)} <span className="mono muted">({sale.failureCode})</span>
                  </dd>
                </>
              ) : null}
              {sale.attentionReason ? (
                <>
                  <dt>{t.detail.attention}</dt>
                  <dd>{attentionText(t, sale.attentionReason)}</dd>
                </>
              ) : null}
            </dl>
            {receipt?.refunds.some((r) => r.origin === 'opn') ? (
              <p className="attention-text" role="note" data-testid="refund-at-opn-notice">
                {t.opn.refundAtOpnNotice}
              </p>
            ) : null}
            {receipt && receipt.refunds.length > 0 ? (
              <ul className="refunds" data-testid="refund-lines">
                {receipt.refunds.map((r) => (
                  <li key={r.id}>
                    {r.voided ? t.detail.voidLine(money(r.amount, r.currency)) : t.detail.refundLine(money(r.amount, r.currency))} · {localTime(t.language, r.createdAt, settings.timeZone)} · {t.detail.refundStatus[r.status]}
                    {r.origin === 'opn' ? <span className="badge opn-origin" data-testid="refund-origin-opn"> · {t.opn.refundAtOpn} <span className="mono muted">{r.opnRefundId}</span></span> : null}
                    {r.voided && r.amount < sale.amount ? <span className="why"> · {t.detail.voidWhy}</span> : null}
                    {r.status === 'succeeded' ? <PrintSlipButton pos={pos} saleId={sale.id} refundId={r.id} /> : null}
                  </li>
                ))}
              </ul>
            ) : null}
            {message ? (
              <p className={message.tone === 'error' ? 'error-text' : 'ok-text'} role="status" data-testid="detail-message">
                {message.text}
              </p>
            ) : null}
            {PRINTABLE.includes(sale.status) ? (
              <div className="print-row detail-print">
                <PrintReceiptButton pos={pos} saleId={sale.id} label={t.receipts.reprint} testId="reprint" large={false} />
                <ReceiptPreview pos={pos} saleId={sale.id} />
              </div>
            ) : null}
            <div className="detail-actions">
              {(sale.status === 'successful' || sale.status === 'partially_refunded') && refundable > 0 ? (
                <div className="refund-row">
                  <label className="field">
                    <span>{t.detail.refundAmount(sale.currency)}</span>
                    <input inputMode="decimal" data-testid="refund-amount" placeholder={toDecimalString(refundable, sale.currency)} value={refundText} aria-invalid={Boolean(refundReason)} onChange={(e) => setRefundText(e.target.value)} />
                    {refundReason ? <span className="error">{refundReason}</span> : null}
                  </label>
                  <button type="button" className="btn danger large" data-testid="refund" disabled={Boolean(refundReason)} onClick={() => refundParsed?.ok && setAction({ kind: 'refund', amount: refundParsed.value })}>
                    {t.detail.refund}
                  </button>
                  {sale.refundedAmount === 0 ? (
                    <button type="button" className="btn danger large" data-testid="void" onClick={() => setAction({ kind: 'void' })}>
                      {t.detail.void}
                    </button>
                  ) : null}
                </div>
              ) : null}
              {sale.status === 'authorized' ? (
                <>
                  <button type="button" className="btn primary large" onClick={() => void simple(() => pos['sale:capture']({ saleId }))}>
                    {t.detail.capture}
                  </button>
                  <button type="button" className="btn danger large" onClick={() => setAction({ kind: 'reverse' })}>
                    {t.detail.reverse}
                  </button>
                </>
              ) : null}
              {sale.status === 'needs_attention' ? (
                <>
                  <button type="button" className="btn danger large" onClick={() => setAction({ kind: 'resolve', action: 'refund' })}>
                    {t.detail.resolveRefund}
                  </button>
                  <button type="button" className="btn large" onClick={() => setAction({ kind: 'resolve', action: 'accept' })}>
                    {t.detail.resolveKeep}
                  </button>
                </>
              ) : null}
              {sale.status === 'pending' || sale.status === 'creating' ? (
                <button type="button" className="btn danger large" onClick={() => void simple(() => pos['sale:cancel']({ saleId }))}>
                  {t.detail.cancelPayment}
                </button>
              ) : null}
            </div>
          </>
        ) : (
          <div className="spinner" />
        )}
      </section>
      {action && sale ? (
        <PinDialog
          title={titleOf(t, action, sale.amount - sale.refundedAmount, sale.currency)}
          detail={action.kind === 'void' ? t.detail.voidDetail : t.pin.managerMustConfirm}
          error={pinError}
          busy={busy}
          onSubmit={(pin) => void run(pin)}
          onClose={() => {
            setAction(null);
            setPinError(null);
          }}
        />
      ) : null}
    </div>
  );
}

function titleOf(t: CashierTexts, action: Action, remaining: number, currency: Currency): string {
  switch (action.kind) {
    case 'refund':
      return t.detail.refundTitle(money(action.amount, currency));
    case 'void':
      return t.detail.voidTitle(money(remaining, currency));
    case 'reverse':
      return t.detail.reverseTitle;
    case 'resolve':
      return action.action === 'refund' ? t.detail.resolveRefundTitle : t.detail.resolveKeepTitle;
  }
}

function doneText(t: CashierTexts, action: Action, receipt: Receipt): string {
  const s = receipt.sale;
  if (action.kind === 'refund') {
    // Opn voids what is refunded before the cut-off; say so, or "Void S$5.00" reads like a mistake.
    const last = receipt.refunds.at(-1);
    const amount = money(action.amount, s.currency);
    return last?.voided ? t.detail.refundedAsVoid(amount) : t.detail.refundedDone(amount);
  }
  if (action.kind === 'void') return t.detail.voidedDone(money(s.amount, s.currency));
  if (action.kind === 'reverse') return t.detail.reversedDone;
  return action.action === 'refund' ? t.detail.resolvedRefund : t.detail.resolvedKeep;
}
