// Asks for the manager PIN (4 – 8 digits) before a refund, void, reversal or the reports.
import { useEffect, useRef, useState } from 'react';

interface Props {
  title: string;
  detail?: string;
  error?: string | null;
  busy?: boolean;
  onSubmit: (pin: string) => void;
  onClose: () => void;
}

export function PinDialog({ title, detail, error, busy, onSubmit, onClose }: Props) {
  const [pin, setPin] = useState('');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  const valid = /^\d{4,8}$/.test(pin);
  const press = (d: string) => setPin((p) => (d === 'back' ? p.slice(0, -1) : (p + d).slice(0, 8)));
  return (
    <div className="overlay" role="presentation" onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), onClose())}>
      <form
        className="card dialog pin-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="pin-title"
        onSubmit={(e) => {
          e.preventDefault();
          if (valid && !busy) onSubmit(pin);
        }}
      >
        <h2 id="pin-title">{title}</h2>
        {detail ? <p className="muted">{detail}</p> : null}
        <label className="field">
          <span>Manager PIN</span>
          <input
            ref={input}
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
        <div className="pin-pad" role="group" aria-label="PIN keypad">
          {['1', '2', '3', '4', '5', '6', '7', '8', '9', 'back', '0'].map((d) => (
            <button key={d} type="button" className="key small" aria-label={d === 'back' ? 'Delete' : d} onMouseDown={(e) => e.preventDefault()} onClick={() => press(d)}>
              {d === 'back' ? '⌫' : d}
            </button>
          ))}
        </div>
        <div className="dialog-actions">
          <button type="button" className="btn large" onClick={onClose}>
            Back <kbd>Esc</kbd>
          </button>
          <button type="submit" className="btn primary large" data-testid="pin-submit" disabled={!valid || busy}>
            {busy ? 'Checking…' : 'Confirm'}
          </button>
        </div>
      </form>
    </div>
  );
}
