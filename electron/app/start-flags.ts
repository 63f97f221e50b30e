// Command-line flags of `npm start` / the browser-mode entry, validated like any other input.
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

export const APP_DIR_NAME = 'kakaopay-counter';

export interface StartFlags {
  /** Absent: browser mode reuses the last run's port (so an open cashier page finds it again). */
  port?: number;
  dataDir: string;
  browser: boolean;
  /** Browser mode: a new cashier token, so older cashier links stop working. */
  newCashierLink: boolean;
}

const flagsSchema = z.strictObject({
  port: z.coerce.number({ error: 'port: a number from 0 to 65535' }).int('port: a whole number').min(0, 'port: 0 – 65535').max(65535, 'port: 0 – 65535').optional(),
  data: z.string().trim().min(1, 'data: a folder path').max(1000).optional(),
  browser: z.boolean().default(false),
  newCashierLink: z.boolean().default(false),
});

export class FlagError extends Error {
  readonly code = 'invalid_flags';
}

/** `--port 8080 --data ./shop --browser --new-cashier-link` (also `--port=8080`). Unknown flags are refused. */
export function parseStartFlags(argv: readonly string[], env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): StartFlags {
  const raw: Record<string, unknown> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--')) throw new FlagError(`Unexpected argument "${arg.slice(0, 40)}". Use --port <p>, --data <dir>, --browser, --new-cashier-link.`);
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    if (name === 'browser') {
      raw.browser = true;
      continue;
    }
    if (name === 'new-cashier-link') {
      raw.newCashierLink = true;
      continue;
    }
    if (name !== 'port' && name !== 'data') throw new FlagError(`Unknown flag --${name.slice(0, 40)}. Use --port <p>, --data <dir>, --browser, --new-cashier-link.`);
    const value = inline ?? argv[++i];
    if (value === undefined || value.startsWith('--')) throw new FlagError(`--${name} needs a value.`);
    raw[name] = value;
  }
  const parsed = flagsSchema.safeParse(raw);
  if (!parsed.success) throw new FlagError(parsed.error.issues[0]?.message ?? 'invalid flags');
  return {
    ...(parsed.data.port === undefined ? {} : { port: parsed.data.port }),
    browser: parsed.data.browser,
    newCashierLink: parsed.data.newCashierLink,
    dataDir: path.resolve(parsed.data.data ?? defaultDataDir(env, platform)),
  };
}

/** The OS's per-user application data folder, as Electron's `appData` resolves it. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = env.HOME ?? env.USERPROFILE ?? os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_DIR_NAME);
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), APP_DIR_NAME);
}
