// In the Electron bundle, `better-sqlite3` resolves here (scripts/build.mjs). Electron has its own
// Node ABI, so the app loads an Electron build of the native module when one exists, through
// better-sqlite3's `nativeBinding` option; plain Node (tests, browser mode) never comes here.
import Real from 'better-sqlite3';
import { existsSync } from 'node:fs';
import path from 'node:path';

function electronBinding(): string | undefined {
  const resources = (process as { resourcesPath?: string }).resourcesPath;
  const candidates = [
    process.env.KAKAOPAY_SQLITE_BINDING,
    resources ? path.join(resources, 'native', 'better_sqlite3.node') : undefined,
    path.resolve(__dirname, '../../build/native/electron/better_sqlite3.node'),
  ];
  return candidates.find((p): p is string => typeof p === 'string' && existsSync(p));
}

const binding = process.versions.electron ? electronBinding() : undefined;

function Database(this: unknown, filename?: string, options: Real.Options = {}): Real.Database {
  return new Real(filename, binding && !options.nativeBinding ? { ...options, nativeBinding: binding } : options);
}
Object.assign(Database, Real);
Database.prototype = Real.prototype;

export default Database as unknown as typeof Real;
