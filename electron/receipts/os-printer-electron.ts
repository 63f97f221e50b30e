// OsPrinterPort for the Electron shell. It does not import 'electron' (the payment core and its tests
// run without it): the shell passes its BrowserWindow constructor in. Each job loads the receipt's
// HTML in a hidden, script-less window and prints it silently on the chosen printer.
import type { OsPrinterPort, OsPrintOptions } from './os-printer';
import { PrinterError } from './network-printer';

/** The few members of Electron's WebContents this uses (structural, so no electron types are needed). */
interface PrintableContents {
  loadURL(url: string): Promise<void>;
  print(
    options: {
      silent?: boolean;
      printBackground?: boolean;
      deviceName?: string;
      margins?: { marginType: 'none' };
      pageSize?: { width: number; height: number };
    },
    callback?: (success: boolean, failureReason: string) => void,
  ): void;
}
interface HiddenWindow {
  readonly webContents: PrintableContents;
  destroy(): void;
}
export type BrowserWindowCtor = new (options: {
  show: boolean;
  width?: number;
  height?: number;
  webPreferences: { javascript: boolean; sandbox: boolean; contextIsolation: boolean; nodeIntegration: boolean };
}) => HiddenWindow;

/** Electron's pageSize is in microns; a thermal roll is long: 300 mm is cut by the printer at the content's end. */
const ROLL_LENGTH_MICRONS = 300_000;

export function createElectronOsPrinter(BrowserWindow: BrowserWindowCtor): OsPrinterPort {
  return {
    async print(html: string, options: OsPrintOptions): Promise<void> {
      const win = new BrowserWindow({
        show: false,
        width: 400,
        height: 800,
        webPreferences: { javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false },
      });
      try {
        await win.webContents.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
        await new Promise<void>((resolve, reject) => {
          win.webContents.print(
            {
              silent: options.silent,
              printBackground: false,
              ...(options.deviceName ? { deviceName: options.deviceName } : {}),
              margins: { marginType: 'none' },
              pageSize: { width: options.pageWidthMm * 1000, height: ROLL_LENGTH_MICRONS },
            },
            (success, reason) => (success ? resolve() : reject(new PrinterError('printer_failed', `The system printer did not print: ${reason || 'no reason given'}.`))),
          );
        });
      } finally {
        win.destroy();
      }
    },
  };
}
