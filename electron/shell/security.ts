// The desktop app's security settings as plain data and pure functions, so tests assert them without
// launching Electron (style.md §2: sandbox, isolation, no node, navigation/window.open/permissions denied).
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Role } from '../../shared';
import { appPageCsp } from '../app/page-csp';
import { currentRun, devToolsAllowed } from './debug-policy';

/** What every page the app shows gets, its own windows and the hosted checkout alike: no Node, isolated, sandboxed. */
export const ISOLATED_PAGE_PREFERENCES = {
  sandbox: true,
  contextIsolation: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  spellcheck: false,
} as const;

/** webPreferences of every window: the renderer is a sandboxed web page with one narrow bridge. */
export function secureWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    ...ISOLATED_PAGE_PREFERENCES,
    experimentalFeatures: false,
    // Middle-click opens links in new windows; the window-open handler denies them anyway (Electronegativity AUXCLICK).
    disableBlinkFeatures: 'Auxclick',
    // A packaged release never opens DevTools (electron/shell/debug-policy.ts).
    devTools: devToolsAllowed(currentRun()),
  } as const;
}

type Headers = Record<string, string[] | string>;

/**
 * Response headers for onHeadersReceived: one of our pages gets its policy from shared/csp.ts (the
 * same string its meta tag carries, put there at build time); anything else (a hosted checkout in
 * its own view) keeps the headers its server sent.
 */
export function appResponseHeaders(url: string, headers: Headers | undefined, rendererDir: string): Headers | undefined {
  const page = appPageRole(url, rendererDir);
  if (!page) return headers;
  const kept = Object.fromEntries(Object.entries(headers ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy'));
  return { ...kept, 'Content-Security-Policy': [appPageCsp(page)] };
}

/** Which of the app's own pages a URL is (file:// inside the renderer folder), or null. */
export function appPageRole(url: string, rendererDir: string): Role | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'file:' || parsed.host !== '' || parsed.username || parsed.password) return null;
  const base = pathToFileURL(path.resolve(rendererDir) + path.sep).pathname;
  if (parsed.pathname === `${base}cashier.html`) return 'cashier';
  if (parsed.pathname === `${base}display.html`) return 'display';
  return null;
}

/** Whether the sender of an IPC call may use the contract: a main frame showing one of our pages. */
export function trustedSender(frame: { url: string; parent: unknown } | null | undefined, rendererDir: string): Role | null {
  if (!frame || frame.parent !== null) return null;
  return appPageRole(frame.url, rendererDir);
}

/** Only https links leave the app (in the system browser); in demo mode, also the loopback sandbox pages. */
export function externalUrlAllowed(url: string, options: { allowLoopbackHttp: boolean }): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.username || parsed.password) return false;
  if (parsed.protocol === 'https:') return true;
  return options.allowLoopbackHttp && parsed.protocol === 'http:' && parsed.hostname === '127.0.0.1';
}
