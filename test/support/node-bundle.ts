// A TypeScript entry (a CLI, a child fixture) bundled once into one plain ESM file, for tests that start it
// as a process or a worker many times: through tsx every start would compile it again. Packages stay
// external (resolved through a node_modules link beside the bundle). The forwarder's CLI is built by its
// own build script instead (forwarderCli), as it ships. Built once per test file and entry; removed after
// the file.
import path from 'node:path';
import { build } from 'esbuild';
import { buildForwarderInto, linkCheckoutPackages } from '../../scripts/forwarder-build-dir.mjs';
import { atFileEnd } from './cleanup';
import { tempDir } from './temp';

const ROOT = path.resolve(import.meta.dirname, '../..');
const built = new Map<string, Promise<string>>();

async function bundle(entry: string, outfile: string): Promise<void> {
  await build({ entryPoints: [path.resolve(ROOT, entry)], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile, logLevel: 'silent' });
}

/** Built once per test file under `key`; its folder goes at the file's end. */
function once(key: string, make: () => Promise<string>): Promise<string> {
  let out = built.get(key);
  if (!out) {
    out = make();
    built.set(key, out);
    // Its folder goes at the file's end; the next file (same worker: no isolation) builds its own.
    void atFileEnd(() => void built.delete(key));
  }
  return out;
}

export function nodeBundle(entry: string): Promise<string> {
  const file = path.resolve(ROOT, entry);
  return once(file, async () => {
    const dir = tempDir('bundle').dir;
    linkCheckoutPackages(dir);
    const outfile = path.join(dir, `${path.basename(file, path.extname(file))}.mjs`);
    await bundle(file, outfile);
    return outfile;
  });
}

/** The forwarder's CLI as forwarder/build.mjs builds it (dist/cli.mjs, its SQLite writer thread beside it). */
export const forwarderCli = (): Promise<string> => once('forwarder build', async () => path.join(await buildForwarderInto(tempDir('forwarder').dir), 'cli.mjs'));
