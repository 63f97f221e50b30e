// The customer display's "Test mode" badge: shown on every screen while the terminal is live on Opn
// test keys (the state's `testMode`), so a customer knows no real money is taken.
import type { DisplayLanguage } from '../../shared';
import { TEXT } from './texts';

export function TestModeBadge({ languages }: { languages: readonly DisplayLanguage[] }) {
  return (
    <div className="test-mode-badge" role="status" data-testid="display-test-mode">
      {languages.map((l) => (
        <span key={l} lang={l}>
          {TEXT.testMode[l]}
        </span>
      ))}
    </div>
  );
}
