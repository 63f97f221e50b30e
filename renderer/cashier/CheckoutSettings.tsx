// Settings for the payment shown to the customer: what the customer display shows, and how long a QR stays
// valid (the terminal's own countdown; it then expires the charge at Opn whatever Opn's expires_at says).
import { QR_VALIDITY_MINUTES, type DisplayCheckout } from '../../shared';
import { useTexts } from '../ui/texts';

interface Props {
  displayCheckout: DisplayCheckout;
  qrValidityMinutes: number;
  onChange: (patch: { displayCheckout?: DisplayCheckout; qrValidityMinutes?: number }) => void;
}

const MINUTES = Array.from({ length: QR_VALIDITY_MINUTES.max - QR_VALIDITY_MINUTES.min + 1 }, (_, i) => QR_VALIDITY_MINUTES.min + i);

export function CheckoutSettings({ displayCheckout, qrValidityMinutes, onChange }: Props) {
  const tc = useTexts().checkout;
  return (
    <>
      <label className="field">
        <span>{tc.display}</span>
        <select data-testid="display-checkout" value={displayCheckout} onChange={(e) => onChange({ displayCheckout: e.target.value === 'qr' ? 'qr' : 'hosted' })}>
          <option value="hosted">{tc.hosted}</option>
          <option value="qr">{tc.qr}</option>
        </select>
      </label>
      <label className="field">
        <span>{tc.validFor}</span>
        <select data-testid="qr-validity" value={qrValidityMinutes} onChange={(e) => onChange({ qrValidityMinutes: Number(e.target.value) })}>
          {MINUTES.map((m) => (
            <option key={m} value={m}>
              {tc.minutes(m)}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}
