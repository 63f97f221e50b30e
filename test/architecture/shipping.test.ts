// What ships is what runs: the root package's production dependencies are exactly the packages the
// Electron main bundle leaves as run-time imports (what electron-builder packs into the app), and the
// forwarder's own package.json lists exactly what its bundle imports (plus esbuild, which builds it).
import { build, type BuildOptions } from 'esbuild';
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAIN_EXTERNALS, OPTIONAL_IMPORTS, mainBundleOptions } from '../../scripts/main-bundle.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');
const deps = (file: string): string[] => Object.keys((JSON.parse(readFileSync(file, 'utf8')) as { dependencies?: Record<string, string> }).dependencies ?? {}).sort();
const packageName = (spec: string): string => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] ?? spec));

/** Bare package imports left in a bundle (Node's built-ins aside). */
async function externalImports(options: BuildOptions): Promise<string[]> {
  const r = await build({ ...options, write: false, metafile: true, logLevel: 'silent', sourcemap: false });
  const found = new Set<string>();
  for (const output of Object.values(r.metafile.outputs)) {
    for (const imp of output.imports) if (imp.external && !imp.path.startsWith('node:') && !imp.path.startsWith('.') && !builtinModules.includes(packageName(imp.path))) found.add(packageName(imp.path));
  }
  return [...found].sort();
}

describe('what ships', () => {
  it('production dependencies are the main bundle\'s externals, each of them really imported', async () => {
    const imported = (await externalImports(mainBundleOptions(ROOT))).filter((p) => !OPTIONAL_IMPORTS.includes(p));
    // electron is provided by the runtime itself (a devDependency for electron-builder).
    expect(imported).toEqual([...MAIN_EXTERNALS].sort());
    expect(deps(path.join(ROOT, 'package.json'))).toEqual(MAIN_EXTERNALS.filter((p) => p !== 'electron').sort());
  }, 60_000);

  it('the forwarder package lists what its bundle imports, and nothing from the root', async () => {
    const dir = path.join(ROOT, 'forwarder');
    const imported = await externalImports({ entryPoints: [path.join(dir, 'cli.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', outfile: path.join(dir, 'dist/cli.mjs') });
    expect(deps(path.join(dir, 'package.json'))).toEqual([...imported, 'esbuild'].sort());
    const lock = JSON.parse(readFileSync(path.join(dir, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string }> };
    for (const name of imported) expect(lock.packages[`node_modules/${name}`]?.version, name).toMatch(/^\d+\.\d+\.\d+/);
  }, 60_000);

  it('docs/forwarder.md shows the systemd unit that ships beside the forwarder, verbatim', () => {
    const unit = readFileSync(path.join(ROOT, 'forwarder/kakaopay-forwarder.service'), 'utf8');
    expect(unit).toContain('ExecStart=/usr/bin/node dist/cli.mjs');
    expect(readFileSync(path.join(ROOT, 'docs/forwarder.md'), 'utf8')).toContain(unit);
  });
});
