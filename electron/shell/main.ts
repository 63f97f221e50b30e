// Electron main: thin. Everything that is not window, menu, IPC or OS glue lives in electron/app.
import { app, BrowserWindow, dialog, ipcMain, session, shell, type BrowserWindow as Win } from 'electron';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { roleHears } from '../../shared';
import { parseStartFlags } from '../app/start-flags';
import { toAppError } from '../app/errors';
import { createTerminalApp, type TerminalApp } from '../app/terminal-app';
import { createExportFiles } from './export-files';
import { demoLauncher } from '../demo/index';
import { createElectronOsPrinter } from '../receipts/os-printer-electron';
import type { CustomerDisplayState } from '../../shared';
import { EVENT_CHANNEL } from './channels';
import { attachCheckoutView, type CheckoutView } from './checkout-view';
import { printToPdfPrinter, safeStorageBox } from './electron-services';
import { currentRun, refusedDebugSwitches } from './debug-policy';
import { bindIpc } from './ipc-binding';
import { installMenu } from './menu';
import { appResponseHeaders } from './security';
import { createCashierWindow, createDisplayWindow } from './windows';

const rendererDir = path.resolve(__dirname, '../renderer');
const preload = path.resolve(__dirname, 'preload.cjs');

app.enableSandbox();
// A packaged release refuses to run with a debugging port or inspector (debug-policy.ts): exit before
// any window or secret is opened.
const debugSwitches = refusedDebugSwitches(process.argv, { ...currentRun(), packaged: app.isPackaged });
if (debugSwitches.length > 0) {
  process.stderr.write(`error [debugging_refused]: this build does not run with ${debugSwitches.join(', ')} (a developer build is made with KAKAOPAY_DEVELOPER_BUILD=1).\n`);
  app.exit(2);
} else if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // Electron and Chromium put their own switches on argv (--inspect, --remote-debugging-port, …):
  // keep only ours, then validate them like the browser-mode entry does.
  const flags = parseStartFlags(process.argv.slice(app.isPackaged ? 1 : 2), process.env, process.platform, { others: 'ignore' });
  app.setPath('userData', flags.dataDir);
  let cashier: Win | null = null;
  let display: Win | null = null;
  let terminal: TerminalApp | null = null;
  let checkout: CheckoutView | null = null;

  app.on('second-instance', () => {
    if (cashier?.isMinimized()) cashier.restore();
    cashier?.focus();
  });

  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-attach-webview', (e) => e.preventDefault());
  });

  app.whenReady().then(async () => {
    session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    session.defaultSession.setPermissionCheckHandler(() => false);
    session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: appResponseHeaders(details.url, details.responseHeaders, rendererDir) });
    });

    mkdirSync(flags.dataDir, { recursive: true, mode: 0o700 });
    terminal = await createTerminalApp({
      dataDir: flags.dataDir,
      ...(flags.restore ? { restoreFrom: flags.restore } : {}),
      shell: 'electron',
      secretBox: safeStorageBox(flags.dataDir),
      pdfPrinter: printToPdfPrinter(),
      exportFiles: createExportFiles({ dialog, shell, defaultDir: () => app.getPath('downloads') }),
      // Receipts on the system printer: a hidden, script-less window printed silently.
      osPrinter: createElectronOsPrinter(BrowserWindow),
      demo: demoLauncher(),
      version: app.getVersion(),
    });
    const t = terminal;
    bindIpc(ipcMain, t, rendererDir);
    t.events.onAny((event, payload) => {
      // The hosted checkout lives in the display window only; it follows what the display shows.
      if (event === 'display:changed') checkout?.follow(payload as CustomerDisplayState);
      for (const win of BrowserWindow.getAllWindows()) {
        // The customer display only hears what it shows (the contract's roles).
        if (win === display && !roleHears('display', event)) continue;
        if (!win.isDestroyed()) win.webContents.send(EVENT_CHANNEL, event, payload);
      }
    });
    const paths = { rendererDir, preload };
    const open = (): void => {
      cashier = createCashierWindow(paths, () => t.settings.get().mode === 'demo');
      cashier.on('closed', () => app.quit());
      display = createDisplayWindow(paths);
      const s = (): ReturnType<typeof t.settings.get> => t.settings.get();
      // Demo: the embedded sandbox's pages (http on loopback) are the checkout; live: https Opn/KakaoPay only.
      checkout = attachCheckoutView(display, () => ({ demoOrigin: s().mode === 'demo' ? new URL(s().opnApiBase).origin : null, returnUri: t.runtime.returnUri() }));
      display.on('closed', () => checkout?.dispose());
    };
    open();
    installMenu({ showCashier: () => cashier?.show(), showDisplay: () => display?.show() });
  }).catch((error: unknown) => {
    // Typed start-up errors (settings file, receipt database) carry a message safe to show.
    const mapped = toAppError(error);
    dialog.showErrorBox('KakaoPay Counter could not start', mapped.error.message);
    app.exit(1);
  });

  app.on('window-all-closed', () => app.quit());
  let quitting = false;
  app.on('before-quit', (e) => {
    if (quitting || !terminal) return;
    e.preventDefault();
    quitting = true;
    void terminal.close().finally(() => app.quit());
  });
}
