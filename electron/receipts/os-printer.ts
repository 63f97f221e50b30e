// The operating system's printer, as a port: the Electron shell implements it with
// webContents.print (os-printer-electron.ts), browser mode with the browser's own print of the same
// HTML. The print queue only knows this interface.
export interface OsPrintOptions {
  /** The printer's OS name; '' prints to the system default. */
  readonly deviceName: string;
  /** The roll's width; the page is that wide and as long as the receipt. */
  readonly pageWidthMm: 58 | 80;
  /** No dialog (the counter's normal case). */
  readonly silent: boolean;
}

export interface OsPrinterPort {
  /** Resolves when the OS accepted the job; rejects with a PrinterError (code 'printer_failed') otherwise. */
  print(html: string, options: OsPrintOptions): Promise<void>;
}
