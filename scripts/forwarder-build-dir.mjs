// The forwarder as forwarder/build.mjs builds it (dist/cli.mjs and its SQLite writer thread beside it:
// what the Dockerfile and the systemd unit run), in a folder outside the checkout that still resolves the
// checkout's packages (a node_modules link and an ES-module package.json beside dist/). One way to do it
// for the tests that start the forwarder's CLI, the build's own test and the benchmark (and the link for
// the tests' other bundles).
import { execFile } from 'node:child_process';
import { symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const ROOT = path.resolve(import.meta.dirname, '..');

/** Makes `dir` resolve this checkout's packages, its .js and .mjs files as ES modules. */
export function linkCheckoutPackages(dir) {
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  writeFileSync(path.join(dir, 'package.json'), '{"type":"module"}\n');
}

/** Builds into `<dir>/dist` and returns that folder; rejects with the build's stderr when it fails. */
export async function buildForwarderInto(dir) {
  linkCheckoutPackages(dir);
  const dist = path.join(dir, 'dist');
  await promisify(execFile)(process.execPath, [path.join(ROOT, 'forwarder/build.mjs'), dist]);
  return dist;
}
