// Print buttons: the receipt of a paid sale (a second print is marked "Copy" by the main process),
// a refund or void slip, and the receipt as on paper for the screen.
import { useState } from 'react';
import type { PosBridge, Result } from '../../../shared';
import { errorText } from '../../../shared';
import { useTexts } from '../../ui/texts';

type State = { tone: 'ok' | 'error'; text: string } | 'busy' | null;

function usePrint(): [State, (call: () => Promise<Result<unknown>>) => Promise<void>] {
  const t = useTexts();
  const [state, setState] = useState<State>(null);
  const run = async (call: () => Promise<Result<unknown>>) => {
    setState('busy');
    const r = await call();
    setState(r.ok ? { tone: 'ok', text: t.receipts.queued } : { tone: 'error', text: errorText(t, r.error) });
  };
  return [state, run];
}

function Status({ state }: { state: State }) {
  if (!state || state === 'busy') return null;
  return (
    <span className={state.tone === 'ok' ? 'ok-text' : 'error-text'} role="status" data-testid="print-status">
      {state.text}
    </span>
  );
}

/** "Print receipt" after Paid ("Reprint" when it was printed automatically), or "Reprint" in the detail. */
export function PrintReceiptButton({ pos, saleId, label, testId, large = true }: { pos: PosBridge; saleId: string; label: string; testId: string; large?: boolean }) {
  const t = useTexts();
  const [state, run] = usePrint();
  return (
    <div className="print-row">
      <button type="button" className={large ? 'btn large' : 'btn'} data-testid={testId} disabled={state === 'busy'} onClick={() => void run(() => pos['receipt:print']({ saleId }))}>
        {state === 'busy' ? t.receipts.sending : label}
      </button>
      <Status state={state} />
    </div>
  );
}

export function PrintSlipButton({ pos, saleId, refundId }: { pos: PosBridge; saleId: string; refundId: string }) {
  const t = useTexts();
  const [state, run] = usePrint();
  return (
    <>
      <button type="button" className="btn small" data-testid="print-slip" disabled={state === 'busy'} onClick={() => void run(() => pos['receipt:printRefund']({ saleId, refundId }))}>
        {t.receipts.printSlip}
      </button>
      <Status state={state} />
    </>
  );
}

/** The receipt as it prints, in a script-less frame (the same HTML the OS printer gets). */
export function ReceiptPreview({ pos, saleId }: { pos: PosBridge; saleId: string }) {
  const t = useTexts();
  const [html, setHtml] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const toggle = async () => {
    if (html !== null) return setHtml(null);
    const r = await pos['receipt:preview']({ saleId });
    if (r.ok) {
      setError(null);
      setHtml(r.value.html);
    } else setError(errorText(t, r.error));
  };
  return (
    <div className="receipt-preview">
      <button type="button" className="btn" data-testid="receipt-preview-toggle" onClick={() => void toggle()}>
        {html !== null ? t.receipts.hidePreview : t.receipts.preview}
      </button>
      {error ? <span className="error-text">{error}</span> : null}
      {html !== null ? <iframe title={t.receipts.preview} sandbox="" srcDoc={html} data-testid="receipt-preview" /> : null}
    </div>
  );
}
