// The payment's progress as the cashier sees it: creating, waiting (with the QR's countdown), paid,
// failed (with the reason), expired, cancelled, authorized (manual capture), needs attention.
import { useEffect, useRef } from 'react';
import type { AppError, PosBridge, PublicSettings, Sale, SaleOrigin } from '../../shared';
import { attentionText, errorText, failureText, sandboxTestPageUri } from '../../shared';
import { countdown, localTime, money } from '../ui/format';
import { useNow } from '../ui/hooks';
import { ClockIcon } from '../ui/icons';
import { useTexts } from '../ui/texts';
import { PrintReceiptButton, useSalePrintState } from './receipts';
import { TillOrigin } from './TillOrigin';

interface Props {
  /** For the receipt's print button (absent: no button). */
  pos?: PosBridge;
  sale: Sale | null;
  busy: 'creating' | 'cancelling' | null;
  error: AppError | null;
  settings: PublicSettings;
  onCancel: () => void;
  onNewSale: () => void;
  onCapture: () => void;
}

export function PaymentPanel({ pos, sale, busy, error, settings, onCancel, onNewSale, onCapture }: Props) {
  const t = useTexts();
  const primary = useRef<HTMLButtonElement>(null);
  const status = sale?.status ?? null;
  // Move focus to the one action that makes sense next (New sale after a result). Never to Cancel while
  // the payment waits: a second Enter (double tap, key repeat, a keypad sending two) would cancel it;
  // cancelling takes Esc or a click.
  useEffect(() => {
    if (status && status !== 'creating' && status !== 'pending') primary.current?.focus();
  }, [status]);

  if (busy === 'creating') {
    return (
      <Panel tone="info" testState="creating" title={t.sale.creating}>
        <div className="spinner" />
        <p className="muted">{t.sale.askingOpn}</p>
      </Panel>
    );
  }
  if (!sale) {
    return (
      <Panel tone="neutral" testState="idle" title={error ? t.sale.notStarted : t.sale.ready}>
        {error ? (
          <p className="error-text" role="alert" data-testid="sale-error">
            {errorText(t, error)}
          </p>
        ) : (
          <>
            <p className="muted">{t.sale.readyHelp}</p>
            <ul className="shortcuts muted">
              <li><kbd>Enter</kbd> {t.sale.keyCharge}</li>
              <li><kbd>Esc</kbd> {t.sale.keyCancel}</li>
              <li><kbd>F2</kbd> {t.sale.keyToday}</li>
            </ul>
          </>
        )}
      </Panel>
    );
  }
  const amount = money(sale.amount, sale.currency);
  const footer = (label = t.sale.newSale) => (
    <button ref={primary} type="button" className="btn large block" data-testid="new-sale" onClick={onNewSale}>
      {label} <kbd>Enter</kbd>
    </button>
  );
  const meta = <SaleMeta sale={sale} timeZone={settings.timeZone} />;

  switch (sale.status) {
    case 'creating':
      return (
        <Panel origin={sale.origin} tone="info" testState="creating" title={t.sale.creating}>
          <div className="spinner" />
          {meta}
        </Panel>
      );
    case 'pending':
      return (
        <Panel origin={sale.origin} tone="info" testState="pending" title={t.sale.waiting} amount={amount}>
          <Countdown expiresAt={sale.expiresAt} label={t.sale.validFor} />
          <p className="muted">{t.sale.scanHelp}</p>
          {settings.mode === 'demo' && sale.authorizeUri ? (
            <p className="demo-hint">
              {t.sale.demoPlay}{' '}
              {/* The sandbox's test controls (kept off the customer's checkout page), else the page itself. */}
              <a href={sandboxTestPageUri(sale.authorizeUri) ?? sale.authorizeUri} target="_blank" rel="noopener noreferrer" data-testid="demo-authorize-link">
                {t.sale.demoOpen}
              </a>{' '}
              {t.sale.demoPress}
            </p>
          ) : null}
          {error ? <p className="error-text" role="alert">{errorText(t, error)}</p> : null}
          {meta}
          {sale.origin ? <p className="muted">{t.posLink.cancelTellsTill}</p> : null}
          <button type="button" className="btn danger large block" data-testid="cancel" disabled={busy === 'cancelling'} onClick={onCancel}>
            {busy === 'cancelling' ? t.sale.cancelling : t.sale.cancel} <kbd>Esc</kbd>
          </button>
        </Panel>
      );
    case 'successful':
    case 'partially_refunded':
    case 'refunded':
    case 'voided':
      return (
        <Panel origin={sale.origin} tone="success" testState="paid" title={t.sale.paid} amount={amount} icon="✓">
          {meta}
          {pos && settings.receipt.printerKind !== 'none' ? <PaidPrint pos={pos} saleId={sale.id} auto={settings.receipt.autoPrint} /> : null}
          {footer()}
        </Panel>
      );
    case 'authorized':
      return (
        <Panel origin={sale.origin} tone="warning" testState="authorized" title={t.sale.authorized} amount={amount}>
          <p className="muted">{t.sale.authorizedHelp}</p>
          {meta}
          <button ref={primary} type="button" className="btn primary large block" onClick={onCapture}>
            {t.sale.capture(amount)}
          </button>
        </Panel>
      );
    case 'failed':
      return (
        <Panel origin={sale.origin} tone="danger" testState="failed" title={t.sale.failed} amount={amount} icon="!">
          <p className="failure" data-testid="failure-text">
            {failureText(sale.failureCode, t.language)}
          </p>
          {sale.failureCode ? <p className="muted mono" data-testid="failure-code">{sale.failureCode}</p> : null}
          {meta}
          {footer()}
        </Panel>
      );
    case 'expired':
      return (
        <Panel origin={sale.origin} tone="neutral" testState="expired" title={t.sale.expired} amount={amount} icon={<ClockIcon />}>
          <p className="muted">{t.sale.expiredHelp}</p>
          {meta}
          {footer()}
        </Panel>
      );
    case 'cancelled':
    case 'reversed':
      return (
        <Panel origin={sale.origin} tone="neutral" testState="cancelled" title={sale.status === 'reversed' ? t.sale.reversed : t.sale.cancelled} amount={amount} icon="×">
          {meta}
          {footer()}
        </Panel>
      );
    case 'needs_attention':
      return (
        <Panel origin={sale.origin} tone="danger" testState="needs_attention" title={t.sale.attention} amount={amount} icon="!">
          <p className="failure">{attentionText(t, sale.attentionReason)}</p>
          <p className="muted">{t.sale.attentionHelp}</p>
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

function Panel(props: { tone: string; title: string; amount?: string; icon?: React.ReactNode; testState: string; origin?: SaleOrigin | null | undefined; children: React.ReactNode }) {
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
      {props.origin ? <TillOrigin origin={props.origin} /> : null}
      {props.children}
    </section>
  );
}

function Countdown({ expiresAt, label }: { expiresAt: string | null; label: string }) {
  const now = useNow(250);
  if (!expiresAt) return null;
  const left = Date.parse(expiresAt) - now;
  return (
    <div className="countdown" data-testid="countdown">
      <span className="muted">{label}</span> <strong>{countdown(left)}</strong>
    </div>
  );
}

function SaleMeta({ sale, timeZone }: { sale: Sale; timeZone: string }) {
  const t = useTexts();
  return (
    <dl className="meta">
      <dt>{t.sale.started}</dt>
      <dd>{localTime(t.language, sale.createdAt, timeZone)}</dd>
      <dt>{t.sale.chargeId}</dt>
      <dd className="mono" data-testid="charge-id">{sale.chargeId ?? '—'}</dd>
    </dl>
  );
}

/** After Paid: the receipt prints by itself (auto-print) and can be printed again, or is printed on request.
 *  The line above the button follows the printer: printing, printed, or queued because it is down. */
function PaidPrint({ pos, saleId, auto }: { pos: PosBridge; saleId: string; auto: boolean }) {
  const t = useTexts();
  const state = useSalePrintState(saleId);
  const line = state === 'printed' ? t.receipts.printed : state === 'print_failed' ? t.receipts.failed : state === 'print_gave_up' ? t.receipts.gaveUp : auto ? t.receipts.autoPrinting : null;
  return (
    <>
      {line ? (
        <p className={`print-hint ${state === 'waiting' || state === 'printed' ? 'muted' : 'error-text'}`} data-testid="auto-print-hint" data-print={state}>
          {line}
        </p>
      ) : null}
      <PrintReceiptButton pos={pos} saleId={saleId} label={auto ? t.receipts.reprint : t.receipts.printReceipt} testId="print-receipt" />
    </>
  );
}
