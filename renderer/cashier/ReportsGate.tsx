// The manager's reports, behind the manager PIN. The screen itself belongs to the reports module
// (renderer/cashier/reports); this gate only asks for the PIN and checks it with the terminal.
import { useState } from 'react';
import type { PosBridge, PublicSettings } from '../../shared';
import { PinDialog } from './PinDialog';

export function ReportsGate({ pos, settings }: { pos: PosBridge; settings: PublicSettings }) {
  const [pin, setPin] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  void settings;

  if (pin === null) {
    return (
      <div className="center">
        <PinDialog
          title="Reports"
          detail="Enter the manager PIN to open the day's reports."
          error={error}
          busy={busy}
          onClose={() => setError(null)}
          onSubmit={(candidate) => {
            setBusy(true);
            // listZ is the lightest PIN-checked call: it proves the PIN without side effects.
            void pos['reports:listZ']({ pin: candidate }).then((r) => {
              setBusy(false);
              if (r.ok || !r.error.code.startsWith('pin_')) setPin(candidate);
              else setError(r.error.message);
            });
          }}
        />
      </div>
    );
  }
  return (
    <div className="center muted">
      <p>Reports are not part of this build yet.</p>
    </div>
  );
}
