// Taking a payment: the amount (keypad or keyboard, validated live), Charge, then the payment's
// progress until it settles. Enter charges, Esc cancels (or clears), Enter again starts a new sale.
// A thin view over sale-screen-state.ts: that reducer decides every transition and every call.
import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { PosBridge, PublicSettings, Sale } from '../../shared';
import { COUNTRY_RULES, toDecimalString } from '../../shared';
import { amountErrorText } from '../../shared';
import { useBridgeEvent } from '../ui/hooks';
import { useTexts } from '../ui/texts';
import { money } from '../ui/format';
import type { KeypadKey } from './amount-entry';
import { Keypad } from './Keypad';
import { PaymentPanel } from './PaymentPanel';
import { initialSaleScreen, isOpen, saleScreenReducer, tillOf, viewOf, type SaleRequest } from './sale-screen-state';

interface Props {
  pos: PosBridge;
  settings: PublicSettings;
  active: boolean;
  /** The bridge's connection: on each (re)connect the page asks the terminal for its current sale. */
  connected: boolean;
}

export function SaleScreen({ pos, settings, active, connected }: Props) {
  const t = useTexts();
  const rules = COUNTRY_RULES[settings.country];
  const currency = rules.currency;
  const [state, dispatch] = useReducer(saleScreenReducer, initialSaleScreen);
  const { text, sale, busy, error, request } = state;
  const { parsed, showReason, locked, showingResult } = viewOf(state, currency);
  const input = useRef<HTMLInputElement>(null);
  // A till's open sale: its amount fills the field, read-only (the till decided it).
  const till = tillOf(state);
  const tillAmount = till && sale ? toDecimalString(sale.amount, sale.currency) : null;

  useBridgeEvent(
    pos,
    'sale:updated',
    useCallback((updated: Sale) => dispatch({ type: 'saleSeen', sale: updated, from: 'event' }), []),
  );

  // The calls the reducer asked for, each made once (even if the bridge object changes meanwhile); each
  // answer goes back to the reducer.
  const sent = useRef<SaleRequest | null>(null);
  useEffect(() => {
    if (!request || sent.current === request) return;
    sent.current = request;
    if (request.kind === 'start') void pos['sale:start']({ amount: request.amount, currency: request.currency }).then((result) => dispatch({ type: 'started', result }));
    else void pos['sale:cancel']({ saleId: request.saleId }).then((result) => dispatch({ type: 'cancelled', result }));
  }, [pos, request]);

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
        dispatch({ type: 'saleSeen', sale: found, from: 'answer' });
        return;
      }
      // The terminal follows no sale now: one this page still shows as open is read again from the log.
      const mine = shown.current;
      if (!isOpen(mine) || !mine) return;
      const again = await pos['sale:get']({ saleId: mine.id });
      if (!stale && again.ok) dispatch({ type: 'saleSeen', sale: again.value.sale, from: 'answer' });
    });
    return () => {
      stale = true;
    };
  }, [pos, connected]);

  // The amount field has focus whenever it can be typed in. Nothing else takes focus by itself while a
  // payment waits: a second Enter lands nowhere, never on Cancel.
  useEffect(() => {
    if (active && !locked && sale === null) input.current?.focus();
  }, [active, locked, sale]);

  const charge = useCallback(() => dispatch({ type: 'charge', currency }), [currency]);
  const cancel = useCallback(() => dispatch({ type: 'cancel' }), []);
  const newSale = useCallback(() => dispatch({ type: 'newSale' }), []);

  const capture = useCallback(async () => {
    if (!sale) return;
    const result = await pos['sale:capture']({ saleId: sale.id });
    if (result.ok) dispatch({ type: 'saleSeen', sale: result.value.sale, from: 'answer' });
    else dispatch({ type: 'failed', error: result.error });
  }, [pos, sale]);

  // Esc works wherever focus is on this screen; on a result screen a typed digit starts the next
  // sale with that digit (focus sits on "New sale" there, so it would otherwise vanish).
  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      if (showingResult && /^[0-9.]$/.test(e.key) && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        dispatch({ type: 'digitOnResult', key: e.key as KeypadKey });
        return;
      }
      if (e.key !== 'Escape' || e.repeat) return;
      e.preventDefault();
      dispatch({ type: 'escape' });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active, showingResult]);

  const onKeypad = (key: KeypadKey) => dispatch({ type: 'keypad', key });

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
            value={tillAmount ?? text}
            disabled={locked}
            readOnly={till !== null}
            aria-invalid={showReason}
            aria-describedby="amount-reason"
            onChange={(e) => dispatch({ type: 'typed', text: e.target.value })}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                // A held Enter repeats: only the first press charges.
                if (!e.repeat) charge();
              }
            }}
          />
        </div>
        <div id="amount-reason" className={`reason ${showReason ? 'error' : 'muted'}`} role={showReason ? 'alert' : undefined} data-testid="amount-reason">
          {till
            ? t.posLink.amountFromTill(till.tillName)
            : showReason && !parsed.ok
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
          <button type="button" className="btn primary large charge" data-testid="charge" disabled={locked || showingResult || !parsed.ok} onClick={charge}>
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
        onCancel={cancel}
        onNewSale={newSale}
        onCapture={() => void capture()}
      />
    </div>
  );
}
