// Command-line flags of `npm start` / the browser-mode entry, validated like any other input.
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';

export const APP_DIR_NAME = 'kakaopay-counter';

export interface StartFlags {
  /** Absent: browser mode reuses the last run's port (so an open cashier page finds it again). */
  port?: number;
  dataDir: string;
  browser: boolean;
  /** Browser mode: a new cashier token, so older cashier links stop working. */
  newCashierLink: boolean;
  /** `--restore <file>`: a receipt-log backup to check and put in place before the app opens its log. */
  restore?: string;
}

const flagsSchema = z.strictObject({
  port: z.coerce.number({ error: 'port: a number from 0 to 65535' }).int('port: a whole number').min(0, 'port: 0 – 65535').max(65535, 'port: 0 – 65535').optional(),
  data: z.string().trim().min(1, 'data: a folder path').max(1000).optional(),
  browser: z.boolean().default(false),
  newCashierLink: z.boolean().default(false),
  restore: z.string().trim().min(1, 'restore: a backup file').max(1000).optional(),
});

export class FlagError extends Error {
  readonly code = 'invalid_flags';
}

const OPTIONS = { port: { type: 'string' }, data: { type: 'string' }, browser: { type: 'boolean' }, 'new-cashier-link': { type: 'boolean' }, restore: { type: 'string' } } as const;
const USAGE = 'Use --port <p>, --data <dir>, --browser, --new-cashier-link, --restore <file>.';

/**
 * `--port 8080 --data ./shop --browser --new-cashier-link` (also `--port=8080`). Unknown flags are refused, unless
 * `others: 'ignore'`: Electron and Chromium put their own switches on argv, and the shell takes only ours.
 */
export function parseStartFlags(argv: readonly string[], env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, o: { others?: 'refuse' | 'ignore' } = {}): StartFlags {
  const strict = o.others !== 'ignore';
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: [...argv], options: OPTIONS, strict, allowPositionals: !strict }));
  } catch (error) {
    throw new FlagError(flagMessage(error));
  }
  const raw: Record<string, unknown> = {};
  for (const name of ['port', 'data', 'restore'] as const) {
    const value = values[name];
    // Lenient parsing reads a value-less `--data` as `true`.
    if (value === true) throw new FlagError(`--${name} needs a value.`);
    if (value !== undefined) raw[name] = value;
  }
  if (values.browser !== undefined) raw.browser = values.browser === true;
  if (values['new-cashier-link'] !== undefined) raw.newCashierLink = values['new-cashier-link'] === true;
  const parsed = flagsSchema.safeParse(raw);
  if (!parsed.success) throw new FlagError(parsed.error.issues[0]?.message ?? 'invalid flags');
  return {
    ...(parsed.data.port === undefined ? {} : { port: parsed.data.port }),
    browser: parsed.data.browser,
    newCashierLink: parsed.data.newCashierLink,
    dataDir: path.resolve(parsed.data.data ?? defaultDataDir(env, platform)),
    ...(parsed.data.restore !== undefined ? { restore: path.resolve(parsed.data.restore) } : {}),
  };
}

/** parseArgs' own errors, in our words (never echoing more than a flag's name). */
function flagMessage(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const text = error instanceof Error ? error.message : '';
  const flag = /'(--?[^' ]{1,40})/.exec(text)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `Unknown flag ${flag}. ${USAGE}`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return `${flag} needs a value.`;
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return `Unexpected argument. ${USAGE}`;
  return `Invalid flags. ${USAGE}`;
}

/** The OS's per-user application data folder, as Electron's `appData` resolves it. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = env.HOME ?? env.USERPROFILE ?? os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_DIR_NAME);
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), APP_DIR_NAME);
}
