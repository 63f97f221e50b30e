// How the day's HTML becomes a PDF. The app provides Electron's printToPDF; tests and browser mode
// use a Chromium: CdpPrinter (browser mode; its DevTools pipe, no dependency) or ChromiumPrinter (playwright-core, tests).
export interface PdfPrinter {
  print(html: string): Promise<Buffer>;
}
