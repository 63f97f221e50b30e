// The manager's reports, behind the manager PIN. The screen itself belongs to the reports module
// (renderer/cashier/reports, by the reports engineer); this gate asks for the PIN and checks it.
import { useState } from 'react';
import type { PosBridge, PublicSettings } from '../../shared';
import { errorText } from '../../shared';
import { useTexts } from '../ui/texts';
import { PinDialog } from './PinDialog';
import { ReportsScreen } from './reports';

export function ReportsGate({ pos, settings, onClose }: { pos: PosBridge; settings: PublicSettings; onClose: () => void }) {
  const t = useTexts();
  const [pin, setPin] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (pin === null) {
    return (
      <div className="center">
        <PinDialog
          title={t.pin.reportsTitle}
          detail={t.pin.reportsDetail}
          error={error}
          busy={busy}
          onClose={onClose}
          onSubmit={(candidate) => {
            setBusy(true);
            void pos['manager:unlock']({ pin: candidate }).then((r) => {
              setBusy(false);
              if (r.ok) setPin(candidate);
              else setError(errorText(t, r.error));
            });
          }}
        />
      </div>
    );
  }
  return <ReportsScreen pos={pos} pin={pin} settings={settings} onClose={onClose} />;
}
