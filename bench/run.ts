// `npm run bench`: runs every bench/*.bench.ts (or those named on the command line) in turn. A name
// also runs its parts: `reports` runs reports.bench.ts and reports-*.bench.ts.
// Each benchmark measures against a baseline in the same run and writes bench/results/<area>.{json,md}.
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => basename(f, '.bench.ts') === w || basename(f, '.bench.ts').startsWith(`${w}-`)))
  .sort();

if (files.length === 0) {
  console.error(`bench: nothing to run${wanted.length ? ` (asked for ${wanted.join(', ')})` : ''}`);
  process.exit(2);
}

let failed = 0;
for (const file of files) {
  const name = basename(file, '.bench.ts');
  console.log(`\n== ${name}`);
  const started = performance.now();
  try {
    const mod = (await import(pathToFileURL(join(here, file)).href)) as { default?: () => Promise<unknown> };
    if (typeof mod.default !== 'function') throw new Error(`${file} has no default-exported function`);
    await mod.default();
    console.log(`== ${name} done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } catch (error) {
    failed++;
    console.error(`== ${name} failed:`, error);
  }
}
process.exit(failed ? 1 : 0);
