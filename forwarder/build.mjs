// Builds the forwarder on its own: ES modules with ../shared's sources compiled in and the packages of
// this folder's package.json left as imports, resolved from this folder's node_modules: dist/cli.mjs,
// and beside it dist/sqlite-writer-thread.mjs, the SQLite writer's worker thread (without it the
// bundle would commit on its event loop). `npm ci && npm start` here needs nothing from the
// repository's root but ../shared. `node build.mjs <dir>` builds into another folder (the benchmark).
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
await build({
  entryPoints: { cli: join(here, 'cli.ts'), 'sqlite-writer-thread': join(here, 'store/sqlite-writer-thread.ts') },
  outdir: process.argv[2] ?? join(here, 'dist'),
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // npm packages stay imports (better-sqlite3 is native; pino starts worker files of its own).
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
  metafile: process.env.FORWARDER_BUILD_META === '1',
}).then((r) => {
  if (r.metafile) process.stdout.write(JSON.stringify(r.metafile));
});
