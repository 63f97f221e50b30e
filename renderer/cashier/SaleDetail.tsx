// One sale in full, with the money actions: refund and void (successful), capture and reverse
// (manual capture), resolve (needs attention). Everything that returns money needs the manager PIN.
import { useCallback, useEffect, useState } from 'react';
import type { PosBridge, PublicSettings, Receipt, Result } from '../../shared';
import { parseAmountInput, toDecimalString } from '../../shared';
import { failureText } from '../../shared/i18n';
import { localTime, money } from '../ui/format';
import { useBridgeEvent } from '../ui/hooks';
import { statusLabel } from '../ui/status';
import { PinDialog } from './PinDialog';
import { isPinError } from '../../shared';
import { errorText } from '../ui/error-text';

type Action = { kind: 'refund'; amount: number } | { kind: 'void' } | { kind: 'reverse' } | { kind: 'resolve'; action: 'refund' | 'accept' };

export function SaleDetail({ pos, saleId, settings, onClose }: { pos: PosBridge; saleId: string; settings: PublicSettings; onClose: () => void }) {
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const [message, setMessage] = useState<{ tone: 'error' | 'ok'; text: string } | null>(null);
  const [action, setAction] = useState<Action | null>(null);
  const [pinError, setPinError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [refundText, setRefundText] = useState('');

  const load = useCallback(async () => {
    const r = await pos['sale:get']({ saleId });
    if (r.ok) setReceipt(r.value);
    else setMessage({ tone: 'error', text: errorText(r.error) });
  }, [pos, saleId]);
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
        ? refundParsed.error.message
        : refundParsed.value <= 0
          ? 'Enter an amount above zero.'
          : refundParsed.value > refundable
            ? `At most ${money(refundable, sale.currency)} can be refunded.`
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
      setMessage({ tone: 'ok', text: doneText(action, r.value) });
    } else if (isPinError(r.error.code)) {
      setPinError(errorText(r.error));
    } else {
      setAction(null);
      setMessage({ tone: 'error', text: errorText(r.error) });
    }
  };

  const simple = async (call: () => Promise<Result<unknown>>) => {
    const r = await call();
    if (!r.ok) setMessage({ tone: 'error', text: errorText(r.error) });
    await load();
  };

  const st = sale ? statusLabel(sale.status) : null;
  return (
    <div className="overlay" role="presentation" onKeyDown={(e) => e.key === 'Escape' && !action && (e.stopPropagation(), onClose())}>
      <section className="card dialog detail" role="dialog" aria-modal="true" aria-labelledby="detail-title" data-testid="sale-detail">
        <header className="detail-head">
          <div>
            <h2 id="detail-title">{sale ? money(sale.amount, sale.currency) : 'Sale'}</h2>
            {st ? <span className={`chip ${st.tone}`} data-testid="detail-status">{st.label}</span> : null}
          </div>
          <button type="button" className="btn" onClick={onClose} autoFocus>
            Close <kbd>Esc</kbd>
          </button>
        </header>
        {sale ? (
          <>
            <dl className="meta wide">
              <dt>Time</dt>
              <dd>{localTime(sale.createdAt, settings.timeZone, true)}</dd>
              <dt>Sale</dt>
              <dd className="mono">{sale.id}</dd>
              <dt>Charge</dt>
              <dd className="mono">{sale.chargeId ?? '—'}</dd>
              {sale.fee !== null ? (
                <>
                  <dt>Fee · VAT · net</dt>
                  <dd>
                    {money(sale.fee, sale.currency)} · {money(sale.feeVat ?? 0, sale.currency)} · {money(sale.net ?? 0, sale.currency)}
                  </dd>
                </>
              ) : null}
              {sale.refundedAmount > 0 ? (
                <>
                  <dt>Refunded</dt>
                  <dd data-testid="refunded-amount">{money(sale.refundedAmount, sale.currency)}</dd>
                </>
              ) : null}
              {sale.failureCode ? (
                <>
                  <dt>Failure</dt>
                  <dd>
                    {failureText(sale.failureCode, 'en')} <span className="mono muted">({sale.failureCode})</span>
                  </dd>
                </>
              ) : null}
              {sale.attentionReason ? (
                <>
                  <dt>Attention</dt>
                  <dd>{sale.attentionReason}</dd>
                </>
              ) : null}
            </dl>
            {receipt && receipt.refunds.length > 0 ? (
              <ul className="refunds">
                {receipt.refunds.map((r) => (
                  <li key={r.id}>
                    {r.voided ? 'Void' : 'Refund'} {money(r.amount, r.currency)} · {localTime(r.createdAt, settings.timeZone)} · {r.status}
                  </li>
                ))}
              </ul>
            ) : null}
            {message ? (
              <p className={message.tone === 'error' ? 'error-text' : 'ok-text'} role="status" data-testid="detail-message">
                {message.text}
              </p>
            ) : null}
            <div className="detail-actions">
              {(sale.status === 'successful' || sale.status === 'partially_refunded') && refundable > 0 ? (
                <div className="refund-row">
                  <label className="field">
                    <span>Refund amount ({sale.currency})</span>
                    <input inputMode="decimal" data-testid="refund-amount" placeholder={toDecimalString(refundable, sale.currency)} value={refundText} aria-invalid={Boolean(refundReason)} onChange={(e) => setRefundText(e.target.value)} />
                    {refundReason ? <span className="error">{refundReason}</span> : null}
                  </label>
                  <button type="button" className="btn danger large" data-testid="refund" disabled={Boolean(refundReason)} onClick={() => refundParsed?.ok && setAction({ kind: 'refund', amount: refundParsed.value })}>
                    Refund…
                  </button>
                  {sale.refundedAmount === 0 ? (
                    <button type="button" className="btn danger large" data-testid="void" onClick={() => setAction({ kind: 'void' })}>
                      Void…
                    </button>
                  ) : null}
                </div>
              ) : null}
              {sale.status === 'authorized' ? (
                <>
                  <button type="button" className="btn primary large" onClick={() => void simple(() => pos['sale:capture']({ saleId }))}>
                    Capture
                  </button>
                  <button type="button" className="btn danger large" onClick={() => setAction({ kind: 'reverse' })}>
                    Reverse…
                  </button>
                </>
              ) : null}
              {sale.status === 'needs_attention' ? (
                <>
                  <button type="button" className="btn danger large" onClick={() => setAction({ kind: 'resolve', action: 'refund' })}>
                    Refund the customer…
                  </button>
                  <button type="button" className="btn large" onClick={() => setAction({ kind: 'resolve', action: 'accept' })}>
                    Keep as a sale…
                  </button>
                </>
              ) : null}
              {sale.status === 'pending' || sale.status === 'creating' ? (
                <button type="button" className="btn danger large" onClick={() => void simple(() => pos['sale:cancel']({ saleId }))}>
                  Cancel payment
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
          title={titleOf(action, sale.currency)}
          detail="A manager must confirm this."
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

function titleOf(action: Action, currency: 'SGD' | 'THB'): string {
  switch (action.kind) {
    case 'refund':
      return `Refund ${money(action.amount, currency)}`;
    case 'void':
      return 'Void this payment';
    case 'reverse':
      return 'Reverse this authorization';
    case 'resolve':
      return action.action === 'refund' ? 'Refund the late payment' : 'Keep the late payment as a sale';
  }
}

function doneText(action: Action, receipt: Receipt): string {
  const s = receipt.sale;
  if (action.kind === 'refund') return `Refunded ${money(action.amount, s.currency)}.`;
  if (action.kind === 'void') return 'The payment was voided.';
  if (action.kind === 'reverse') return 'The authorization was reversed.';
  return action.action === 'refund' ? 'The customer was refunded.' : 'Kept as a sale.';
}

