// Always-visible state of the payment link: relay connected, reconnecting, or offline with polling.
import type { LinkStatus } from '../../shared';
import { missingCase } from '../../shared';

export function LinkBadge({ link, connected }: { link: LinkStatus | null; connected: boolean }) {
  let text: string;
  let tone: 'success' | 'warning' | 'danger' | 'neutral';
  if (!connected) {
    text = 'Terminal offline';
    tone = 'danger';
  } else if (!link) {
    text = 'Checking link…';
    tone = 'neutral';
  } else {
    switch (link.state) {
      case 'connected':
        text = 'Connected';
        tone = 'success';
        break;
      case 'connecting':
      case 'reconnecting':
        text = link.polling ? 'Reconnecting · polling' : 'Reconnecting';
        tone = 'warning';
        break;
      case 'stale':
        text = 'Link stale · polling';
        tone = 'warning';
        break;
      case 'offline':
        text = link.polling ? 'Offline · polling' : 'Offline';
        tone = 'danger';
        break;
      default:
        return missingCase(link.state);
    }
  }
  return (
    <div className={`link chip ${tone}`} role="status" aria-live="polite" data-testid="link-status" data-state={link?.state ?? 'unknown'} title={link?.detail ?? undefined}>
      <span className="dot" aria-hidden="true" />
      {text}
    </div>
  );
}
