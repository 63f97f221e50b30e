// The on-screen keypad: big touch targets; every press keeps the amount field focused so the
// keyboard keeps working alongside it.
import { useTexts } from '../ui/texts';
import type { KeypadKey } from './amount-entry';

const KEYS: readonly { key: KeypadKey; label: string; aria?: 'point' | 'back' }[] = [
  { key: '1', label: '1' },
  { key: '2', label: '2' },
  { key: '3', label: '3' },
  { key: '4', label: '4' },
  { key: '5', label: '5' },
  { key: '6', label: '6' },
  { key: '7', label: '7' },
  { key: '8', label: '8' },
  { key: '9', label: '9' },
  { key: '.', label: '.', aria: 'point' },
  { key: '0', label: '0' },
  { key: 'back', label: '⌫', aria: 'back' },
];

export function Keypad({ onKey, disabled }: { onKey: (key: KeypadKey) => void; disabled: boolean }) {
  const t = useTexts();
  return (
    <div className="keypad" role="group" aria-label={t.keypad.group}>
      {KEYS.map((k) => (
        <button
          key={k.key}
          type="button"
          className="key"
          disabled={disabled}
          aria-label={k.aria ? t.keypad[k.aria] : k.label}
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
