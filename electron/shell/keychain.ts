// Whether Electron's safeStorage really protects a secret here. On Linux it may fall back to the
// `basic_text` backend, which "encrypts" with a password built into Chromium: no protection at all, so it
// is refused and the key-file box is used instead (electron-services.ts), as when there is no keychain.
// `unknown` (asked before the app is ready) is refused too. Plain Node: tested without Electron.
export function keychainProtects(platform: NodeJS.Platform, encryptionAvailable: boolean, linuxBackend: string | undefined): boolean {
  if (!encryptionAvailable) return false;
  if (platform !== 'linux') return true;
  return linuxBackend !== undefined && linuxBackend !== 'basic_text' && linuxBackend !== 'unknown';
}
