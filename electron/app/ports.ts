// Small interfaces the app layer is handed by its transports (Electron shell or browser mode).
export type { Logger } from '../core';
export type { PdfPrinter } from '../reports';

/** Encrypts secrets at rest: Electron's safeStorage in the desktop app, a key file in browser mode. */
export interface SecretBox {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
}

/**
 * Electron only: hands an exported report to the manager (a save dialog, the file manager). Given the
 * file inside the data folder's exports/, already checked by the handler.
 */
export interface ExportFiles {
  /** Copies the file where the manager chooses; the chosen path, or null when the dialog was cancelled. */
  saveAs(file: string, suggestedName: string): Promise<string | null>;
  /** Opens the folder with the file selected. */
  showInFolder(file: string): void;
}
