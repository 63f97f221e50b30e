// Settings → Data safety → the off-disk backup: its folder (a USB stick, a network share) and how long
// copies are kept, its state and last good copy, "Copy now", and the note left by a restore at start.
import { useEffect, useState } from 'react';
import type { DataSafetyStatus, PosBridge, PublicSettings } from '../../../shared';
import { errorText } from '../../../shared';
import { useTexts } from '../../ui/texts';

interface Props {
  pos: PosBridge;
  settings: PublicSettings;
  pin: string | null;
}

export function BackupFields({ pos, settings, pin }: Props) {
  const t = useTexts();
  const td = t.dataSafety;
  const [dir, setDir] = useState(settings.backupDir);
  const [keep, setKeep] = useState(String(settings.backupKeepDays));
  const [status, setStatus] = useState<DataSafetyStatus | null>(null);
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [reload, setReload] = useState(0);
  useEffect(() => {
    let live = true;
    void pos['reports:dataSafety']({ pin: pin ?? '' }).then((r) => {
      if (live && r.ok) setStatus(r.value);
    });
    return () => {
      live = false;
    };
  }, [pos, pin, reload]);

  const when = (iso: string) => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone: settings.timeZone }).format(new Date(iso));
  const stateText = (s: DataSafetyStatus['offsite']): string => {
    switch (s.state) {
      case 'off':
        return td.stateOff;
      case 'never':
        return td.stateNever;
      case 'ok':
        return td.stateOk(s.lastGood ? `${when(s.lastGood.at)} — ${s.lastGood.file}` : '');
      case 'failed':
        return td.stateFailed(s.lastError?.detail ?? '');
    }
  };
  const save = async () => {
    setBusy(true);
    const days = Number.parseInt(keep, 10);
    const r = await pos['settings:update']({ backupDir: dir.trim(), backupKeepDays: Number.isFinite(days) ? days : 0, ...(pin !== null ? { pin } : {}) });
    setBusy(false);
    setMessage(r.ok ? null : { tone: 'error', text: errorText(t, r.error) });
    if (r.ok) setReload((n) => n + 1);
  };
  const copyNow = async () => {
    setBusy(true);
    const r = await pos['reports:backupNow']({ pin: pin ?? '' });
    setBusy(false);
    if (r.ok) setStatus(r.value);
    else setMessage({ tone: 'error', text: errorText(t, r.error) });
  };
  const changed = dir.trim() !== settings.backupDir || keep !== String(settings.backupKeepDays);

  return (
    <fieldset className="card" data-testid="backup-settings">
      <legend>{td.section}</legend>
      {status?.restore ? (
        <p role="status" className="warn" data-testid="restore-note">
          {td.restored(status.restore.salesAdded ?? 0)}
        </p>
      ) : null}
      <p className="hint">{td.backupIntro}</p>
      <label className="field">
        <span>{td.backupDir}</span>
        <input type="text" autoComplete="off" spellCheck={false} data-testid="setting-backupDir" value={dir} onChange={(e) => setDir(e.target.value)} />
        <span className="hint">{td.backupDirHint}</span>
      </label>
      <label className="field">
        <span>{td.keepDays}</span>
        <input type="text" inputMode="numeric" data-testid="setting-backupKeepDays" value={keep} onChange={(e) => setKeep(e.target.value)} />
      </label>
      <div className="row">
        <button type="button" className="btn" data-testid="backup-save" disabled={busy || !changed} onClick={() => void save()}>
          {td.saveBackup}
        </button>
        <button type="button" className="btn" data-testid="backup-now" disabled={busy || changed || status?.offsite.state === 'off'} onClick={() => void copyNow()}>
          {busy ? td.copying : td.copyNow}
        </button>
      </div>
      {status ? (
        <p role="status" className={status.offsite.state === 'failed' ? 'error' : 'hint'} data-testid="backup-state">
          {stateText(status.offsite)}
        </p>
      ) : null}
      {message ? (
        <p role="alert" className="error">
          {message.text}
        </p>
      ) : null}
    </fieldset>
  );
}
