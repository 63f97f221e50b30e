// Going live from the demo (or changing live keys), in steps a shop owner can follow without the
// docs: Opn keys → forwarder address and token → a new manager PIN → a summary whose "Test all" checks
// exactly the values on screen before anything is saved. Saving is one change; "Save and go live"
// is only offered once Test all has passed for these very values.
import { useMemo, useRef, useState } from 'react';
import type { PosBridge, PublicSettings } from '../../../shared';
import { checkText, errorText, type CashierTexts } from '../../../shared';
import { useFocusTrap } from '../../ui/focus-trap';
import { useTexts } from '../../ui/texts';
import { candidateOf, checkLabel, fieldErrors, saveLive, testCandidate, wizardStart, type CheckLine, type LiveCandidate } from './live-channels';
import { ForwarderStep, KeysStep, masked, PinStep, type WizardValues } from './wizard-steps';

const STEP_COUNT = 4;
const DEMO_PIN = '1234';

interface Props {
  pos: PosBridge;
  settings: PublicSettings;
  /** The manager PIN Settings was opened with (null on a fresh install without one). */
  pin: string | null;
  onClose: () => void;
  onSaved: (settings: PublicSettings, newPin: string) => void;
}

function stepErrors(t: CashierTexts, step: number, v: WizardValues): Map<string, string> {
  const tw = t.wizard;
  if (step === 0) {
    const errors = fieldErrors(t, { opnPublicKey: v.opnPublicKey, opnSecretKey: v.opnSecretKey, opnApiBase: v.opnApiBase });
    const test = v.keyMode === 'test';
    for (const [key, kind] of [['opnPublicKey', 'pkey'], ['opnSecretKey', 'skey']] as const) {
      const value = v[key];
      if (!errors.has(key) && value.startsWith(`${kind}_test_`) !== test) {
        errors.set(key, test ? tw.notTestKey(kind) : tw.notLiveKey(kind));
      }
    }
    return errors;
  }
  if (step === 1) {
    const errors = fieldErrors(t, { forwarderUrl: v.forwarderUrl, forwarderToken: v.forwarderToken });
    if (!errors.has('forwarderUrl') && v.forwarderUrl.startsWith('ws://') && v.keyMode === 'live') errors.set('forwarderUrl', tw.needWss);
    return errors;
  }
  if (step === 2) {
    const errors = fieldErrors(t, { managerPin: v.managerPin });
    if (!errors.has('managerPin') && v.managerPin === DEMO_PIN) errors.set('managerPin', tw.demoPin);
    if (v.managerPinAgain !== v.managerPin) errors.set('managerPinAgain', tw.pinsDiffer);
    return errors;
  }
  return new Map();
}

export function GoLiveWizard({ pos, settings, pin, onClose, onSaved }: Props) {
  const t = useTexts();
  const tw = t.wizard;
  const dialog = useRef<HTMLFormElement>(null);
  useFocusTrap(dialog, true, onClose);
  const [step, setStep] = useState(0);
  const [touched, setTouched] = useState<ReadonlySet<number>>(new Set());
  const [values, setValues] = useState<WizardValues>(() => ({
    keyMode: 'test',
    ...wizardStart(settings),
    managerPin: '',
    managerPinAgain: '',
  }));
  const [checked, setChecked] = useState<{ key: string; lines: CheckLine[] } | null>(null);
  const [busy, setBusy] = useState<'test' | 'save' | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const candidate: LiveCandidate = useMemo(
    () => candidateOf(values, settings.terminalId),
    [values, settings.terminalId],
  );
  // Test all is valid only for the exact values it tested.
  const candidateKey = JSON.stringify(candidate);
  const passed = checked !== null && checked.key === candidateKey && checked.lines.length > 0 && checked.lines.every((l) => l.ok);
  const errors = stepErrors(t, step, values);
  const shownErrors = touched.has(step) ? errors : new Map<string, string>([...errors].filter(([k]) => values[k as keyof WizardValues] !== ''));

  const set = <K extends keyof WizardValues>(key: K, value: WizardValues[K]) => {
    setMessage(null);
    setValues((v) => ({ ...v, [key]: value }));
  };
  const next = () => {
    setTouched((s) => new Set(s).add(step));
    if (errors.size === 0) setStep((s) => Math.min(s + 1, STEP_COUNT - 1));
  };
  const testAll = async () => {
    setBusy('test');
    setMessage(null);
    const r = await testCandidate(pos, pin, candidate);
    setBusy(null);
    if (r.ok) setChecked({ key: candidateKey, lines: r.value });
    else {
      setChecked(null);
      setMessage(errorText(t, r.error));
    }
  };
  const save = async () => {
    if (!passed) return;
    setBusy('save');
    const r = await saveLive(pos, pin, candidate, values.managerPin, values.managerPinAgain);
    setBusy(null);
    if (r.ok) onSaved(r.value, values.managerPin);
    else setMessage(errorText(t, r.error));
  };

  return (
    <div className="overlay" role="presentation">
      <form
        ref={dialog}
        className="card dialog wizard"
        role="dialog"
        aria-modal="true"
        aria-labelledby="wizard-title"
        data-testid="go-live"
        onSubmit={(e) => {
          e.preventDefault();
          if (step < STEP_COUNT - 1) next();
        }}
      >
        <h2 id="wizard-title">{settings.mode === 'demo' ? tw.titleDemo : tw.titleLive}</h2>
        <ol className="wizard-steps" aria-label={tw.stepsLabel}>
          {tw.steps.map((name, i) => (
            <li key={name} className={i === step ? 'current' : i < step ? 'done' : ''} aria-current={i === step ? 'step' : undefined}>
              <span aria-hidden="true">{i + 1}</span> {name}
            </li>
          ))}
        </ol>
        <div className="wizard-body" data-testid={`go-live-step-${step + 1}`}>
          {step === 0 ? <KeysStep values={values} errors={shownErrors} set={set} /> : null}
          {step === 1 ? <ForwarderStep values={values} errors={shownErrors} set={set} terminalId={settings.terminalId} /> : null}
          {step === 2 ? <PinStep values={values} errors={shownErrors} set={set} /> : null}
          {step === 3 ? (
            <>
              <dl className="meta wide" data-testid="go-live-summary">
                <dt>{tw.keys}</dt>
                <dd>{values.keyMode === 'test' ? tw.keysTest : tw.keysLive}</dd>
                <dt>{tw.publicKey}</dt>
                <dd className="mono">{masked(values.opnPublicKey)}</dd>
                <dt>{tw.secretKey}</dt>
                <dd className="mono">{masked(values.opnSecretKey)}</dd>
                <dt>{tw.opnApi}</dt>
                <dd className="mono">{values.opnApiBase}</dd>
                <dt>{tw.forwarder}</dt>
                <dd className="mono">{values.forwarderUrl}</dd>
                <dt>{tw.token}</dt>
                <dd className="mono">{tw.tokenOf(masked(values.forwarderToken), settings.terminalId)}</dd>
                <dt>{tw.managerPin}</dt>
                <dd>{tw.pinDigits(values.managerPin.length)}</dd>
              </dl>
              {checked && checked.key === candidateKey ? (
                <ul className="wizard-checks" data-testid="go-live-checks" role="status">
                  {checked.lines.map((l) => (
                    <li key={l.id} className={l.ok ? 'ok-text' : 'error-text'}>
                      {l.ok ? '✓' : '✗'} {checkLabel(t, l.id)}: {checkText(t, l.result)}
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="muted">{tw.testExplain}</p>
              )}
            </>
          ) : null}
          {message ? (
            <p className="error-text" role="alert" data-testid="go-live-message">
              {message}
            </p>
          ) : null}
        </div>
        <div className="wizard-actions">
          <button type="button" className="btn large" onClick={step === 0 ? onClose : () => setStep((s) => s - 1)}>
            {step === 0 ? tw.cancel : tw.back}
          </button>
          {step < STEP_COUNT - 1 ? (
            <button type="submit" className="btn primary large" data-testid="go-live-next">
              {tw.next}
            </button>
          ) : (
            <>
              <button type="button" className="btn large" data-testid="go-live-test" disabled={busy !== null} onClick={() => void testAll()}>
                {busy === 'test' ? tw.testing : tw.testAll}
              </button>
              <button type="button" className="btn primary large" data-testid="go-live-save" disabled={!passed || busy !== null} onClick={() => void save()}>
                {busy === 'save' ? tw.saving : tw.saveLive}
              </button>
            </>
          )}
        </div>
      </form>
    </div>
  );
}
