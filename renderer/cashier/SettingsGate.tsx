// Settings behind the manager PIN. `manager:unlock` checks it at the main process's gate (the same
// persistent lockout as refunds and reports); it is then kept in this component's memory only while
// Settings is open, and sent with every save. A fresh live
// install without a PIN opens straight away: its first save must set one.
import { useState } from 'react';
import type { PosBridge, PublicSettings } from '../../shared';
import { errorText } from '../../shared';
import { useTexts } from '../ui/texts';
import { PinDialog } from './PinDialog';
import { SettingsScreen } from './SettingsScreen';

export function SettingsGate({ pos, settings, mode, onClose }: { pos: PosBridge; settings: PublicSettings; mode: 'demo' | 'live'; onClose: () => void }) {
  const t = useTexts();
  const [pin, setPin] = useState<string | null>(null);
  // Unlocked by the right PIN, or from the start when no PIN exists yet (it stays open while the
  // first save sets one).
  const [unlocked, setUnlocked] = useState(() => !settings.managerPinSet);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (!unlocked) {
    return (
      <div className="center">
        <PinDialog
          title={t.pin.settingsTitle}
          detail={mode === 'demo' ? t.pin.settingsDemoDetail : t.pin.settingsDetail}
          error={error}
          busy={busy}
          onClose={onClose}
          onSubmit={(candidate) => {
            setBusy(true);
            setError(null);
            void pos['manager:unlock']({ pin: candidate }).then((r) => {
              setBusy(false);
              if (r.ok) {
                setPin(candidate);
                setUnlocked(true);
              } else setError(errorText(t, r.error));
            });
          }}
        />
      </div>
    );
  }
  return (
    <SettingsScreen
      pos={pos}
      settings={settings}
      mode={mode}
      pin={pin}
      onPinChanged={setPin}
      onPinRefused={(message) => {
        // The PIN was changed elsewhere or entry got locked: ask again, saying why.
        setError(message);
        setPin(null);
        setUnlocked(false);
      }}
    />
  );
}
