// A TypeScript entry (a CLI, a child fixture) bundled once into one plain ESM file, for tests that start it
// as a process or a worker many times: through tsx every start would compile it again. Packages stay
// external (resolved through a node_modules link beside the bundle). `beside` bundles more entries next to
// it under the names the code looks for (the forwarder's SQLite writer-thread entry). Built once per test
// file and entry; removed after the file.
import { symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { atFileEnd } from './cleanup';
import { tempDir } from './temp';

const ROOT = path.resolve(import.meta.dirname, '../..');
const built = new Map<string, Promise<string>>();

async function bundle(entry: string, outfile: string): Promise<void> {
  await build({ entryPoints: [path.resolve(ROOT, entry)], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile, logLevel: 'silent' });
}

export function nodeBundle(entry: string, beside: Readonly<Record<string, string>> = {}): Promise<string> {
  const file = path.resolve(ROOT, entry);
  const key = JSON.stringify([file, beside]);
  let out = built.get(key);
  if (!out) {
    out = (async () => {
      const dir = tempDir('bundle').dir;
      symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
      // .js files next to the bundle are ES modules too
      writeFileSync(path.join(dir, 'package.json'), '{"type":"module"}\n');
      const outfile = path.join(dir, `${path.basename(file, path.extname(file))}.mjs`);
      await Promise.all([bundle(file, outfile), ...Object.entries(beside).map(([name, src]) => bundle(src, path.join(dir, name)))]);
      return outfile;
    })();
    built.set(key, out);
    // Its folder goes at the file's end; the next file (same worker: no isolation) builds its own.
    void atFileEnd(() => void built.delete(key));
  }
  return out;
}

/** The forwarder's CLI (`npm run forwarder`) as one bundle, its SQLite writer thread beside it as in the source tree. */
export const forwarderCli = (): Promise<string> => nodeBundle('forwarder/cli.ts', { 'sqlite-writer-thread.mjs': 'forwarder/store/sqlite-writer-thread.ts' });
