// Browser mode's OS printer: the receipt's HTML goes into a hidden, script-less iframe and the
// browser's own print prints it (the printer and roll are chosen in the browser's dialog, or by the
// kiosk's --kiosk-printing flag). Electron never sends `print:page`: it prints in the main process.
export function printHtmlInPage(html: string, pageWidthMm: 58 | 80): void {
  // A second cashier tab in the background must not print the same receipt again.
  if (document.visibilityState === 'hidden') return;
  const frame = document.createElement('iframe');
  frame.setAttribute('aria-hidden', 'true');
  frame.tabIndex = -1;
  // Same origin so the page can call print() on it; no scripts run inside.
  frame.setAttribute('sandbox', 'allow-same-origin allow-modals');
  frame.style.cssText = `position:fixed;right:0;bottom:0;width:${pageWidthMm}mm;height:0;border:0;visibility:hidden`;
  frame.dataset.testid = 'print-frame';
  frame.addEventListener('load', () => {
    const w = frame.contentWindow;
    // The print dialog blocks until closed; the frame goes afterwards (or after a minute at most).
    window.setTimeout(() => frame.remove(), 60_000);
    w?.addEventListener('afterprint', () => frame.remove());
    w?.print();
  });
  frame.srcdoc = html;
  document.body.append(frame);
}
