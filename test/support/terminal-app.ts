// The one way tests build the terminal app (createTerminalApp): a data folder of its own, the file secret
// box beside it, a silent logger unless the test reads the log, and every app closed after each test.
// `configured` makes the live terminal most tests start from: the sandbox's test key and the shop's PIN.
import { mkdirSync } from 'node:fs';
import { Writable } from 'node:stream';
import { afterAll, afterEach } from 'vitest';
import { openFileSecretBox } from '../../electron/app/file-secret-box';
import { createTerminalApp, type TerminalApp, type TerminalAppOptions } from '../../electron/app/terminal-app';
import { createLogger, silentLogger } from '../../electron/core';
import type { Result, SettingsUpdate } from '../../shared';
import { tempDir } from './temp';
import { waitFor } from './wait';

/** The shop's own manager PIN in these tests (the demo's 1234 is public). */
export const TEST_PIN = '482913';

/** A PDF printer for tests that export CSV only: a PDF there would be a bug. */
export const NO_PDF = { print: () => Promise.reject(new Error('no PDF in this test')) };

export type AppOptions = Partial<TerminalAppOptions> & {
  /** Capture the log into `harness.log()`, at trace level unless told. */
  captureLog?: boolean | 'warn';
};

export interface AppHarness {
  /** A new app on `options.dataDir`, or on a fresh folder; closed after the test. */
  open(options?: AppOptions): Promise<TerminalApp>;
  /** A live terminal on the sandbox: its test key, the shop's PIN, `settings` on top; recovery done. */
  configured(sandbox: { baseUrl: string; secretKey: string }, options?: AppOptions, settings?: SettingsUpdate): Promise<TerminalApp>;
  /** What the apps opened with `captureLog` logged during this test. */
  log(): string;
  /** Closes every app opened so far (a restart in the middle of a test). */
  closeAll(): Promise<void>;
}

/** The value of an answer, or a thrown error naming its code. */
export function valueOf<T>(r: Result<unknown>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

/** The value of an answer still on its way. */
export async function value<T>(answer: Promise<Result<unknown>>): Promise<T> {
  return valueOf<T>(await answer);
}

/**
 * Call once at the top of a test file. The apps are closed after each test, or with `scope: 'file'`
 * (apps opened in beforeAll) after the file's tests.
 */
export function terminalApps(label: string, o: { scope?: 'test' | 'file' } = {}): AppHarness {
  const apps: TerminalApp[] = [];
  let logged = '';
  const closeAll = async (): Promise<void> => {
    for (const app of apps.splice(0)) await app.close();
  };
  (o.scope === 'file' ? afterAll : afterEach)(async () => {
    await closeAll();
    logged = '';
  });

  const logTo = (level: string): TerminalAppOptions['logger'] =>
    createLogger({
      level,
      destination: new Writable({
        write(chunk: Buffer, _enc, done) {
          logged += chunk.toString();
          done();
        },
      }),
    });

  async function open({ captureLog, ...options }: AppOptions = {}): Promise<TerminalApp> {
    const dataDir = options.dataDir ?? tempDir(label).dir;
    // The secret box keeps its key in the data folder, made here when the test names a new one.
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const app = await createTerminalApp({
      shell: 'browser',
      secretBox: openFileSecretBox(dataDir),
      logger: captureLog ? logTo(captureLog === true ? 'trace' : captureLog) : silentLogger(),
      ...options,
      dataDir,
    });
    apps.push(app);
    return app;
  }

  return {
    open,
    async configured(sandbox, options = {}, settings = {}) {
      const app = await open(options);
      valueOf(await app.invoke('settings:update', { managerPin: TEST_PIN, opnApiBase: sandbox.baseUrl, opnSecretKey: sandbox.secretKey, ...settings }));
      await waitFor(() => !app.runtime.recovering(), 'start-up reconciliation');
      return app;
    },
    log: () => logged,
    closeAll,
  };
}
