// Asks for the manager PIN when the screen is opened without one (the app's gate normally passes it).
import { useState } from 'react';
import { useTexts } from '../../ui/texts';

export function PinStep({ error, onSubmit, onCancel }: { error: string | null; onSubmit: (pin: string) => void; onCancel: () => void }) {
  const t = useTexts();
  const [pin, setPin] = useState('');
  const valid = /^\d{4,8}$/.test(pin);
  return (
    <form
      className="card rp-dialog rp-pin"
      aria-labelledby="rp-pin-h"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) onSubmit(pin);
      }}
      onKeyDown={(e) => e.key === 'Escape' && onCancel()}
    >
      <h2 id="rp-pin-h">{t.pin.reportsTitle}</h2>
      <p className="muted">{t.pin.reportsDetail}</p>
      <label className="field">
        <span>{t.pin.label}</span>
        <input
          autoFocus
          type="password"
          inputMode="numeric"
          autoComplete="off"
          value={pin}
          maxLength={8}
          aria-invalid={Boolean(error)}
          onChange={(e) => setPin(e.target.value.replace(/\D/g, '').slice(0, 8))}
          data-testid="reports-pin"
        />
      </label>
      {error ? <p className="error-text" role="alert">{error}</p> : null}
      <div className="rp-dialog-actions">
        <button type="button" className="btn large" onClick={onCancel}>{t.reports.z.cancel}</button>
        <button type="submit" className="btn large primary" disabled={!valid}>{t.pin.confirm}</button>
      </div>
    </form>
  );
}
