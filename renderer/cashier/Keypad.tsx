// The on-screen keypad: big touch targets; every press keeps the amount field focused so the
// keyboard keeps working alongside it.
import type { KeypadKey } from './amount-entry';

const KEYS: readonly { key: KeypadKey; label: string; aria?: string }[] = [
  { key: '1', label: '1' },
  { key: '2', label: '2' },
  { key: '3', label: '3' },
  { key: '4', label: '4' },
  { key: '5', label: '5' },
  { key: '6', label: '6' },
  { key: '7', label: '7' },
  { key: '8', label: '8' },
  { key: '9', label: '9' },
  { key: '.', label: '.', aria: 'Decimal point' },
  { key: '0', label: '0' },
  { key: 'back', label: '⌫', aria: 'Delete last digit' },
];

export function Keypad({ onKey, disabled }: { onKey: (key: KeypadKey) => void; disabled: boolean }) {
  return (
    <div className="keypad" role="group" aria-label="Keypad">
      {KEYS.map((k) => (
        <button
          key={k.key}
          type="button"
          className="key"
          disabled={disabled}
          aria-label={k.aria ?? k.label}
          data-key={k.key}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => onKey(k.key)}
        >
          {k.label}
        </button>
      ))}
    </div>
  );
}
