// The going-live wizard's steps as plain forms: each says where its values come from and shows the
// manager's mistakes as they type (GoLiveWizard owns the values and moves between steps).
import type { ReactNode } from 'react';
import type { WizardSetting } from '../../../shared';
import { useTexts } from '../../ui/texts';

/** The credentials the wizard asks (SETTINGS_FIELDS' `wizard`), the key mode, and the new PIN twice. */
export type WizardValues = Record<WizardSetting, string> & {
  keyMode: 'test' | 'live';
  managerPin: string;
  managerPinAgain: string;
};

interface StepProps {
  values: WizardValues;
  errors: ReadonlyMap<string, string>;
  set: <K extends keyof WizardValues>(key: K, value: WizardValues[K]) => void;
}

function Field(props: { id: keyof WizardValues; label: string; hint?: ReactNode; secret?: boolean; numeric?: boolean; values: WizardValues; errors: ReadonlyMap<string, string>; set: StepProps['set'] }) {
  const error = props.errors.get(props.id);
  return (
    <label className="field">
      <span>{props.label}</span>
      <input
        type={props.secret ? 'password' : 'text'}
        autoComplete="off"
        spellCheck={false}
        inputMode={props.numeric ? 'numeric' : undefined}
        data-testid={`live-${props.id}`}
        value={props.values[props.id]}
        aria-invalid={Boolean(error)}
        onChange={(e) => props.set(props.id, e.target.value.trim())}
      />
      {error ? <span className="error" data-testid={`live-${props.id}-error`}>{error}</span> : props.hint ? <span className="hint">{props.hint}</span> : null}
    </label>
  );
}

export function KeysStep({ values, errors, set }: StepProps) {
  const tw = useTexts().wizard;
  const prefix = values.keyMode === 'test' ? '_test_' : '_';
  return (
    <>
      <p className="muted">{tw.keysIntro}</p>
      <fieldset className="inline">
        <legend>{tw.whichKeys}</legend>
        {(['test', 'live'] as const).map((m) => (
          <label key={m} className="check">
            <input type="radio" name="keyMode" data-testid={`live-keyMode-${m}`} checked={values.keyMode === m} onChange={() => set('keyMode', m)} />
            {m === 'test' ? tw.testKeys : tw.liveKeys}
          </label>
        ))}
      </fieldset>
      <Field id="opnPublicKey" label={tw.publicKey} hint={tw.startsWith(`pkey${prefix}`)} values={values} errors={errors} set={set} />
      <Field id="opnSecretKey" label={tw.secretKey} secret hint={`${tw.startsWith(`skey${prefix}`)} · ${tw.secretStored}`} values={values} errors={errors} set={set} />
      <Field id="opnApiBase" label={tw.apiBase} hint={tw.apiBaseHint} values={values} errors={errors} set={set} />
    </>
  );
}

export function ForwarderStep({ values, errors, set, terminalId }: StepProps & { terminalId: string }) {
  const tw = useTexts().wizard;
  const command = `npm run forwarder -- token create ${terminalId}`;
  return (
    <>
      <p className="muted">{tw.forwarderIntro}</p>
      <div className="card wizard-command">
        <div className="muted">{tw.commandIntro(terminalId)}</div>
        <code data-testid="token-command">{command}</code>
      </div>
      <Field id="forwarderUrl" label={tw.forwarderUrl} hint={tw.forwarderUrlHint} values={values} errors={errors} set={set} />
      <Field id="forwarderToken" label={tw.token} secret hint={tw.tokenHint} values={values} errors={errors} set={set} />
    </>
  );
}

export function PinStep({ values, errors, set }: StepProps) {
  const tw = useTexts().wizard;
  return (
    <>
      <p className="muted">{tw.pinIntro}</p>
      <Field id="managerPin" label={tw.newPin} secret numeric values={values} errors={errors} set={set} />
      <Field id="managerPinAgain" label={tw.pinAgain} secret numeric values={values} errors={errors} set={set} />
    </>
  );
}

/** "skey_test_…3f9a": enough to recognise a key on the summary without showing it. */
export function masked(value: string): string {
  if (value.length <= 12) return '•'.repeat(value.length);
  const prefix = /^[ps]key_(test_)?/.exec(value)?.[0] ?? '';
  return `${prefix}…${value.slice(-4)}`;
}
