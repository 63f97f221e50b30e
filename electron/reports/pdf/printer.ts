// How the day's HTML becomes a PDF. The app provides Electron's printToPDF; tests and browser mode
// use ChromiumPrinter (playwright-core driving the system Chromium).
export interface PdfPrinter {
  print(html: string): Promise<Buffer>;
}
