// The payment's progress as the cashier sees it: creating, waiting (with the QR's countdown), paid,
// failed (with the reason), expired, cancelled, authorized (manual capture), needs attention.
import { useEffect, useRef } from 'react';
import type { AppError, PublicSettings, Sale } from '../../shared';
import { failureText } from '../../shared/i18n';
import { countdown, localTime, money } from '../ui/format';
import { useNow } from '../ui/hooks';

interface Props {
  sale: Sale | null;
  busy: 'creating' | 'cancelling' | null;
  error: AppError | null;
  settings: PublicSettings;
  onCancel: () => void;
  onNewSale: () => void;
  onCapture: () => void;
}

export function PaymentPanel({ sale, busy, error, settings, onCancel, onNewSale, onCapture }: Props) {
  const primary = useRef<HTMLButtonElement>(null);
  const status = sale?.status ?? null;
  // Move focus to the one action that makes sense next (Cancel while waiting, New sale after).
  useEffect(() => {
    if (status && status !== 'creating') primary.current?.focus();
  }, [status]);

  if (busy === 'creating') {
    return (
      <Panel tone="info" testState="creating" title="Creating the payment…">
        <div className="spinner" />
        <p className="muted">Asking Opn for a KakaoPay QR code.</p>
      </Panel>
    );
  }
  if (!sale) {
    return (
      <Panel tone="neutral" testState="idle" title={error ? 'The payment was not started' : 'Ready for the next sale'}>
        {error ? (
          <p className="error-text" role="alert" data-testid="sale-error">
            {error.message}
          </p>
        ) : (
          <>
            <p className="muted">Type the amount and press Charge. The QR code appears on the customer display.</p>
            <ul className="shortcuts muted">
              <li><kbd>Enter</kbd> charge</li>
              <li><kbd>Esc</kbd> cancel or clear</li>
              <li><kbd>F2</kbd> today's sales</li>
            </ul>
          </>
        )}
      </Panel>
    );
  }
  const amount = money(sale.amount, sale.currency);
  const footer = (label = 'New sale') => (
    <button ref={primary} type="button" className="btn large block" data-testid="new-sale" onClick={onNewSale}>
      {label} <kbd>Enter</kbd>
    </button>
  );
  const meta = <SaleMeta sale={sale} timeZone={settings.timeZone} />;

  switch (sale.status) {
    case 'creating':
      return (
        <Panel tone="info" testState="creating" title="Creating the payment…">
          <div className="spinner" />
          {meta}
        </Panel>
      );
    case 'pending':
      return (
        <Panel tone="info" testState="pending" title="Waiting for the customer" amount={amount}>
          <Countdown expiresAt={sale.expiresAt} />
          <p className="muted">The customer scans the QR code on the customer display with KakaoPay.</p>
          {settings.mode === 'demo' && sale.authorizeUri ? (
            <p className="demo-hint">
              Demo: play the customer —{' '}
              <a href={sale.authorizeUri} target="_blank" rel="noopener noreferrer" data-testid="demo-authorize-link">
                open the payment page
              </a>{' '}
              and press Successful.
            </p>
          ) : null}
          {error ? <p className="error-text" role="alert">{error.message}</p> : null}
          {meta}
          <button ref={primary} type="button" className="btn danger large block" data-testid="cancel" disabled={busy === 'cancelling'} onClick={onCancel}>
            {busy === 'cancelling' ? 'Cancelling…' : 'Cancel payment'} <kbd>Esc</kbd>
          </button>
        </Panel>
      );
    case 'successful':
    case 'partially_refunded':
    case 'refunded':
    case 'voided':
      return (
        <Panel tone="success" testState="paid" title="Paid" amount={amount} icon="✓">
          {meta}
          {footer()}
        </Panel>
      );
    case 'authorized':
      return (
        <Panel tone="warning" testState="authorized" title="Authorized — capture to finish" amount={amount}>
          <p className="muted">The customer approved the payment. Capture it to take the money, or reverse it from Today's sales.</p>
          {meta}
          <button ref={primary} type="button" className="btn primary large block" onClick={onCapture}>
            Capture {amount}
          </button>
        </Panel>
      );
    case 'failed':
      return (
        <Panel tone="danger" testState="failed" title="Payment failed" amount={amount} icon="!">
          <p className="failure" data-testid="failure-text">
            {failureText(sale.failureCode, 'en')}
          </p>
          {sale.failureCode ? <p className="muted mono" data-testid="failure-code">{sale.failureCode}</p> : null}
          {meta}
          {footer()}
        </Panel>
      );
    case 'expired':
      return (
        <Panel tone="neutral" testState="expired" title="QR code expired" amount={amount} icon="⏱">
          <p className="muted">The customer did not pay in time. The charge was expired at Opn, so a late scan cannot take money.</p>
          {meta}
          {footer()}
        </Panel>
      );
    case 'cancelled':
    case 'reversed':
      return (
        <Panel tone="neutral" testState="cancelled" title={sale.status === 'reversed' ? 'Reversed' : 'Cancelled'} amount={amount} icon="×">
          {meta}
          {footer()}
        </Panel>
      );
    case 'needs_attention':
      return (
        <Panel tone="danger" testState="needs_attention" title="Needs attention" amount={amount} icon="!">
          <p className="failure">{sale.attentionReason ?? 'Money moved after this payment was closed.'}</p>
          <p className="muted">Open it in Today's sales (F2) to refund it or accept it, with the manager PIN.</p>
          {meta}
          {footer()}
        </Panel>
      );
    default: {
      const never: never = sale.status;
      return never;
    }
  }
}

function Panel(props: { tone: string; title: string; amount?: string; icon?: string; testState: string; children: React.ReactNode }) {
  return (
    <section className={`card panel tone-${props.tone}`} aria-live="polite" data-testid="payment-panel" data-state={props.testState}>
      {props.icon ? (
        <div className="panel-icon" aria-hidden="true">
          {props.icon}
        </div>
      ) : null}
      <h2 className="panel-title" data-testid="payment-title">{props.title}</h2>
      {props.amount ? (
        <div className="panel-amount" data-testid="payment-amount">
          {props.amount}
        </div>
      ) : null}
      {props.children}
    </section>
  );
}

function Countdown({ expiresAt }: { expiresAt: string | null }) {
  const now = useNow(250);
  if (!expiresAt) return null;
  const left = Date.parse(expiresAt) - now;
  return (
    <div className="countdown" data-testid="countdown">
      <span className="muted">QR valid for</span> <strong>{countdown(left)}</strong>
    </div>
  );
}

function SaleMeta({ sale, timeZone }: { sale: Sale; timeZone: string }) {
  return (
    <dl className="meta">
      <dt>Started</dt>
      <dd>{localTime(sale.createdAt, timeZone)}</dd>
      <dt>Charge</dt>
      <dd className="mono" data-testid="charge-id">{sale.chargeId ?? '—'}</dd>
    </dl>
  );
}
