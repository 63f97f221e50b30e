// Browser mode has no OS keychain (Electron's safeStorage is not available to plain Node), so secrets
// are sealed with AES-256-GCM under a random key kept in its own 0600 file beside the settings.
// This keeps keys out of settings.json (and out of a copied or backed-up settings file); it does not
// protect against someone who can read the whole data folder. The desktop app uses safeStorage.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SecretBox } from './ports';

const PREFIX = 'v1:';

export function openFileSecretBox(dataDir: string): SecretBox {
  const keyFile = path.join(dataDir, 'secret.key');
  let key: Buffer;
  if (existsSync(keyFile)) {
    key = Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new Error(`The key file ${keyFile} is damaged; remove it and enter the secrets again.`);
  } else {
    key = randomBytes(32);
    writeFileSync(keyFile, key.toString('base64'), { mode: 0o600, flag: 'wx' });
  }
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    decrypt(sealed) {
      if (!sealed.startsWith(PREFIX)) throw new Error('A stored secret has an unknown format.');
      const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}
