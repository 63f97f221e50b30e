// What ships is what runs: the root package's production dependencies are exactly the packages the
// Electron main bundle leaves as run-time imports (what electron-builder packs into the app), and the
// forwarder's own package.json lists exactly what its bundle imports (plus esbuild, which builds it).
import { build, type BuildOptions } from 'esbuild';
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildForwarderInto } from '../../scripts/forwarder-build-dir.mjs';
import { MAIN_EXTERNALS, OPTIONAL_IMPORTS, mainBundleOptions } from '../../scripts/main-bundle.mjs';
import { tempDir } from '../support/temp';

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

  it('the forwarder build (forwarder/build.mjs, what the Dockerfile and the systemd unit run) commits on its SQLite writer thread', async () => {
    // Built by the real build script, into a folder that resolves the repository's packages (as the
    // forwarder's own npm ci would provide); the data in another.
    const tmp = tempDir('forwarder-build');
    const dist = await buildForwarderInto(tmp.dir);
    const dataDir = path.join(tmp.dir, 'data');
    mkdirSync(dataDir, { mode: 0o700 });
    const secret = Buffer.from('shipping-test-webhook-secret-32by').toString('base64');
    const start = async (): Promise<{ line: string; stop: () => void }> => {
      const child = spawn(process.execPath, [path.join(dist, 'cli.mjs'), '--port', '0'], { env: { ...process.env, FORWARDER_QUIET: '1', FORWARDER_DATA_DIR: dataDir, OPN_WEBHOOK_SECRET: secret }, stdio: ['ignore', 'pipe', 'pipe'] });
      const line = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /^forwarder listening on .*$/m.exec(out);
          if (m) resolve(m[0]);
        });
        child.once('exit', (code) => reject(new Error(`forwarder exited ${code}`)));
      });
      return { line, stop: () => child.kill('SIGKILL') };
    };
    try {
      const fwd = await start();
      try {
        expect(fwd.line).toContain('store: sqlite, writer thread');
        // A write through the thread: a signed webhook for no terminal is kept as a dead letter (202).
        const url = `${/listening on (http:\/\/\S+)/.exec(fwd.line)?.[1] ?? ''}/webhooks/opn`;
        const body = JSON.stringify({ object: 'event', id: 'evnt_ship_1', key: 'charge.complete', data: { object: 'charge', id: 'chrg_ship_1', metadata: {} } });
        const ts = Math.floor(Date.now() / 1000);
        const signature = createHmac('sha256', Buffer.from(secret, 'base64')).update(`${ts}.${body}`).digest('hex');
        const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', 'omise-signature': signature, 'omise-signature-timestamp': String(ts) } });
        expect(res.status).toBe(202);
      } finally {
        fwd.stop();
      }
      // Without its thread entry beside it, the bundle still serves, committing on its event loop.
      rmSync(path.join(dist, 'sqlite-writer-thread.mjs'));
      const alone = await start();
      alone.stop();
      expect(alone.line).toContain('store: sqlite, writer on the event loop');
    } finally {
      tmp.cleanup();
    }
  }, 60_000);
});
