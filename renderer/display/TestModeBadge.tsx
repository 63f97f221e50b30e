// The customer display's "Test mode" badge: shown on every screen while the terminal is live on Opn
// test keys (the state's `testMode`), so a customer knows no real money is taken. Its own small
// subscription, beside the display's screens, so it shows whatever screen is up.
import { useCallback, useEffect, useState } from 'react';
import type { CustomerDisplayState } from '../../shared';
import type { Bridge } from '../bridge';
import { useBridgeEvent, useConnected } from '../ui/hooks';
import { DEFAULT_LANGUAGES, TEXT } from './texts';

export function TestModeBadge({ bridge }: { bridge: Bridge }) {
  const { pos } = bridge;
  const connected = useConnected(bridge);
  const [state, setState] = useState<CustomerDisplayState | null>(null);
  useEffect(() => {
    if (!connected) return;
    void pos['display:get']({}).then((r) => r.ok && setState(r.value));
  }, [pos, connected]);
  useBridgeEvent(pos, 'display:changed', useCallback((s: CustomerDisplayState) => setState(s), []));
  if (!connected || !state?.testMode) return null;
  const langs = state.languages && state.languages.length > 0 ? state.languages : DEFAULT_LANGUAGES;
  return (
    <div className="test-mode-badge" role="status" data-testid="display-test-mode">
      {langs.map((l) => (
        <span key={l} lang={l}>
          {TEXT.testMode[l]}
        </span>
      ))}
    </div>
  );
}
