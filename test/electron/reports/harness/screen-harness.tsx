// Mounts the Reports screen in a plain Chromium page. The PosBridge forwards every call to the test
// process (page.exposeFunction), which runs the real report service on a real SQLite file.
import { createRoot } from 'react-dom/client';
import type { EventMap, EventName, PosBridge } from '../../../../shared';
import { ReportsScreen } from '../../../../renderer/cashier/reports/index';

declare global {
  interface Window {
    __posInvoke(channel: string, request: unknown): Promise<unknown>;
    __posEmit(event: string, payload: unknown): void;
    __closed: boolean;
  }
}

const listeners = new Map<string, Set<(p: unknown) => void>>();
window.__posEmit = (event, payload) => listeners.get(event)?.forEach((l) => l(payload));
window.__closed = false;

const pos = new Proxy({} as PosBridge, {
  get(_t, key: string) {
    if (key === 'on') {
      return <E extends EventName>(event: E, listener: (payload: EventMap[E]) => void) => {
        const set = listeners.get(event) ?? new Set();
        set.add(listener as (p: unknown) => void);
        listeners.set(event, set);
        return () => set.delete(listener as (p: unknown) => void);
      };
    }
    return (request: unknown) => window.__posInvoke(key, request);
  },
});

const root = document.getElementById('root');
if (root) createRoot(root).render(<ReportsScreen pos={pos} onClose={() => (window.__closed = true)} />);
