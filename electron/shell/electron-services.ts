// The two services only Electron can provide: secrets sealed by the OS keychain (safeStorage) and
// PDF printing by Chromium's printToPDF (the reports' PdfPrinter).
import { BrowserWindow, safeStorage, session } from 'electron';
import type { PdfPrinter } from '../reports';
import { openFileSecretBox } from '../app/file-secret-box';
import { keychainProtects } from './keychain';
import { createPdfPrinter } from './pdf-printer';
import type { SecretBox } from '../app/ports';

/**
 * Seals with the OS keychain through safeStorage. Where there is none (a Linux desktop without a
 * secret service, or only the `basic_text` backend, which protects nothing: keychain.ts), it falls
 * back to the browser-mode key-file box so the shop can still work; each sealed value says which box
 * made it, so both keep opening.
 */
export function safeStorageBox(dataDir: string): SecretBox {
  let fallback: SecretBox | null = null;
  const file = (): SecretBox => (fallback ??= openFileSecretBox(dataDir));
  return {
    encrypt(plain) {
      const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : undefined;
      if (!keychainProtects(process.platform, safeStorage.isEncryptionAvailable(), backend)) return file().encrypt(plain);
      return `ss1:${safeStorage.encryptString(plain).toString('base64')}`;
    },
    decrypt(sealed) {
      if (!sealed.startsWith('ss1:')) return file().decrypt(sealed);
      return safeStorage.decryptString(Buffer.from(sealed.slice(4), 'base64'));
    },
  };
}

/** Prints report HTML in a hidden, offline, script-less window, from a private temp file (pdf-printer.ts). */
export function printToPdfPrinter(): PdfPrinter {
  return createPdfPrinter({ BrowserWindow, fromPartition: (partition) => session.fromPartition(partition) });
}
