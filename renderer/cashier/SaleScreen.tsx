// Taking a payment: the amount (keypad or keyboard, validated live), Charge, then the payment's
// progress until it settles. Enter charges, Esc cancels (or clears), Enter again starts a new sale.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppError, PosBridge, PublicSettings, Sale } from '../../shared';
import { COUNTRY_RULES, parseChargeAmount } from '../../shared';
import { amountErrorText } from '../../shared';
import { useBridgeEvent } from '../ui/hooks';
import { useTexts } from '../ui/texts';
import { money } from '../ui/format';
import { applyKey, type KeypadKey } from './amount-entry';
import { Keypad } from './Keypad';
import { PaymentPanel } from './PaymentPanel';

interface Props {
  pos: PosBridge;
  settings: PublicSettings;
  active: boolean;
  /** The bridge's connection: on each (re)connect the page asks the terminal for its current sale. */
  connected: boolean;
}

const isOpen = (sale: Sale | null): boolean => sale !== null && (sale.status === 'creating' || sale.status === 'pending');

export function SaleScreen({ pos, settings, active, connected }: Props) {
  const t = useTexts();
  const rules = COUNTRY_RULES[settings.country];
  const currency = rules.currency;
  const [text, setText] = useState('');
  const [touched, setTouched] = useState(false);
  const [sale, setSale] = useState<Sale | null>(null);
  const [busy, setBusy] = useState<'creating' | 'cancelling' | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const parsed = parseChargeAmount(text, currency);
  const showReason = !parsed.ok && (touched || text !== '') && !(parsed.error.code === 'amount_empty' && !touched);
  const locked = busy !== null || isOpen(sale) || sale?.status === 'authorized';
  // A result (paid, failed, …) is on screen: Charge waits for a new amount, so one tap cannot
  // charge the last amount again.
  const showingResult = sale !== null && !locked;

  useBridgeEvent(
    pos,
    'sale:updated',
    useCallback((updated: Sale) => setSale((current) => (current && current.id === updated.id ? updated : current)), []),
  );

  // On load, on reconnect and after the terminal's restart, the sale on screen is the terminal's current
  // sale (waiting with its countdown, or its result), never what this page remembered.
  const shown = useRef(sale);
  useEffect(() => {
    shown.current = sale;
  }, [sale]);
  useEffect(() => {
    if (!connected) return;
    let stale = false;
    void pos['sale:current']({}).then(async (r) => {
      if (stale || !r.ok) return;
      const found = r.value;
      if (found) {
        setSale((cur) => (cur && cur.id === found.id && cur.updatedAt > found.updatedAt ? cur : found));
        return;
      }
      // The terminal follows no sale now: one this page still shows as open is read again from the log.
      const mine = shown.current;
      if (!isOpen(mine) || !mine) return;
      const again = await pos['sale:get']({ saleId: mine.id });
      if (!stale && again.ok) setSale(again.value.sale);
    });
    return () => {
      stale = true;
    };
  }, [pos, connected]);

  useEffect(() => {
    if (active && !locked && sale === null) input.current?.focus();
  }, [active, locked, sale]);

  const charge = useCallback(async () => {
    setTouched(true);
    if (!parsed.ok || locked) return;
    setError(null);
    setBusy('creating');
    const result = await pos['sale:start']({ amount: parsed.value, currency });
    setBusy(null);
    if (result.ok) {
      setSale((current) => (current && current.id === result.value.id && current.updatedAt > result.value.updatedAt ? current : result.value));
      // The sale holds its amount now; the field is for the next one.
      setText('');
      setTouched(false);
    } else setError(result.error);
  }, [parsed, locked, pos, currency]);

  const cancel = useCallback(async () => {
    if (!sale || !isOpen(sale)) return;
    setBusy('cancelling');
    const result = await pos['sale:cancel']({ saleId: sale.id });
    setBusy(null);
    if (result.ok) setSale(result.value);
    else setError(result.error);
  }, [pos, sale]);

  const newSale = useCallback(() => {
    setSale(null);
    setError(null);
    setText('');
    setTouched(false);
    setTimeout(() => input.current?.focus(), 0);
  }, []);

  const capture = useCallback(async () => {
    if (!sale) return;
    const result = await pos['sale:capture']({ saleId: sale.id });
    if (result.ok) setSale(result.value.sale);
    else setError(result.error);
  }, [pos, sale]);

  // Esc works wherever focus is on this screen; on a result screen a typed digit starts the next
  // sale with that digit (focus sits on "New sale" there, so it would otherwise vanish).
  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      if (showingResult && /^[0-9.]$/.test(e.key) && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        newSale();
        setText(applyKey('', e.key as KeypadKey));
        return;
      }
      if (e.key !== 'Escape') return;
      e.preventDefault();
      if (isOpen(sale)) void cancel();
      else if (sale) newSale();
      else {
        setText('');
        setTouched(false);
        setError(null);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active, sale, cancel, newSale, showingResult]);

  const onKeypad = (key: KeypadKey) => {
    if (locked) return;
    if (sale) newSale();
    setError(null);
    setText((t) => applyKey(sale ? '' : t, key));
  };

  return (
    <div className="sale-screen">
      <section className="card entry" aria-label={t.amount.label}>
        <label className="amount-label" htmlFor="amount">
          {t.amount.label} <span className="muted">({currency})</span>
        </label>
        <div className={`amount-box ${showReason ? 'invalid' : ''}`}>
          <span className="currency" aria-hidden="true">
            {currency === 'SGD' ? 'S$' : '฿'}
          </span>
          <input
            id="amount"
            ref={input}
            className="amount-input"
            data-testid="amount-input"
            inputMode="decimal"
            autoComplete="off"
            spellCheck={false}
            placeholder="0.00"
            value={text}
            disabled={locked}
            aria-invalid={showReason}
            aria-describedby="amount-reason"
            onChange={(e) => {
              if (sale) setSale(null);
              setError(null);
              setText(e.target.value.slice(0, 24));
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                void charge();
              }
            }}
          />
        </div>
        <div id="amount-reason" className={`reason ${showReason ? 'error' : 'muted'}`} role={showReason ? 'alert' : undefined} data-testid="amount-reason">
          {showReason && !parsed.ok
            ? amountErrorText(t, parsed.error, currency)
            : parsed.ok
              ? t.amount.chargeHint(money(parsed.value, currency))
              : showingResult
                ? t.sale.typeToStart
                : t.amount.range(money(rules.minAmount, currency), money(rules.maxAmount, currency))}
        </div>
        <Keypad onKey={onKeypad} disabled={locked} />
        <div className="entry-actions">
          <button type="button" className="btn large" disabled={locked || text === ''} onClick={() => onKeypad('clear')}>
            {t.keypad.clear}
          </button>
          <button type="button" className="btn primary large charge" data-testid="charge" disabled={locked || showingResult || !parsed.ok} onClick={() => void charge()}>
            {busy === 'creating' ? t.sale.charging : t.sale.charge} {showingResult ? null : <kbd>Enter</kbd>}
          </button>
        </div>
      </section>
      <PaymentPanel
        pos={pos}
        sale={sale}
        busy={busy}
        error={error}
        settings={settings}
        onCancel={() => void cancel()}
        onNewSale={newSale}
        onCapture={() => void capture()}
      />
    </div>
  );
}
