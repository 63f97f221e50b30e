// The going-live wizard's steps as plain forms: each says where its values come from and shows the
// manager's mistakes as they type (GoLiveWizard owns the values and moves between steps).
import type { ReactNode } from 'react';

export interface WizardValues {
  keyMode: 'test' | 'live';
  opnApiBase: string;
  opnPublicKey: string;
  opnSecretKey: string;
  forwarderUrl: string;
  forwarderToken: string;
  managerPin: string;
  managerPinAgain: string;
}

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
  const prefix = values.keyMode === 'test' ? '_test_' : '_';
  return (
    <>
      <p className="muted">
        Your Opn keys are in the Opn dashboard under <strong>Keys</strong>. Test keys (for trying it out, no real money) show while the dashboard is in test mode; live keys after Opn has approved the account for KakaoPay.
      </p>
      <fieldset className="inline">
        <legend>Which keys</legend>
        {(['test', 'live'] as const).map((m) => (
          <label key={m} className="check">
            <input type="radio" name="keyMode" data-testid={`live-keyMode-${m}`} checked={values.keyMode === m} onChange={() => set('keyMode', m)} />
            {m === 'test' ? 'Test keys (pkey_test_…, skey_test_…)' : 'Live keys (pkey_…, skey_…): real money'}
          </label>
        ))}
      </fieldset>
      <Field id="opnPublicKey" label="Public key" hint={`Starts with pkey${prefix}`} values={values} errors={errors} set={set} />
      <Field id="opnSecretKey" label="Secret key" secret hint={`Starts with skey${prefix}. Stored encrypted on this terminal; never shown again.`} values={values} errors={errors} set={set} />
      <Field id="opnApiBase" label="Opn API address" hint="Leave https://api.omise.co unless Opn told you otherwise." values={values} errors={errors} set={set} />
    </>
  );
}

export function ForwarderStep({ values, errors, set, terminalId }: StepProps & { terminalId: string }) {
  const command = `npm run forwarder -- token create ${terminalId}`;
  return (
    <>
      <p className="muted">
        The forwarder is the small cloud service that receives Opn&apos;s payment notices and passes them to this terminal (it cannot receive them itself behind the shop&apos;s router). Whoever runs it for you gives you its address and a token for this terminal.
      </p>
      <div className="card wizard-command">
        <div className="muted">On the forwarder&apos;s host, this creates the token for this terminal (<strong>{terminalId}</strong>) and prints it once:</div>
        <code data-testid="token-command">{command}</code>
      </div>
      <Field id="forwarderUrl" label="Forwarder address" hint="wss://…/terminals, as given by whoever runs the forwarder." values={values} errors={errors} set={set} />
      <Field id="forwarderToken" label="Terminal token" secret hint="The whole token the command above printed." values={values} errors={errors} set={set} />
    </>
  );
}

export function PinStep({ values, errors, set }: StepProps) {
  return (
    <>
      <p className="muted">Live payments need a manager PIN of your own: the demo PIN (1234) is public. Refunds, voids, reports and Settings will ask for it.</p>
      <Field id="managerPin" label="New manager PIN (4 to 8 digits)" secret numeric values={values} errors={errors} set={set} />
      <Field id="managerPinAgain" label="The same PIN again" secret numeric values={values} errors={errors} set={set} />
    </>
  );
}

/** "skey_test_…3f9a": enough to recognise a key on the summary without showing it. */
export function masked(value: string): string {
  if (value.length <= 12) return '•'.repeat(value.length);
  const prefix = /^[ps]key_(test_)?/.exec(value)?.[0] ?? '';
  return `${prefix}…${value.slice(-4)}`;
}
