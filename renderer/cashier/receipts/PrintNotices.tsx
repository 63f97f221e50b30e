// Print outcomes as a short notice in a corner: never a dialog, never in the way of the next sale.
// Also prints in the page when the main process asks (browser mode's OS printer).
import { useCallback, useEffect, useState } from 'react';
import type { EventMap, PosBridge } from '../../../shared';
import type { PrintNotice } from '../../../shared';
import { useBridgeEvent } from '../../ui/hooks';
import { useTexts } from '../../ui/texts';
import { printHtmlInPage } from './print-page';
import { recordPrintNotice } from './print-state';

const SHOW_MS = { printed: 4_000, print_failed: 12_000, print_gave_up: 20_000 } as const;

export function PrintNotices({ pos }: { pos: PosBridge }) {
  const t = useTexts();
  const [notice, setNotice] = useState<PrintNotice | null>(null);
  useBridgeEvent(
    pos,
    'print:notice',
    useCallback((n: PrintNotice) => {
      recordPrintNotice(n);
      setNotice(n);
    }, []),
  );
  useBridgeEvent(pos, 'print:page', useCallback((p: EventMap['print:page']) => printHtmlInPage(p.html, p.pageWidthMm), []));
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), SHOW_MS[notice.kind]);
    return () => clearTimeout(timer);
  }, [notice]);
  if (!notice) return null;
  const text = notice.kind === 'printed' ? t.receipts.printed : notice.kind === 'print_failed' ? t.receipts.failed : t.receipts.gaveUp;
  return (
    <div className={`print-notice ${notice.kind === 'printed' ? 'ok' : 'warning'}`} role="status" aria-live="polite" data-testid="print-notice" data-kind={notice.kind}>
      <span>{text}</span>
      <button type="button" className="btn small" onClick={() => setNotice(null)}>
        {t.receipts.dismiss}
      </button>
    </div>
  );
}
