// Where the reference till keeps its pairing: the terminal's URL, its API key and the pinned certificate
// fingerprint, in one JSON file readable only by its owner (0600 in a 0700 folder).
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

export interface TillConfig {
  readonly url: string;
  readonly apiKey: string;
  readonly keyId: string;
  readonly name: string;
  readonly fingerprint: string | null;
}

export function defaultConfigDir(): string {
  const base = process.env.XDG_CONFIG_HOME || path.join(homedir(), '.config');
  return path.join(base, 'kakaopay-pos-till');
}

const fileIn = (dir: string): string => path.join(dir, 'till.json');

export function loadConfig(dir: string): TillConfig | null {
  let text: string;
  try {
    text = readFileSync(fileIn(dir), 'utf8');
  } catch {
    return null;
  }
  const v = JSON.parse(text) as Partial<TillConfig>;
  if (typeof v.url !== 'string' || typeof v.apiKey !== 'string') throw new Error(`${fileIn(dir)} is not a till configuration; pair again with --pair CODE.`);
  return { url: v.url, apiKey: v.apiKey, keyId: String(v.keyId ?? ''), name: String(v.name ?? ''), fingerprint: typeof v.fingerprint === 'string' ? v.fingerprint : null };
}

export function saveConfig(dir: string, c: TillConfig): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const file = fileIn(dir);
  writeFileSync(file, `${JSON.stringify(c, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return file;
}
