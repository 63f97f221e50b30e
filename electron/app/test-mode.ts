// Live with Opn test keys: no real money is taken. The cashier reads it from the settings
// (`opnTestKeys`), the customer display from its state (`testMode`); the words live in the renderer.
import type { CustomerDisplayState } from '../../shared';
import type { SettingsStore } from './settings-store';

/** The display's state with the test-mode flag when the terminal is live on test keys. */
export function withTestMode(state: CustomerDisplayState, settings: Pick<SettingsStore, 'publicView'>): CustomerDisplayState {
  const s = settings.publicView();
  return s.mode === 'live' && s.opnTestKeys ? { ...state, testMode: true } : state;
}
