// The `token create` race across real processes, once: their SQLite locks go through the OS (fcntl), which
// threads of one process never exercise, and each CLI must exit 0 with nothing on stderr. The many
// rounds run in-process in migrate.test.ts.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forwarderCli } from '../support/node-bundle';
import { issuedTokens, tempDir } from './helpers';
import { SQLITE_SCHEMA_VERSION } from '../../forwarder/store/sqlite';

const tmp = tempDir('migrate-processes');
let cli: string;
beforeAll(async () => {
  cli = await forwarderCli();
});
afterAll(() => tmp.cleanup());

function tokenCreate(dataDir: string, terminal: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [cli, 'token', 'create', terminal], { env: { ...process.env, FORWARDER_QUIET: '1', FORWARDER_DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((res) => child.once('exit', (code) => res({ code, stdout, stderr })));
}

it('4 `token create` processes at once on a new data dir all succeed', async () => {
  const dataDir = join(tmp.dir, 'data');
  const runs = await Promise.all(Array.from({ length: 4 }, (_, i) => tokenCreate(dataDir, `counter-${i}`)));
  for (const r of runs) {
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\S{20,}$/);
  }
  expect(issuedTokens(dataDir)).toEqual({ tokens: 4, version: SQLITE_SCHEMA_VERSION });
}, 60_000);
