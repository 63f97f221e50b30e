// Issue 21 pt 5: every data file the terminal and the forwarder write is readable only by its owner,
// 0600 in 0700 folders, even in a folder someone else made 0755 and with the usual 022 umask. Each
// writer runs for real (a sale, a print queue, a backup, an export, a wrong PIN; webhooks, a dead letter,
// a token), then every file and folder under the data folders is stat'ed.
import { chmodSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/index';
import { startForwarder } from '../../forwarder/index';
import { opnEvent, postWebhook, TEST_SECRET } from '../forwarder/helpers';
import { tempDir } from '../support/temp';
import { NO_PDF, TEST_PIN, terminalApps } from '../support/terminal-app';

const PIN = TEST_PIN;
const apps = terminalApps('modes-terminal');
let sandbox: Sandbox;
let umaskBefore: number | null = null;

beforeAll(async () => {
  // The common default: without the explicit modes, files would be 0644 and folders 0755.
  try {
    umaskBefore = process.umask(0o022);
  } catch {
    umaskBefore = null; // worker threads cannot set it; the usual 022 is then what the process has
  }
  sandbox = await startSandbox({ country: 'SG', quiet: true });
});
afterAll(async () => {
  if (umaskBefore !== null) process.umask(umaskBefore);
  await sandbox.stop();
});

/** Every file and folder below `root` (root included) with its permission bits, as "0600 path". */
function modes(root: string): string[] {
  const out: string[] = [];
  const walk = (p: string): void => {
    const st = statSync(p);
    out.push(`${(st.mode & 0o777).toString(8).padStart(4, '0')} ${path.relative(root, p) || '.'}${st.isDirectory() ? '/' : ''}`);
    if (st.isDirectory()) for (const name of readdirSync(p)) walk(path.join(p, name));
  };
  walk(root);
  return out.sort();
}

const notPrivate = (list: string[]): string[] => list.filter((line) => (line.endsWith('/') ? !line.startsWith('0700 ') : !line.startsWith('0600 ')));

/** A folder made by someone else, world-readable. */
function openFolder(label: string): string {
  const dir = path.join(tempDir(label).dir, 'data');
  mkdirSync(dir, { mode: 0o755 });
  chmodSync(dir, 0o755);
  return dir;
}

describe('data files are 0600 in 0700 folders', () => {
  it('the terminal: settings, secret key, PIN record, receipt log (-wal/-shm), print queue, backup, export', async () => {
    const dataDir = openFolder('modes-terminal');
    const app = await apps.configured(sandbox, { dataDir, pollIntervalMs: 0, pdfPrinter: NO_PDF });
    try {
      expect(await app.invoke('sale:start', { amount: 1000, currency: 'SGD' })).toMatchObject({ ok: true });
      expect(await app.invoke('reports:listZ', { pin: '000000' })).toMatchObject({ ok: false, error: { code: 'pin_invalid' } });
      await app.runtime.core().store.backupIfDue(); // today's, unless the start already made it
      const day = new Date().toISOString().slice(0, 10);
      expect(await app.invoke('reports:export', { day, pin: PIN, format: 'csv-sales' })).toMatchObject({ ok: true });

      const list = modes(dataDir);
      // Each writer ran: its files are there.
      for (const name of ['settings.json', 'secret.key', 'receipts.sqlite', 'receipts.sqlite-wal', 'receipts.sqlite-shm', 'print-queue.db', 'backups/', 'exports/']) {
        expect(list.some((l) => l.slice(5).startsWith(name))).toBe(true);
      }
      expect(list.filter((l) => /pin/.test(l))).not.toEqual([]);
      expect(list.filter((l) => l.slice(5).startsWith('exports/') && !l.endsWith('/'))).toHaveLength(1);
      expect(list.filter((l) => l.slice(5).startsWith('backups/') && !l.endsWith('/'))).toHaveLength(1);
      expect(notPrivate(list)).toEqual([]);
    } finally {
      await apps.closeAll();
    }
    // After closing too (SQLite checkpoints and removes or rewrites its side files).
    expect(notPrivate(modes(dataDir))).toEqual([]);
  }, 60_000);

  it('the forwarder: its database (raw bodies, dead letters) and side files', async () => {
    const dataDir = openFolder('modes-forwarder');
    const fwd = await startForwarder({ dataDir, webhookSecret: TEST_SECRET, quiet: true });
    try {
      await fwd.createToken('modes-1');
      expect((await postWebhook(fwd.webhookUrl, opnEvent('evnt_modes_1', 'modes-1'), { secret: TEST_SECRET })).status).toBe(200);
      expect((await postWebhook(fwd.webhookUrl, opnEvent('evnt_modes_dl', 'nobody'), { secret: TEST_SECRET })).status).toBe(202);
      expect(await fwd.listDeadLetters()).toHaveLength(1);
      const list = modes(dataDir);
      for (const name of ['forwarder.sqlite', 'forwarder.sqlite-wal', 'forwarder.sqlite-shm']) expect(list).toContain(`0600 ${name}`);
      expect(list).toContain('0700 ./');
      expect(notPrivate(list)).toEqual([]);
    } finally {
      await fwd.stop();
    }
    expect(notPrivate(modes(dataDir))).toEqual([]);
  }, 60_000);

  it('a file an older build left world-readable is tightened when opened again', async () => {
    const dataDir = openFolder('modes-upgrade');
    const first = await startForwarder({ dataDir, webhookSecret: TEST_SECRET, quiet: true });
    await first.stop();
    chmodSync(path.join(dataDir, 'forwarder.sqlite'), 0o644);
    chmodSync(dataDir, 0o755);
    const again = await startForwarder({ dataDir, webhookSecret: TEST_SECRET, quiet: true });
    await again.stop();
    expect(notPrivate(modes(dataDir))).toEqual([]);
  }, 60_000);
});
