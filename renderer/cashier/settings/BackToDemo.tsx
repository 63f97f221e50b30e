// Leaving live for the demo again (settings:useDemo, with the manager PIN Settings opened with): a
// confirmation that says what happens (live keys forgotten, live receipt log kept, PIN back to 1234).
import { useRef, useState } from 'react';
import type { PosBridge, PublicSettings } from '../../../shared';
import { errorText } from '../../../shared';
import { useFocusTrap } from '../../ui/focus-trap';
import { useTexts } from '../../ui/texts';

const DEMO_PIN = '1234';

interface Props {
  pos: PosBridge;
  pin: string | null;
  disabled: boolean;
  onDone: (settings: PublicSettings, pin: string) => void;
  onError: (text: string) => void;
}

export function BackToDemo({ pos, pin, disabled, onDone, onError }: Props) {
  const t = useTexts();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const dialog = useRef<HTMLDivElement>(null);
  useFocusTrap(dialog, asking, () => setAsking(false));

  const go = async () => {
    if (pin === null) return;
    setBusy(true);
    const r = await pos['settings:useDemo']({ pin });
    setBusy(false);
    setAsking(false);
    if (r.ok) onDone(r.value, DEMO_PIN);
    else onError(errorText(t, r.error));
  };

  return (
    <>
      <button type="button" className="btn large" data-testid="back-to-demo" disabled={disabled || pin === null} onClick={() => setAsking(true)}>
        {t.demoReturn.button}
      </button>
      {asking ? (
        <div className="overlay" role="presentation">
          <div ref={dialog} className="card dialog" role="alertdialog" aria-modal="true" aria-labelledby="back-to-demo-title" data-testid="back-to-demo-dialog">
            <h2 id="back-to-demo-title">{t.demoReturn.button}</h2>
            <p>{t.demoReturn.confirm}</p>
            <div className="row">
              <button type="button" className="btn large" data-autofocus onClick={() => setAsking(false)}>
                {t.demoReturn.no}
              </button>
              <button type="button" className="btn danger large" data-testid="back-to-demo-confirm" disabled={busy} onClick={() => void go()}>
                {t.demoReturn.yes}
              </button>
            </div>
          </div>
        </div>
      ) : null}
    </>
  );
}
