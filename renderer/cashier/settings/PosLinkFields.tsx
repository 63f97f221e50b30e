// Settings → POS link (#23), behind the manager PIN like the rest of Settings: turn the till API on or
// off, let tills on the shop's network in (HTTPS, with a warning), the addresses and the certificate's
// fingerprint a till pins, a one-time pairing code for a named till (shown big, with its expiry), and the
// paired tills with their last use, each revocable after a confirmation. No key ever reaches this page:
// the main process sends ids, names and the short-lived code only.
import { useCallback, useEffect, useState } from 'react';
import type { AppError, PosBridge, PosKeyInfo, PosLinkStatus, PosPairingCode, PosScope, PublicSettings } from '../../../shared';
import { errorText } from '../../../shared';
import { localTime } from '../../ui/format';
import { useNow } from '../../ui/hooks';
import { useTexts } from '../../ui/texts';

interface Props {
  pos: PosBridge;
  settings: PublicSettings;
  pin: string | null;
}

/** While a code is on screen the list is read again now and then: the till's key appears once it pairs. */
const PAIRING_REFRESH_MS = 3_000;

export function PosLinkFields({ pos, settings, pin }: Props) {
  const t = useTexts();
  const tp = t.posLink;
  const [status, setStatus] = useState<PosLinkStatus | null>(null);
  const [unavailable, setUnavailable] = useState(false);
  const [draft, setDraft] = useState<{ enabled: boolean; allowLan: boolean } | null>(null);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<readonly PosScope[]>(['payments']);
  const [code, setCode] = useState<PosPairingCode | null>(null);
  const [confirm, setConfirm] = useState<PosKeyInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const now = useNow(1_000);

  const fail = useCallback(
    (e: AppError) => {
      if (e.code === 'pos_link_unavailable') setUnavailable(true);
      else setError(errorText(t, e));
    },
    [t],
  );
  const read = useCallback(async () => {
    // A fresh install opens Settings before any PIN exists: the POS link waits for one.
    if (pin === null) return;
    const r = await pos['posLink:status']({ pin });
    if (r.ok) {
      setStatus(r.value);
      setUnavailable(false);
    } else fail(r.error);
  }, [pos, pin, fail]);
  useEffect(() => {
    const first = setTimeout(() => void read(), 0);
    return () => clearTimeout(first);
  }, [read]);
  useEffect(() => {
    if (!code) return;
    const timer = setInterval(() => void read(), PAIRING_REFRESH_MS);
    return () => clearInterval(timer);
  }, [code, read]);

  const config = draft ?? status?.config ?? { enabled: false, allowLan: false };
  const changed = status !== null && (config.enabled !== status.config.enabled || config.allowLan !== status.config.allowLan);
  const act = async <T,>(call: () => Promise<{ ok: true; value: T } | { ok: false; error: AppError }>, done: (v: T) => void) => {
    setBusy(true);
    setError(null);
    const r = await call();
    setBusy(false);
    if (r.ok) done(r.value);
    else fail(r.error);
  };
  const save = () =>
    act(
      () => pos['posLink:configure']({ ...config, pin: pin ?? '' }),
      (s) => {
        setStatus(s);
        setDraft(null);
      },
    );
  const pair = () => act(() => pos['posLink:pair']({ name: name.trim(), scopes: [...scopes], pin: pin ?? '' }), (c) => setCode(c));
  const revoke = (key: PosKeyInfo) =>
    act(
      () => pos['posLink:revoke']({ id: key.id, pin: pin ?? '' }),
      (s) => {
        setStatus(s);
        setConfirm(null);
      },
    );
  const when = (iso: string) => localTime(t.language, iso, settings.timeZone, true);
  const toggleScope = (s: PosScope, on: boolean) => setScopes((list) => (on ? [...new Set([...list, s])] : list.filter((x) => x !== s)));
  // Enter in a field here must not submit the whole Settings form around it.
  const noSubmit = (e: React.KeyboardEvent) => {
    if (e.key === 'Enter') e.preventDefault();
  };

  if (pin === null) {
    return (
      <fieldset className="card" data-testid="pos-link-settings">
        <legend>{tp.section}</legend>
        <p className="hint">{tp.intro}</p>
        <p role="status" className="hint">{t.codes.setPinFirst}</p>
      </fieldset>
    );
  }
  if (unavailable) {
    return (
      <fieldset className="card" data-testid="pos-link-settings">
        <legend>{tp.section}</legend>
        <p className="hint">{tp.intro}</p>
        <p role="status" className="hint" data-testid="pos-link-unavailable">{tp.unavailable}</p>
      </fieldset>
    );
  }
  const stateText = !status ? '' : status.state === 'listening' ? tp.stateListening : status.state === 'error' ? tp.stateError(status.errorCode ?? 'error') : tp.stateOff;
  const codeExpired = code !== null && Date.parse(code.expiresAt) <= now;
  return (
    <fieldset className="card pos-link" data-testid="pos-link-settings">
      <legend>{tp.section}</legend>
      <p className="hint">{tp.intro}</p>
      <label className="check">
        <input type="checkbox" data-testid="pos-link-enabled" checked={config.enabled} disabled={!status} onChange={(e) => setDraft({ ...config, enabled: e.target.checked })} />
        <span>{tp.enabled}</span>
      </label>
      <label className="check">
        <input type="checkbox" data-testid="pos-link-lan" checked={config.allowLan} disabled={!status || !config.enabled} onChange={(e) => setDraft({ ...config, allowLan: e.target.checked })} />
        <span>{tp.allowLan}</span>
      </label>
      {config.enabled && config.allowLan ? (
        <p className="warn" role="note" data-testid="pos-link-lan-warning">{tp.lanWarning}</p>
      ) : null}
      <div className="row">
        <button type="button" className="btn" data-testid="pos-link-save" disabled={busy || !changed} onClick={() => void save()}>
          {busy ? tp.saving : tp.save}
        </button>
      </div>
      {status ? (
        <p role="status" className={status.state === 'error' ? 'error' : 'hint'} data-testid="pos-link-state">{stateText}</p>
      ) : null}
      {status && status.state === 'listening' ? (
        <dl className="meta wide pos-link-urls">
          {status.loopbackUrl ? (
            <>
              <dt>{tp.thisPc}</dt>
              <dd className="mono" data-testid="pos-link-loopback">{status.loopbackUrl}</dd>
            </>
          ) : null}
          {status.lanUrls.length > 0 ? (
            <>
              <dt>{tp.shopNetwork}</dt>
              <dd className="mono" data-testid="pos-link-lan-urls">{status.lanUrls.map((u) => <div key={u}>{u}</div>)}</dd>
            </>
          ) : null}
          {status.certFingerprint ? (
            <>
              <dt>{tp.fingerprint}</dt>
              <dd className="mono fingerprint" data-testid="pos-link-fingerprint" title={tp.fingerprintHint}>{status.certFingerprint}</dd>
            </>
          ) : null}
        </dl>
      ) : null}

      <fieldset className="inline">
        <legend>{tp.pairTitle}</legend>
        {status?.state !== 'listening' ? <p className="hint">{tp.needsOn}</p> : <p className="hint">{tp.pairIntro}</p>}
        {code ? (
          <div className="pairing-code" data-testid="pos-link-code-box">
            <div className="hint">{tp.codeFor(code.name)}</div>
            <div className={`code ${codeExpired ? 'expired' : ''}`} data-testid="pos-link-code" aria-live="polite">{code.code}</div>
            <div className={codeExpired ? 'error' : 'hint'} data-testid="pos-link-code-expiry">{codeExpired ? tp.codeExpired : tp.codeExpires(localTime(t.language, code.expiresAt, settings.timeZone))}</div>
            <button type="button" className="btn" data-testid="pos-link-code-done" onClick={() => setCode(null)}>{tp.done}</button>
          </div>
        ) : (
          <>
            <label className="field">
              <span>{tp.tillName}</span>
              <input type="text" maxLength={40} autoComplete="off" data-testid="pos-link-till-name" value={name} onKeyDown={noSubmit} onChange={(e) => setName(e.target.value)} />
              <span className="hint">{tp.tillNameHint}</span>
            </label>
            <fieldset className="inline">
              <legend>{tp.scopes}</legend>
              <label className="check">
                <input type="checkbox" data-testid="pos-link-scope-payments" checked={scopes.includes('payments')} onChange={(e) => toggleScope('payments', e.target.checked)} />
                <span>{tp.scopePayments}</span>
              </label>
              <label className="check">
                <input type="checkbox" data-testid="pos-link-scope-refunds" checked={scopes.includes('refunds')} onChange={(e) => toggleScope('refunds', e.target.checked)} />
                <span>{tp.scopeRefunds}</span>
              </label>
            </fieldset>
            <div className="row">
              <button
                type="button"
                className="btn primary"
                data-testid="pos-link-pair"
                disabled={busy || status?.state !== 'listening' || name.trim() === '' || scopes.length === 0}
                onClick={() => void pair()}
              >
                {tp.createCode}
              </button>
            </div>
          </>
        )}
      </fieldset>

      <fieldset className="inline">
        <legend>{tp.keys}</legend>
        {status && status.keys.length === 0 ? <p className="hint">{tp.noKeys}</p> : null}
        <ul className="pos-keys" data-testid="pos-link-keys">
          {status?.keys.map((k) => (
            <li key={k.id} className={k.revokedAt ? 'revoked' : ''} data-testid="pos-link-key">
              <div>
                <strong>{k.name}</strong> <span className="muted">· {k.scopes.map((s) => (s === 'payments' ? tp.scopePayments : tp.scopeRefunds)).join(', ')}</span>
                <div className="hint">
                  {tp.createdAt(when(k.createdAt))} · {k.revokedAt ? tp.revokedAt(when(k.revokedAt)) : k.lastUsedAt ? tp.lastUsed(when(k.lastUsedAt)) : tp.neverUsed}
                </div>
              </div>
              {k.revokedAt ? null : confirm?.id === k.id ? (
                <div className="confirm" role="alertdialog" aria-label={tp.revokeConfirm(k.name)}>
                  <p>{tp.revokeConfirm(k.name)}</p>
                  <div className="row">
                    <button type="button" className="btn danger" data-testid="pos-link-revoke-yes" disabled={busy} onClick={() => void revoke(k)}>{tp.revokeYes}</button>
                    <button type="button" className="btn" onClick={() => setConfirm(null)}>{tp.keep}</button>
                  </div>
                </div>
              ) : (
                <button type="button" className="btn" data-testid="pos-link-revoke" onClick={() => setConfirm(k)}>{tp.revoke}</button>
              )}
            </li>
          ))}
        </ul>
      </fieldset>
      {error ? (
        <p role="alert" className="error" data-testid="pos-link-error">{error}</p>
      ) : null}
    </fieldset>
  );
}
