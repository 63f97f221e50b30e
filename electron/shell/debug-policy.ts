// Debugging a packaged terminal is off: Chromium's remote debugging (--remote-debugging-port / -pipe),
// Node's inspector (--inspect…, also off by fuse) and DevTools are refused, unless the build itself was
// made for developers (KAKAOPAY_DEVELOPER_BUILD=1 when running scripts/build.mjs, which sets
// __KAKAOPAY_DEVELOPER_BUILD__). Unpackaged (`npm start`), KAKAOPAY_DEVTOOLS=1 opens DevTools as before.
// Plain Node: asserted without Electron (test/electron/shell/debug-policy.test.ts).

declare const __KAKAOPAY_DEVELOPER_BUILD__: boolean | undefined;

/** Fixed when the bundle is built; false for a release build and wherever the define is absent. */
export const DEVELOPER_BUILD: boolean = typeof __KAKAOPAY_DEVELOPER_BUILD__ !== 'undefined' && __KAKAOPAY_DEVELOPER_BUILD__ === true;

export interface RunContext {
  /** app.isPackaged: started as the installed app, not `electron .` */
  readonly packaged: boolean;
  readonly developerBuild: boolean;
  readonly env: NodeJS.ProcessEnv;
}

const DEBUG_SWITCHES = [/^--remote-debugging-(port|pipe|address)(=|$)/, /^--remote-allow-origins(=|$)/, /^--inspect(-brk)?(-port)?(=|$)/, /^--inspect-publish-uid(=|$)/];

/** The debugging switches on argv that this run must refuse (none unless packaged and not a developer build). */
export function refusedDebugSwitches(argv: readonly string[], run: RunContext): string[] {
  if (!run.packaged || run.developerBuild) return [];
  return argv.filter((a) => DEBUG_SWITCHES.some((re) => re.test(a))).map((a) => a.split('=')[0] ?? a);
}

/** Whether windows may open DevTools. */
export function devToolsAllowed(run: RunContext): boolean {
  if (run.env.KAKAOPAY_DEVTOOLS !== '1') return false;
  return !run.packaged || run.developerBuild;
}

/** This process: packaged when Electron runs without the default app (`electron .` sets process.defaultApp). */
export function currentRun(): RunContext {
  const p = process as NodeJS.Process & { defaultApp?: boolean };
  return { packaged: process.versions.electron !== undefined && p.defaultApp !== true, developerBuild: DEVELOPER_BUILD, env: process.env };
}
