// Builds the forwarder on its own: one ES module (dist/cli.mjs) with ../shared's sources compiled in and
// the packages of this folder's package.json left as imports, resolved from this folder's node_modules.
// `npm ci && npm start` here needs nothing from the repository's root but ../shared.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
await build({
  entryPoints: [join(here, 'cli.ts')],
  outfile: join(here, 'dist/cli.mjs'),
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
