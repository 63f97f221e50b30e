// Always-visible state of the payment link: relay connected, reconnecting, or offline with polling.
import type { LinkStatus } from '../../shared';
import { missingCase } from '../../shared';
import { useTexts } from '../ui/texts';

export function LinkBadge({ link, connected }: { link: LinkStatus | null; connected: boolean }) {
  const t = useTexts();
  let text: string;
  let tone: 'success' | 'warning' | 'danger' | 'neutral';
  if (!connected) {
    text = t.link.offline;
    tone = 'danger';
  } else if (!link) {
    text = t.link.checking;
    tone = 'neutral';
  } else {
    switch (link.state) {
      case 'connected':
        text = t.link.connected;
        tone = 'success';
        break;
      case 'connecting':
      case 'reconnecting':
        text = link.polling ? t.link.reconnectingPolling : t.link.reconnecting;
        tone = 'warning';
        break;
      case 'stale':
        text = t.link.stale;
        tone = 'warning';
        break;
      case 'offline':
        text = link.polling ? t.link.offlinePolling : t.link.offlineLink;
        tone = 'danger';
        break;
      default:
        return missingCase(link.state);
    }
  }
  return (
    <div className={`link chip ${tone}`} role="status" aria-live="polite" data-testid="link-status" data-state={link?.state ?? 'unknown'} title={link?.detail && t.language === 'en' ? link.detail : undefined /* the main process's diagnostics are English */}>
      <span className="dot" aria-hidden="true" />
      {text}
    </div>
  );
}
