// Receipts: templates (document.ts) rendered to HTML (html.ts) and ESC/POS (escpos.ts, raster.ts),
// printed through a persistent queue (print-queue.ts) on a network printer (network-printer.ts) or
// the OS printer port (os-printer.ts).
export * from './document';
export * from './texts';
export * from './html';
export * from './escpos';
export * from './raster';
export * from './network-printer';
export * from './os-printer';
export * from './queue-store';
export * from './print-queue';
export * from './print-service';
