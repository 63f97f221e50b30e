// Asks for the manager PIN (4 – 8 digits) before a refund, void, reversal or the reports.
import { useRef, useState } from 'react';
import { useFocusTrap } from '../ui/focus-trap';
import { useTexts } from '../ui/texts';

interface Props {
  title: string;
  detail?: string;
  error?: string | null;
  busy?: boolean;
  onSubmit: (pin: string) => void;
  onClose: () => void;
}

export function PinDialog({ title, detail, error, busy, onSubmit, onClose }: Props) {
  const t = useTexts();
  const [pin, setPin] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const form = useRef<HTMLFormElement>(null);
  useFocusTrap(form, true, onClose);
  const valid = /^\d{4,8}$/.test(pin);
  const press = (d: string) => setPin((p) => (d === 'back' ? p.slice(0, -1) : (p + d).slice(0, 8)));
  return (
    <div className="overlay" role="presentation">
      <form
        ref={form}
        className="card dialog pin-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="pin-title"
        onSubmit={(e) => {
          e.preventDefault();
          if (!valid || busy) return;
          // The field empties on every try, so after a wrong PIN the next one is typed fresh
          // (not appended to the wrong one, which would burn a second try).
          setPin('');
          input.current?.focus();
          onSubmit(pin);
        }}
      >
        <h2 id="pin-title">{title}</h2>
        {detail ? <p className="muted">{detail}</p> : null}
        <label className="field">
          <span>{t.pin.label}</span>
          <input
            ref={input}
            data-autofocus
            type="password"
            inputMode="numeric"
            autoComplete="off"
            data-testid="pin-input"
            value={pin}
            maxLength={8}
            aria-invalid={Boolean(error)}
            onChange={(e) => setPin(e.target.value.replace(/\D/g, '').slice(0, 8))}
          />
        </label>
        {error ? (
          <p className="error-text" role="alert" data-testid="pin-error">
            {error}
          </p>
        ) : null}
        <div className="pin-pad" role="group" aria-label={t.pin.keypad}>
          {['1', '2', '3', '4', '5', '6', '7', '8', '9', 'back', '0'].map((d) => (
            <button key={d} type="button" className="key small" aria-label={d === 'back' ? t.pin.delete : d} onMouseDown={(e) => e.preventDefault()} onClick={() => press(d)}>
              {d === 'back' ? '⌫' : d}
            </button>
          ))}
        </div>
        <div className="dialog-actions">
          <button type="button" className="btn large" onClick={onClose}>
            {t.pin.back} <kbd>Esc</kbd>
          </button>
          <button type="submit" className="btn primary large" data-testid="pin-submit" disabled={!valid || busy}>
            {busy ? t.pin.checking : t.pin.confirm}
          </button>
        </div>
      </form>
    </div>
  );
}
