// The Electron main bundle's esbuild options, in one place: scripts/build.mjs builds it, and
// test/architecture/shipping.test.ts checks that the root package.json's production dependencies are
// exactly its external packages (what the packaged app loads from node_modules at run time).
import path from 'node:path';

/** Packages the main bundle leaves as require() calls: native, or starting files of their own. */
export const MAIN_EXTERNALS = ['electron', 'better-sqlite3', 'pino', '@napi-rs/canvas'];

/** ws's optional native speed-ups: required inside try/catch, absent in the app, and that is fine. */
export const OPTIONAL_IMPORTS = ['bufferutil', 'utf-8-validate'];

/** In the Electron bundle, `better-sqlite3` resolves to a shim that loads the Electron-ABI binary when
 * one was built (see docs/app.md); the shim itself imports the real package (external). */
function sqliteShim(root) {
  return {
    name: 'better-sqlite3-electron',
    setup(b) {
      const shim = path.join(root, 'electron/shell/better-sqlite3.ts');
      b.onResolve({ filter: /^better-sqlite3$/ }, (args) => (args.importer === shim ? { path: 'better-sqlite3', external: true } : { path: shim }));
    },
  };
}

export function mainBundleOptions(root) {
  return {
    bundle: true,
    platform: 'node',
    target: 'node20',
    absWorkingDir: root,
    entryPoints: ['electron/shell/main.ts'],
    outfile: 'dist/electron/main.cjs',
    format: 'cjs',
    external: MAIN_EXTERNALS,
    // A developer build may be debugged when packaged (electron/shell/debug-policy.ts); a release never.
    define: { 'import.meta.dirname': '__dirname', __KAKAOPAY_DEVELOPER_BUILD__: process.env.KAKAOPAY_DEVELOPER_BUILD === '1' ? 'true' : 'false' },
    plugins: [sqliteShim(root)],
  };
}
