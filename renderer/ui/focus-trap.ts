// Keeps keyboard focus inside an open dialog: Tab and Shift+Tab cycle through its controls, Esc
// closes it, and when the control that had focus disappears (a nested PIN dialog closes after a
// refund) focus comes back to the dialog instead of falling to the page behind.
import { useEffect, useRef, type RefObject } from 'react';

const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])';

function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.getClientRects().length > 0);
}

/** `active` is false while a nested dialog holds the trap (only the topmost dialog traps). */
export function useFocusTrap(ref: RefObject<HTMLElement | null>, active: boolean, onEscape?: () => void): void {
  const escape = useRef(onEscape);
  useEffect(() => {
    escape.current = onEscape;
  }, [onEscape]);

  useEffect(() => {
    const root = ref.current;
    if (!active || !root) return;
    const pull = () => {
      if (root.contains(document.activeElement)) return;
      const preferred = root.querySelector<HTMLElement>('[data-autofocus]:not([disabled])') ?? focusables(root)[0];
      (preferred ?? root).focus();
    };
    pull();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && escape.current) {
        e.preventDefault();
        e.stopPropagation();
        escape.current();
        return;
      }
      if (e.key !== 'Tab') return;
      const list = focusables(root);
      const first = list[0];
      const last = list[list.length - 1];
      if (!first || !last) return e.preventDefault();
      const current = document.activeElement;
      const inside = current instanceof HTMLElement && root.contains(current);
      if (!inside || (e.shiftKey && current === first) || (!e.shiftKey && current === last)) {
        e.preventDefault();
        (e.shiftKey ? last : first).focus();
      }
    };
    // Focus lost to <body> (its element was removed) fires no focusin; a short check brings it back.
    const watch = window.setInterval(() => {
      if (document.activeElement === document.body || document.activeElement === null) pull();
    }, 150);
    const onFocusIn = (e: FocusEvent) => {
      if (e.target instanceof Node && !root.contains(e.target)) pull();
    };
    // Capture phase: the topmost dialog sees Esc before the screens' own window listeners.
    window.addEventListener('keydown', onKey, true);
    document.addEventListener('focusin', onFocusIn);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      document.removeEventListener('focusin', onFocusIn);
      window.clearInterval(watch);
    };
  }, [ref, active]);
}
