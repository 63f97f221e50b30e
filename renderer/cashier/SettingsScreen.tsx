// Settings: shop, country (the currency follows), time zone, terminal, Opn keys, forwarder, manager
// PIN, customer display languages, capture mode. Validated with the same schema the main process
// uses; secrets are write-only (the screen only knows whether each is set). Every save carries the
// manager PIN the gate (SettingsGate) checked when Settings opened.
import { CheckoutSettings } from './CheckoutSettings';
import { useState } from 'react';
import type { CashierLanguage, CashierTexts, ConnectionCheck, Country, PosBridge, PublicSettings } from '../../shared';
import { CASHIER_LANGUAGES, COUNTRY_RULES, DISPLAY_LANGUAGE_ORDER, SUPPORTED_TIME_ZONES, inDisplayOrder, isPinError, settingsUpdateSchema } from '../../shared';
import { CASHIER_LANGUAGE_NAMES, checkText, defaultCashierLanguage, errorText, zoneName } from '../../shared';
import { useTexts } from '../ui/texts';
import { settingsFieldMessage } from './settings-messages';
import { draftOf, patchOf, type Draft } from './settings/draft';
import { BackToDemo } from './settings/BackToDemo';
import { GoLiveWizard } from './settings/GoLiveWizard';
import { ReceiptFields } from './settings/ReceiptFields';
import { RebuildFields } from './settings/RebuildFields';
import { BackupFields } from './settings/BackupFields';
import { PosLinkFields } from './settings/PosLinkFields';


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
  const t = useTexts();
  const ts = t.settings;
  const [draft, setDraft] = useState<Draft>(() => draftOf(settings));
  // Kept as a wording, not a string, so it follows a language switched by this very save.
  const [status, setStatus] = useState<{ tone: 'ok' | 'error'; say: (t: CashierTexts) => string } | null>(null);
  const [check, setCheck] = useState<ConnectionCheck | null>(null);
  const [busy, setBusy] = useState<'save' | 'test' | null>(null);
  const [wizard, setWizard] = useState(false);
  // The new PIN a second time: a typo in one field must not lock the manager out.
  const [pinAgain, setPinAgain] = useState('');

  const patch = patchOf(draft, settings);
  const parsed = settingsUpdateSchema.safeParse(patch);
  const errors = new Map<string, string>();
  const receiptErrors = new Map<string, string>();
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (issue.path[0] === 'receipt') receiptErrors.set(String(issue.path[1]), t.fields.invalid);
      else errors.set(String(issue.path[0]), settingsFieldMessage(t, String(issue.path[0])));
    }
  }
  const dirty = Object.keys(patch).length > 0;
  // Without a PIN yet, nothing can be saved until one is chosen.
  const needsPin = !settings.managerPinSet && !patch.managerPin;
  const pinMismatch = patch.managerPin !== undefined && pinAgain !== patch.managerPin;
  if (pinMismatch && pinAgain !== '' && !errors.has('managerPin')) errors.set('managerPinAgain', ts.pinMismatch);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setStatus(null);
    setDraft((d) => {
      const next = { ...d, [key]: value };
      // The currency follows the country, and so does the usual time zone. Thai is offered on the
      // display for a Thai shop (ticked here, where the manager sees it and can untick it).
      if (key === 'country') {
        const country = value as Country;
        next.timeZone = COUNTRY_RULES[country].defaultTimeZone;
        if (country === 'TH' && !d.displayLanguages.includes('th')) next.displayLanguages = inDisplayOrder([...d.displayLanguages, 'th']);
        if (country === 'SG') next.displayLanguages = d.displayLanguages.filter((l) => l !== 'th');
        if (!settings.cashierLanguage && d.cashierLanguage === defaultCashierLanguage(d.country)) next.cashierLanguage = defaultCashierLanguage(country);
      }
      return next;
    });
  };

  const save = async () => {
    if (!parsed.success || !dirty || needsPin || pinMismatch) return;
    setBusy('save');
    const newPin = parsed.data.managerPin;
    const r = await pos['settings:update']({ ...parsed.data, ...(newPin ? { managerPinAgain: pinAgain } : {}), ...(pin !== null ? { pin } : {}) });
    setBusy(null);
    if (r.ok) {
      if (newPin) onPinChanged(newPin);
      setDraft(draftOf(r.value));
      setPinAgain('');
      setStatus({ tone: 'ok', say: (now) => (newPin ? (Object.keys(patch).length > 1 ? now.settings.savedPinChanged : now.settings.pinChanged) : now.settings.saved) });
    } else if (isPinError(r.error.code) && (r.error.code !== 'pin_required' || (pin === null && settings.managerPinSet))) onPinRefused(errorText(t, r.error));
    else {
      const error = r.error;
      setStatus({ tone: 'error', say: (now) => errorText(now, error) });
    }
  };

  const test = async () => {
    setBusy('test');
    setCheck(null);
    // The values on screen are tested, not the saved ones (a saved secret is used only for its own address).
    const form = patchOf(draft, { ...settings, opnApiBase: '', forwarderUrl: '' });
    const r = await pos['settings:testConnection']({
      ...(pin !== null ? { pin } : {}),
      ...(draft.opnApiBase ? { opnApiBase: draft.opnApiBase } : {}),
      ...(form.opnPublicKey ? { opnPublicKey: form.opnPublicKey } : {}),
      ...(form.opnSecretKey ? { opnSecretKey: form.opnSecretKey } : {}),
      forwarderUrl: draft.forwarderUrl.trim(),
      ...(form.forwarderToken ? { forwarderToken: form.forwarderToken } : {}),
      terminalId: draft.terminalId,
    });
    setBusy(null);
    if (r.ok) setCheck(r.value);
    else {
      const error = r.error;
      setStatus({ tone: 'error', say: (now) => errorText(now, error) });
    }
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
        placeholder={opts.secret ? (opts.isSet ? ts.secretSet : ts.secretNotSet) : undefined}
        inputMode={opts.inputMode}
        aria-invalid={errors.has(key)}
        onChange={(e) => set(key, e.target.value as Draft[typeof key])}
      />
      {errors.has(key) ? <span className="error">{errors.get(key)}</span> : opts.hint ? <span className="hint">{opts.hint}</span> : null}
    </label>
  );

  return (
    <>
    {wizard ? (
      <GoLiveWizard
        pos={pos}
        settings={settings}
        pin={pin}
        onClose={() => setWizard(false)}
        onSaved={(saved, newPin) => {
          setWizard(false);
          onPinChanged(newPin);
          setCheck(null);
          setDraft(draftOf(saved));
          setStatus({ tone: 'ok', say: (now) => (saved.mode === 'live' ? now.settings.savedLive : now.settings.saved) });
        }}
      />
    ) : null}
    {/* The wizard is its own form, so it sits beside this one (forms cannot nest). */}
    <form
      className="settings"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div className="list-head">
        <div>
          <h1>{ts.title}</h1>
          <p className="muted">{mode === 'demo' ? ts.demoIntro : ts.liveIntro}</p>
        </div>
        <div className="row">
          <button type="button" className="btn primary large" data-testid="go-live-open" disabled={busy !== null} onClick={() => setWizard(true)}>
            {mode === 'demo' ? ts.goLive : ts.changeKeys}
          </button>
          {mode === 'live' ? (
            <BackToDemo
              pos={pos}
              pin={pin}
              disabled={busy !== null}
              onDone={(saved, demoPin) => {
                onPinChanged(demoPin);
                setCheck(null);
                setDraft(draftOf(saved));
                setStatus({ tone: 'ok', say: (now) => now.demoReturn.done });
              }}
              onError={(text) => setStatus({ tone: 'error', say: () => text })}
            />
          ) : null}
          <button type="button" className="btn large" data-testid="test-connection" disabled={busy !== null} onClick={() => void test()}>
            {busy === 'test' ? ts.testing : ts.test}
          </button>
          <button type="submit" className="btn primary large" data-testid="save-settings" disabled={!dirty || !parsed.success || needsPin || pinMismatch || busy !== null}>
            {busy === 'save' ? ts.saving : ts.save}
          </button>
        </div>
      </div>
      {status ? (
        <p className={status.tone === 'ok' ? 'ok-text' : 'error-text'} role="status" data-testid="settings-status">
          {status.say(t)}
        </p>
      ) : null}
      {check ? (
        <div className="card checks" role="status" data-testid="connection-check">
          <p className={check.opn.ok ? 'ok-text' : 'error-text'}>{check.opn.ok ? '✓' : '✗'} {t.checks.opn}: {checkText(t, check.opn)}</p>
          <p className={check.forwarder.ok ? 'ok-text' : 'error-text'}>{check.forwarder.ok ? '✓' : '✗'} {t.checks.forwarder}: {checkText(t, check.forwarder)}</p>
        </div>
      ) : null}
      <div className="settings-grid">
        <fieldset className="card">
          <legend>{ts.shop}</legend>
          {text('shopName', ts.shopName, { hint: ts.shopNameHint })}
          <label className="field">
            <span>{ts.country}</span>
            <select data-testid="setting-country" value={draft.country} onChange={(e) => set('country', e.target.value as Country)}>
              <option value="SG">{t.top.country.SG}</option>
              <option value="TH">{t.top.country.TH}</option>
            </select>
            <span className="hint">{ts.countryHint}</span>
          </label>
          <label className="field">
            <span>{ts.timeZone}</span>
            <select value={draft.timeZone} onChange={(e) => set('timeZone', e.target.value)}>
              {[...new Set([...SUPPORTED_TIME_ZONES, draft.timeZone])].map((tz) => (
                <option key={tz} value={tz}>
                  {zoneName(t.language, tz)} · {tz}
                </option>
              ))}
            </select>
          </label>
          <fieldset className="inline">
            <legend>{ts.displayLanguages}</legend>
            {DISPLAY_LANGUAGE_ORDER.map((lang) => (
              <label key={lang} className="check">
                <input
                  type="checkbox"
                  data-testid={`display-language-${lang}`}
                  checked={draft.displayLanguages.includes(lang)}
                  onChange={(e) => set('displayLanguages', inDisplayOrder(e.target.checked ? [...draft.displayLanguages, lang] : draft.displayLanguages.filter((l) => l !== lang)))}
                />
                {CASHIER_LANGUAGE_NAMES[lang]}
              </label>
            ))}
            {errors.has('displayLanguages') ? <span className="error">{ts.chooseLanguage}</span> : null}
          </fieldset>
          <label className="field">
            <span>{ts.cashierLanguage}</span>
            <select data-testid="setting-cashierLanguage" value={draft.cashierLanguage} onChange={(e) => set('cashierLanguage', e.target.value as CashierLanguage)}>
              {CASHIER_LANGUAGES.map((l) => (
                <option key={l} value={l}>
                  {CASHIER_LANGUAGE_NAMES[l]}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{ts.capture}</span>
            <select data-testid="setting-captureMode" value={draft.captureMode} onChange={(e) => set('captureMode', e.target.value as 'automatic' | 'manual')}>
              <option value="automatic">{ts.captureAutomatic}</option>
              {/* Offered only where this account was shown to take authorize-only KakaoPay charges (or to switch back). */}
              <option value="manual" disabled={settings.manualCapture !== 'supported' && settings.captureMode !== 'manual'}>
                {ts.captureManual}
              </option>
            </select>
            {settings.manualCapture !== 'supported' ? (
              <span className="hint" data-testid="manual-capture-why">
                {settings.manualCapture === 'refused' ? t.opn.manualCaptureRefused : t.opn.manualCaptureUnproven}
              </span>
            ) : null}
          </label>
          <CheckoutSettings displayCheckout={draft.displayCheckout} qrValidityMinutes={draft.qrValidityMinutes} onChange={(p) => setDraft((d) => ({ ...d, ...p }))} />
        </fieldset>
        <fieldset className="card">
          <legend>{ts.terminalOpn}</legend>
          {text('terminalId', ts.terminalId)}
          {text('storeId', ts.storeId)}
          {text('opnApiBase', ts.opnApiBase)}
          {text('opnPublicKey', ts.opnPublicKey, { secret: true, isSet: settings.opnPublicKeySet })}
          {text('opnSecretKey', ts.opnSecretKey, { secret: true, isSet: settings.opnSecretKeySet, hint: ts.secretHint })}
        </fieldset>
        <fieldset className="card">
          <legend>{ts.forwarderSecurity}</legend>
          {text('forwarderUrl', ts.forwarderUrl, { hint: 'wss://…/terminals' })}
          {text('forwarderToken', ts.forwarderToken, { secret: true, isSet: settings.forwarderTokenSet })}
          {text('managerPin', settings.managerPinSet ? ts.newPin : ts.pin, {
            secret: true,
            isSet: settings.managerPinSet,
            inputMode: 'numeric',
            hint: settings.managerPinSet ? ts.newPinHint : ts.pinRequiredHint,
          })}
          <label className="field">
            <span>{ts.pinAgain}</span>
            <input
              type="password"
              autoComplete="off"
              inputMode="numeric"
              data-testid="setting-managerPinAgain"
              value={pinAgain}
              disabled={!draft.managerPin}
              aria-invalid={errors.has('managerPinAgain')}
              onChange={(e) => {
                setStatus(null);
                setPinAgain(e.target.value);
              }}
            />
            {errors.has('managerPinAgain') ? <span className="error" data-testid="pin-mismatch">{errors.get('managerPinAgain')}</span> : <span className="hint">{ts.pinAgainHint}</span>}
          </label>
          <label className="check">
            <input type="checkbox" checked={draft.shareCustomerDisplay} onChange={(e) => set('shareCustomerDisplay', e.target.checked)} />
            {ts.shareDisplay}
          </label>
        </fieldset>
        <ReceiptFields pos={pos} draft={draft.receipt} errors={receiptErrors} unsaved={patch.receipt !== undefined} pin={pin} onChange={(r) => set('receipt', r)} />
        <BackupFields pos={pos} settings={settings} pin={pin} />
        <RebuildFields pos={pos} settings={settings} pin={pin} />
        <PosLinkFields pos={pos} settings={settings} pin={pin} />
      </div>
    </form>
    </>
  );
}
