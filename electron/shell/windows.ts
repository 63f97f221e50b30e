// The cashier window and the customer display window (fullscreen on a second screen when present).
import { BrowserWindow, screen, shell, type WebContents } from 'electron';
import path from 'node:path';
import { externalUrlAllowed, secureWebPreferences } from './security';

export interface WindowPaths {
  rendererDir: string;
  preload: string;
}

function lockDown(contents: WebContents, allowLoopbackHttp: () => boolean): void {
  // Pages never navigate away or open windows; https links (and the demo's sandbox page) open in the
  // system browser instead.
  contents.on('will-navigate', (e) => e.preventDefault());
  contents.on('will-redirect', (e) => e.preventDefault());
  contents.on('will-attach-webview', (e) => e.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (externalUrlAllowed(url, { allowLoopbackHttp: allowLoopbackHttp() })) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

export function createCashierWindow(paths: WindowPaths, allowLoopbackHttp: () => boolean): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 700,
    title: 'KakaoPay Counter',
    backgroundColor: '#f4f5f7',
    show: false,
    webPreferences: secureWebPreferences(paths.preload),
  });
  lockDown(win.webContents, allowLoopbackHttp);
  win.once('ready-to-show', () => win.show());
  void win.loadFile(path.join(paths.rendererDir, 'cashier.html'));
  return win;
}

export function createDisplayWindow(paths: WindowPaths): BrowserWindow {
  const primary = screen.getPrimaryDisplay();
  const second = screen.getAllDisplays().find((d) => d.id !== primary.id);
  const win = new BrowserWindow({
    title: 'Customer display',
    backgroundColor: '#ffffff',
    show: false,
    ...(second
      ? { x: second.bounds.x, y: second.bounds.y, width: second.bounds.width, height: second.bounds.height, fullscreen: true, frame: false, kiosk: true }
      : { width: 1024, height: 700 }),
    webPreferences: secureWebPreferences(paths.preload),
  });
  lockDown(win.webContents, () => false);
  win.once('ready-to-show', () => win.showInactive());
  void win.loadFile(path.join(paths.rendererDir, 'display.html'));
  return win;
}
