// Builds everything `npm start` and electron-builder need:
//   dist/renderer/           the two pages (Vite)
//   dist/electron/main.cjs   Electron main (CJS; its externals are listed in scripts/main-bundle.mjs)
//   dist/electron/preload.cjs  the sandboxed preload (one CJS file; only electron external)
//   dist/electron/browser.mjs  browser mode (ESM; node_modules resolved at run time)
import { build as esbuild } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as vite } from 'vite';
import { mainBundleOptions } from './main-bundle.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const quiet = process.argv.includes('--quiet');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7);

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: quiet ? 'error' : 'warning', absWorkingDir: root };

if (!only || only === 'renderer') {
  await vite({ configFile: path.join(root, 'vite.config.ts'), logLevel: quiet ? 'error' : 'info' });
}
if (!only || only === 'electron') {
  await Promise.all([
    esbuild({ ...common, ...mainBundleOptions(root) }),
    esbuild({ ...common, entryPoints: ['electron/preload/preload.ts'], outfile: 'dist/electron/preload.cjs', format: 'cjs', platform: 'browser', external: ['electron'] }),
    esbuild({ ...common, entryPoints: ['electron/browser-server/main.ts'], outfile: 'dist/electron/browser.mjs', format: 'esm', packages: 'external' }),
  ]);
}
if (!quiet) console.log('build: dist/renderer, dist/electron/{main.cjs,preload.cjs,browser.mjs}');
