// A TypeScript entry (a CLI, a child fixture) bundled once into one plain ESM file, for tests that start it
// as a process or a worker many times: through tsx every start would compile it again. Packages stay
// external (resolved through a node_modules link beside the bundle). Built once per test file and entry;
// removed after the file.
import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { tempDir } from './temp';

const ROOT = path.resolve(import.meta.dirname, '../..');
const built = new Map<string, Promise<string>>();

export function nodeBundle(entry: string): Promise<string> {
  const file = path.resolve(ROOT, entry);
  let out = built.get(file);
  if (!out) {
    out = (async () => {
      const dir = tempDir('bundle').dir;
      symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
      const outfile = path.join(dir, `${path.basename(file, path.extname(file))}.mjs`);
      await build({ entryPoints: [file], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile, logLevel: 'silent' });
      return outfile;
    })();
    built.set(file, out);
  }
  return out;
}
