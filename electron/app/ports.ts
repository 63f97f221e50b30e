// Small interfaces the app layer is handed by its transports (Electron shell or browser mode).
export type { Logger } from '../core';
export type { PdfPrinter } from '../reports';

/** Encrypts secrets at rest: Electron's safeStorage in the desktop app, a key file in browser mode. */
export interface SecretBox {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
}
