// The terminal SIGKILLed mid-checkout (issue 23): browser mode runs as its own process on a fixed data
// folder, live on test keys against a standalone sandbox (which outlives it, as Opn would), the POS link
// on. The reference till starts a payment; the terminal is killed while the customer looks at the QR and
// started again; the checkout resumes (same sale, same charge), the customer pays, and the till, which
// kept reconnecting, prints completed. One charge at Opn.
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/index';
import { openFileSecretBox } from '../../electron/app/file-secret-box';
import { hashPin } from '../../electron/app/manager-pin';
import { openSettingsStore } from '../../electron/app/settings-store';
import { openPosDb, setConfig } from '../../electron/pos-link/db';
import { PosKeys } from '../../electron/pos-link/keys';
import { runTill } from '../../tools/pos-till/till';
import { freePort } from '../support/servers';
import { tempDir } from '../support/temp';
import { waitFor } from '../support/wait';
import { buildRenderer } from './stack';
import { startTerminalProcess } from './terminal-process';

let rendererDir = '';
let dataDir = '';
let sandbox: Sandbox;
let port = 0;
let posPort = 0;
let errors = '';
let child: ChildProcessWithoutNullStreams | null = null;

async function startTerminal(): Promise<ChildProcessWithoutNullStreams> {
  return (await startTerminalProcess({ port, dataDir, rendererDir, onStderr: (t) => (errors += t) })).proc;
}

async function kill(): Promise<void> {
  const c = child;
  child = null;
  if (!c || c.exitCode !== null) return;
  const exited = new Promise((r) => c.once('exit', r));
  c.kill('SIGKILL');
  await exited;
}

beforeAll(async () => {
  rendererDir = await buildRenderer();
  dataDir = tempDir('pos-link-crash').dir;
  port = await freePort();
  posPort = await freePort();
  sandbox = await startSandbox({ country: 'SG', quiet: true });
  openSettingsStore({ dataDir, secretBox: openFileSecretBox(dataDir), hashPin }).update({ managerPin: '582901', shopName: 'Crash Test Cafe', opnApiBase: sandbox.baseUrl, opnSecretKey: sandbox.secretKey });
  // What Settings → POS link does: on, on this port, and a pairing code for the till.
  const db = openPosDb(path.join(dataDir, 'pos-link.sqlite'));
  setConfig(db, 'enabled', 'true');
  setConfig(db, 'allow_lan', 'false');
  setConfig(db, 'port', String(posPort));
  db.close();
}, 120_000);

afterAll(async () => {
  if (errors) console.error(`terminal stderr:\n${errors.slice(-3000)}`);
  await kill();
  await sandbox?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  if (rendererDir) rmSync(rendererDir, { recursive: true, force: true });
});

describe('the POS link when the terminal is killed mid-checkout', () => {
  it('the checkout resumes after the restart, the customer pays, the till prints completed; one charge', async () => {
    const db = openPosDb(path.join(dataDir, 'pos-link.sqlite'));
    const code = new PosKeys(db, () => new Date()).createPairingCode('Till 1', ['payments']);
    db.close();
    child = await startTerminal();
    const base = `http://127.0.0.1:${posPort}`;
    const configDir = tempDir('pos-till').dir;
    const out: string[] = [];
    const run = runTill(['pay', '12.50', '--ref', 'K-1', '--pair', code.code, '--url', base, '--config-dir', configDir], { out: (l) => out.push(l) });
    await waitFor(() => out.some((l) => l.startsWith('in_progress')), 'the till sees its checkout in progress', 30_000);
    const [charge] = sandbox.charges();
    expect(charge?.status).toBe('pending');
    await kill();
    child = await startTerminal();
    await sandbox.completeCharge(charge!.id, 'successful');
    expect(await run).toBe(0);
    expect(out.at(-1)).toMatch(/^completed · SGD 12\.50 · ref K-1 · chk_\w+ · sale_\w+ · chrg_\w+$/);
    expect(out.at(-1)).toContain(charge!.id);
    expect(sandbox.charges()).toHaveLength(1);
  }, 180_000);
});
