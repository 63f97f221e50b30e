// Builds better-sqlite3 for Electron's Node ABI into build/native/electron/better_sqlite3.node,
// WITHOUT touching node_modules (the plain-Node build stays the one tests and browser mode use).
// Runs only where Electron is installed and its headers can be downloaded.
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
let electronVersion;
try {
  electronVersion = require('electron/package.json').version;
} catch {
  console.log('electron-sqlite: the electron package is not installed; nothing to do.');
  process.exit(0);
}
const { rebuild } = await import('@electron/rebuild');

// Rebuild a copy of the package, so node_modules/better-sqlite3 keeps its Node build.
const work = mkdtempSync(path.join(os.tmpdir(), 'kp-sqlite-'));
const pkgDir = path.join(work, 'node_modules', 'better-sqlite3');
cpSync(path.join(root, 'node_modules', 'better-sqlite3'), pkgDir, { recursive: true });
cpSync(path.join(root, 'node_modules', 'bindings'), path.join(work, 'node_modules', 'bindings'), { recursive: true });
cpSync(path.join(root, 'node_modules', 'file-uri-to-path'), path.join(work, 'node_modules', 'file-uri-to-path'), { recursive: true });
const { writeFileSync } = await import('node:fs');
writeFileSync(path.join(work, 'package.json'), JSON.stringify({ name: 'sqlite-electron-build', version: '1.0.0', dependencies: { 'better-sqlite3': '*' } }));
try {
  await rebuild({ buildPath: work, electronVersion, onlyModules: ['better-sqlite3'], force: true });
  const built = path.join(pkgDir, 'build', 'Release', 'better_sqlite3.node');
  if (!existsSync(built)) throw new Error('the rebuild produced no better_sqlite3.node');
  const outDir = path.join(root, 'build', 'native', 'electron');
  mkdirSync(outDir, { recursive: true });
  cpSync(built, path.join(outDir, 'better_sqlite3.node'));
  console.log(`electron-sqlite: built for Electron ${electronVersion} → build/native/electron/better_sqlite3.node`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
