// Command-line flags of `npm start` / the browser-mode entry, validated like any other input.
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

export const APP_DIR_NAME = 'kakaopay-counter';

export interface StartFlags {
  port: number;
  dataDir: string;
  browser: boolean;
  /** `--restore <file>`: a receipt-log backup to check and put in place before the app opens its log. */
  restore?: string;
}

const flagsSchema = z.strictObject({
  port: z.coerce.number({ error: 'port: a number from 0 to 65535' }).int('port: a whole number').min(0, 'port: 0 – 65535').max(65535, 'port: 0 – 65535').default(0),
  data: z.string().trim().min(1, 'data: a folder path').max(1000).optional(),
  browser: z.boolean().default(false),
  restore: z.string().trim().min(1, 'restore: a backup file').max(1000).optional(),
});

export class FlagError extends Error {
  readonly code = 'invalid_flags';
}

/** `--port 8080 --data ./shop --browser` (also `--port=8080`). Unknown flags are refused. */
export function parseStartFlags(argv: readonly string[], env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): StartFlags {
  const raw: Record<string, unknown> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--')) throw new FlagError(`Unexpected argument "${arg.slice(0, 40)}". Use --port <p>, --data <dir>, --browser.`);
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    if (name === 'browser') {
      raw.browser = true;
      continue;
    }
    if (name !== 'port' && name !== 'data' && name !== 'restore') throw new FlagError(`Unknown flag --${name.slice(0, 40)}. Use --port <p>, --data <dir>, --browser, --restore <file>.`);
    const value = inline ?? argv[++i];
    if (value === undefined || value.startsWith('--')) throw new FlagError(`--${name} needs a value.`);
    raw[name] = value;
  }
  const parsed = flagsSchema.safeParse(raw);
  if (!parsed.success) throw new FlagError(parsed.error.issues[0]?.message ?? 'invalid flags');
  return {
    port: parsed.data.port,
    browser: parsed.data.browser,
    dataDir: path.resolve(parsed.data.data ?? defaultDataDir(env, platform)),
    ...(parsed.data.restore !== undefined ? { restore: path.resolve(parsed.data.restore) } : {}),
  };
}

/** The OS's per-user application data folder, as Electron's `appData` resolves it. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = env.HOME ?? env.USERPROFILE ?? os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_DIR_NAME);
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), APP_DIR_NAME);
}
