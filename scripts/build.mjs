// Builds everything `npm start` and electron-builder need:
//   dist/renderer/           the two pages (Vite)
//   dist/electron/main.cjs   Electron main (CJS; electron, better-sqlite3 and @napi-rs/canvas's native binary stay external)
//   dist/electron/preload.cjs  the sandboxed preload (one CJS file; only electron external)
//   dist/electron/browser.mjs  browser mode (ESM; node_modules resolved at run time)
import { build as esbuild } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as vite } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const quiet = process.argv.includes('--quiet');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7);

// In the Electron bundle, `better-sqlite3` resolves to a shim that loads the Electron-ABI binary when
// one was built (see docs/app.md); the shim itself imports the real package (external).
const sqliteShim = {
  name: 'better-sqlite3-electron',
  setup(b) {
    const shim = path.join(root, 'electron/shell/better-sqlite3.ts');
    b.onResolve({ filter: /^better-sqlite3$/ }, (args) => (args.importer === shim ? { path: 'better-sqlite3', external: true } : { path: shim }));
  },
};

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: quiet ? 'error' : 'warning', absWorkingDir: root };

if (!only || only === 'renderer') {
  await vite({ configFile: path.join(root, 'vite.config.ts'), logLevel: quiet ? 'error' : 'info' });
}
if (!only || only === 'electron') {
  await Promise.all([
    esbuild({
      ...common,
      entryPoints: ['electron/shell/main.ts'],
      outfile: 'dist/electron/main.cjs',
      format: 'cjs',
      external: ['electron', 'better-sqlite3', 'playwright-core', 'pino', '@napi-rs/canvas'],
      // A developer build may be debugged when packaged (electron/shell/debug-policy.ts); a release never.
      define: { 'import.meta.dirname': '__dirname', __KAKAOPAY_DEVELOPER_BUILD__: process.env.KAKAOPAY_DEVELOPER_BUILD === '1' ? 'true' : 'false' },
      plugins: [sqliteShim],
    }),
    esbuild({ ...common, entryPoints: ['electron/preload/preload.ts'], outfile: 'dist/electron/preload.cjs', format: 'cjs', platform: 'browser', external: ['electron'] }),
    esbuild({ ...common, entryPoints: ['electron/browser-server/main.ts'], outfile: 'dist/electron/browser.mjs', format: 'esm', packages: 'external' }),
  ]);
}
if (!quiet) console.log('build: dist/renderer, dist/electron/{main.cjs,preload.cjs,browser.mjs}');
