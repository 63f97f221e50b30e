// `npm start`: build, then open the desktop app when Electron's binary is installed; otherwise (or
// with --browser) serve both screens to a browser and print their two URLs. --port and --data pass
// through (validated by the app itself).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const wantBrowser = args.includes('--browser');

const build = spawn(process.execPath, [path.join(root, 'scripts/build.mjs'), '--quiet'], { stdio: ['ignore', 'ignore', 'inherit'], cwd: root });
const code = await new Promise((resolve) => build.on('exit', resolve));
if (code !== 0) {
  console.error('start: the build failed (see above).');
  process.exit(1);
}

function electronBinary() {
  try {
    const require = createRequire(import.meta.url);
    const bin = require('electron'); // the package's index returns the binary's path
    return typeof bin === 'string' && existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

const electron = wantBrowser ? null : electronBinary();
const child = electron
  ? spawn(electron, [root, ...args.filter((a) => a !== '--browser')], { stdio: 'inherit', cwd: root })
  : spawn(process.execPath, [path.join(root, 'dist/electron/browser.mjs'), ...args.filter((a) => a !== '--browser')], { stdio: 'inherit', cwd: root });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (status) => process.exit(status ?? 0));
