// Tolerant Electron binary install. npm's allowScripts denies electron's own postinstall (it fails
// hard where its download host is unreachable); this runs the same install.js and, when the binary
// cannot be fetched, says so in one line and lets the install succeed. The `electron` package (and
// its type definitions) stays installed either way; `npm start` then falls back to browser mode.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
let installJs;
try {
  installJs = path.join(path.dirname(require.resolve('electron/package.json')), 'install.js');
} catch {
  process.exit(0); // production install without devDependencies: nothing to do
}
if (!existsSync(installJs) || process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) process.exit(0);

const result = spawnSync(process.execPath, [installJs], {
  stdio: ['ignore', 'ignore', 'pipe'],
  timeout: 180_000,
  env: process.env,
});
if (result.status === 0) {
  console.log('electron: binary installed; `npm start` opens the desktop app.');
} else {
  const reason = (result.stderr?.toString() ?? '').split('\n').find((l) => /error|ENOTFOUND|ECONN|EAI_AGAIN|timed? ?out/i.test(l)) ?? (result.error?.message ?? `exit ${result.status}`);
  console.log(`electron: binary could not be fetched (${reason.trim().slice(0, 160)}); the app will run in browser mode.`);
}
