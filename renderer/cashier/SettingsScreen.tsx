// Settings: shop, country (the currency follows), time zone, terminal, Opn keys, forwarder, manager
// PIN, customer display languages, capture mode. Validated with the same schema the main process
// uses; secrets are write-only (the screen only knows whether each is set). Every save carries the
// manager PIN the gate (SettingsGate) checked when Settings opened.
import { CheckoutSettings } from './CheckoutSettings';
import { useState } from 'react';
import type { ConnectionCheck, PosBridge, PublicSettings, SettingsUpdate } from '../../shared';
import { COUNTRY_RULES, DISPLAY_LANGUAGES, SUPPORTED_TIME_ZONES, settingsUpdateSchema } from '../../shared';

type Draft = {
  shopName: string;
  country: 'SG' | 'TH';
  timeZone: string;
  terminalId: string;
  storeId: string;
  opnApiBase: string;
  opnPublicKey: string;
  opnSecretKey: string;
  forwarderUrl: string;
  forwarderToken: string;
  managerPin: string;
  displayLanguages: ('en' | 'ko' | 'th')[];
  captureMode: 'automatic' | 'manual';
  shareCustomerDisplay: boolean;
  displayCheckout: PublicSettings['displayCheckout'];
  qrValidityMinutes: number;
};

const LANGUAGE_NAMES = { ko: '한국어 Korean', en: 'English', th: 'ไทย Thai' } as const;

function draftOf(s: PublicSettings): Draft {
  return {
    shopName: s.shopName,
    country: s.country,
    timeZone: s.timeZone,
    terminalId: s.terminalId,
    storeId: s.storeId,
    opnApiBase: s.opnApiBase,
    opnPublicKey: '',
    opnSecretKey: '',
    forwarderUrl: s.forwarderUrl,
    forwarderToken: '',
    managerPin: '',
    displayLanguages: [...s.displayLanguages],
    captureMode: s.captureMode,
    shareCustomerDisplay: s.shareCustomerDisplay,
    displayCheckout: s.displayCheckout,
    qrValidityMinutes: s.qrValidityMinutes,
  };
}

/** Only what changed; empty secret fields mean "keep the stored one". */
export function patchOf(d: Draft, s: PublicSettings): SettingsUpdate {
  const p: SettingsUpdate = {};
  if (d.shopName !== s.shopName) p.shopName = d.shopName;
  if (d.country !== s.country) p.country = d.country;
  if (d.timeZone !== s.timeZone) p.timeZone = d.timeZone;
  if (d.terminalId !== s.terminalId) p.terminalId = d.terminalId;
  if (d.storeId !== s.storeId) p.storeId = d.storeId;
  if (d.opnApiBase !== s.opnApiBase) p.opnApiBase = d.opnApiBase;
  if (d.opnPublicKey) p.opnPublicKey = d.opnPublicKey.trim();
  if (d.opnSecretKey) p.opnSecretKey = d.opnSecretKey.trim();
  if (d.forwarderUrl !== s.forwarderUrl) p.forwarderUrl = d.forwarderUrl.trim();
  if (d.forwarderToken) p.forwarderToken = d.forwarderToken.trim();
  if (d.managerPin) p.managerPin = d.managerPin;
  if (d.displayLanguages.join() !== s.displayLanguages.join()) p.displayLanguages = d.displayLanguages;
  if (d.captureMode !== s.captureMode) p.captureMode = d.captureMode;
  if (d.shareCustomerDisplay !== s.shareCustomerDisplay) p.shareCustomerDisplay = d.shareCustomerDisplay;
  if (d.displayCheckout !== s.displayCheckout) p.displayCheckout = d.displayCheckout;
  if (d.qrValidityMinutes !== s.qrValidityMinutes) p.qrValidityMinutes = d.qrValidityMinutes;
  return p;
}

interface Props {
  pos: PosBridge;
  settings: PublicSettings;
  mode: 'demo' | 'live';
  /** The manager PIN checked on opening; null only while no PIN is set (the first save sets one). */
  pin: string | null;
  onPinChanged: (pin: string) => void;
  onPinRefused: (message: string) => void;
}

export function SettingsScreen({ pos, settings, mode, pin, onPinChanged, onPinRefused }: Props) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(settings));
  const [status, setStatus] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [check, setCheck] = useState<ConnectionCheck | null>(null);
  const [busy, setBusy] = useState<'save' | 'test' | null>(null);

  const patch = patchOf(draft, settings);
  const parsed = settingsUpdateSchema.safeParse(patch);
  const errors = new Map<string, string>();
  if (!parsed.success) for (const issue of parsed.error.issues) errors.set(String(issue.path[0]), issue.message);
  const dirty = Object.keys(patch).length > 0;
  // Without a PIN yet, nothing can be saved until one is chosen.
  const needsPin = !settings.managerPinSet && !patch.managerPin;

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setStatus(null);
    setDraft((d) => {
      const next = { ...d, [key]: value };
      // The currency follows the country, and so does the usual time zone.
      if (key === 'country') next.timeZone = COUNTRY_RULES[value as 'SG' | 'TH'].defaultTimeZone;
      return next;
    });
  };

  const save = async () => {
    if (!parsed.success || !dirty || needsPin) return;
    setBusy('save');
    const r = await pos['settings:update']({ ...parsed.data, ...(pin !== null ? { pin } : {}) });
    setBusy(null);
    if (r.ok) {
      if (parsed.data.managerPin) onPinChanged(parsed.data.managerPin);
      setDraft(draftOf(r.value));
      setStatus({ tone: 'ok', text: 'Saved.' });
    } else if (r.error.code === 'pin_invalid' || r.error.code === 'pin_locked' || (r.error.code === 'pin_required' && pin === null && settings.managerPinSet)) onPinRefused(r.error.message);
    else setStatus({ tone: 'error', text: r.error.message });
  };

  const test = async () => {
    setBusy('test');
    setCheck(null);
    const r = await pos['settings:testConnection']({});
    setBusy(null);
    if (r.ok) setCheck(r.value);
    else setStatus({ tone: 'error', text: r.error.message });
  };

  const text = (key: keyof Draft, label: string, opts: { hint?: string; secret?: boolean; isSet?: boolean; inputMode?: 'numeric' } = {}) => (
    <label className="field">
      <span>{label}</span>
      <input
        type={opts.secret ? 'password' : 'text'}
        autoComplete="off"
        spellCheck={false}
        data-testid={`setting-${key}`}
        value={draft[key] as string}
        placeholder={opts.secret ? (opts.isSet ? 'Set · leave empty to keep' : 'Not set') : undefined}
        inputMode={opts.inputMode}
        aria-invalid={errors.has(key)}
        onChange={(e) => set(key, e.target.value as Draft[typeof key])}
      />
      {errors.has(key) ? <span className="error">{errors.get(key)}</span> : opts.hint ? <span className="hint">{opts.hint}</span> : null}
    </label>
  );

  return (
    <form
      className="settings"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div className="list-head">
        <div>
          <h1>Settings</h1>
          <p className="muted">{mode === 'demo' ? 'Demo mode: the embedded Opn sandbox and forwarder. The demo manager PIN is 1234; entering live keys needs a new PIN of your own.' : 'Live configuration.'}</p>
        </div>
        <div className="row">
          <button type="button" className="btn large" data-testid="test-connection" disabled={busy !== null} onClick={() => void test()}>
            {busy === 'test' ? 'Testing…' : 'Test connection'}
          </button>
          <button type="submit" className="btn primary large" data-testid="save-settings" disabled={!dirty || !parsed.success || needsPin || busy !== null}>
            {busy === 'save' ? 'Saving…' : 'Save'}
          </button>
        </div>
      </div>
      {status ? (
        <p className={status.tone === 'ok' ? 'ok-text' : 'error-text'} role="status" data-testid="settings-status">
          {status.text}
        </p>
      ) : null}
      {check ? (
        <div className="card checks" role="status" data-testid="connection-check">
          <p className={check.opn.ok ? 'ok-text' : 'error-text'}>{check.opn.ok ? '✓' : '✗'} Opn: {check.opn.message}</p>
          <p className={check.forwarder.ok ? 'ok-text' : 'error-text'}>{check.forwarder.ok ? '✓' : '✗'} Forwarder: {check.forwarder.message}</p>
        </div>
      ) : null}
      <div className="settings-grid">
        <fieldset className="card">
          <legend>Shop</legend>
          {text('shopName', 'Shop name', { hint: 'Shown on the customer display.' })}
          <label className="field">
            <span>Country</span>
            <select data-testid="setting-country" value={draft.country} onChange={(e) => set('country', e.target.value as 'SG' | 'TH')}>
              <option value="SG">Singapore · SGD</option>
              <option value="TH">Thailand · THB</option>
            </select>
            <span className="hint">The currency follows the country.</span>
          </label>
          <label className="field">
            <span>Time zone</span>
            <select value={draft.timeZone} onChange={(e) => set('timeZone', e.target.value)}>
              {[...new Set([...SUPPORTED_TIME_ZONES, draft.timeZone])].map((tz) => (
                <option key={tz} value={tz}>
                  {tz}
                </option>
              ))}
            </select>
          </label>
          <fieldset className="inline">
            <legend>Customer display languages</legend>
            {DISPLAY_LANGUAGES.map((lang) => (
              <label key={lang} className="check">
                <input
                  type="checkbox"
                  checked={draft.displayLanguages.includes(lang)}
                  onChange={(e) => set('displayLanguages', e.target.checked ? [...draft.displayLanguages, lang] : draft.displayLanguages.filter((l) => l !== lang))}
                />
                {LANGUAGE_NAMES[lang]}
              </label>
            ))}
            {errors.has('displayLanguages') ? <span className="error">Choose at least one language.</span> : null}
          </fieldset>
          <label className="field">
            <span>Capture</span>
            <select value={draft.captureMode} onChange={(e) => set('captureMode', e.target.value as 'automatic' | 'manual')}>
              <option value="automatic">Automatic (money taken when the customer pays)</option>
              <option value="manual">Manual (authorize, then capture)</option>
            </select>
          </label>
          <CheckoutSettings displayCheckout={draft.displayCheckout} qrValidityMinutes={draft.qrValidityMinutes} onChange={(p) => setDraft((d) => ({ ...d, ...p }))} />
        </fieldset>
        <fieldset className="card">
          <legend>Terminal and Opn</legend>
          {text('terminalId', 'Terminal id')}
          {text('storeId', 'Store id')}
          {text('opnApiBase', 'Opn API address')}
          {text('opnPublicKey', 'Opn public key', { secret: true, isSet: settings.opnPublicKeySet })}
          {text('opnSecretKey', 'Opn secret key', { secret: true, isSet: settings.opnSecretKeySet, hint: 'Stored encrypted; never shown again.' })}
        </fieldset>
        <fieldset className="card">
          <legend>Forwarder and security</legend>
          {text('forwarderUrl', 'Forwarder URL', { hint: 'wss://…/terminals' })}
          {text('forwarderToken', 'Forwarder token', { secret: true, isSet: settings.forwarderTokenSet })}
          {text('managerPin', settings.managerPinSet ? 'New manager PIN' : 'Manager PIN', {
            secret: true,
            isSet: settings.managerPinSet,
            inputMode: 'numeric',
            hint: settings.managerPinSet ? '4 to 8 digits. Settings, refunds and reports ask for it.' : 'Required: choose one (4 to 8 digits) to save any setting.',
          })}
          <label className="check">
            <input type="checkbox" checked={draft.shareCustomerDisplay} onChange={(e) => set('shareCustomerDisplay', e.target.checked)} />
            Let a tablet on the shop's network open the customer display (browser mode; applies at the next start)
          </label>
        </fieldset>
      </div>
    </form>
  );
}
