// Exports a manager can reach in the desktop app: "Save as…" (the save dialog, then a copy of the file)
// and "Show in folder", with stand-ins for Electron's dialog and shell, over a real terminal app on the
// sandbox with a real CSV export. Only files in the data folder's exports/ are reachable, with the PIN.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportExport } from '../../../shared';
import { startSandbox, type Sandbox } from '../../../sandbox/index';
import type { TerminalApp } from '../../../electron/app/terminal-app';
import { createExportFiles, type SaveDialog } from '../../../electron/shell/export-files';
import { tempDir } from '../../support/temp';
import { NO_PDF, TEST_PIN, terminalApps } from '../../support/terminal-app';

const PIN = TEST_PIN;
const apps = terminalApps('export-files', { scope: 'file' });
let sandbox: Sandbox;
let app: TerminalApp;
let browserApp: TerminalApp;
let dir: string;
let out: string;
const asked: Parameters<SaveDialog['showSaveDialog']>[0][] = [];
const shown: string[] = [];
let answer: { canceled: boolean; filePath?: string } = { canceled: true };

beforeAll(async () => {
  sandbox = await startSandbox({ country: 'SG', quiet: true });
  out = tempDir('export-files-out').dir;
  const dialog: SaveDialog = {
    showSaveDialog: (options) => {
      asked.push(options);
      return Promise.resolve(answer);
    },
  };
  const common = { pollIntervalMs: 0, pdfPrinter: NO_PDF };
  app = await apps.configured(sandbox, { ...common, shell: 'electron', exportFiles: createExportFiles({ dialog, shell: { showItemInFolder: (p) => shown.push(p) }, defaultDir: () => out }) });
  dir = app.dataDir;
  browserApp = await apps.open(common);
  expect(await browserApp.invoke('settings:update', { managerPin: PIN })).toMatchObject({ ok: true });
});
afterAll(async () => {
  await apps.closeAll();
  await sandbox?.stop();
  rmSync(out, { recursive: true, force: true });
});

async function exportCsv(): Promise<ReportExport> {
  const day = new Date().toISOString().slice(0, 10);
  const r = await app.invoke('reports:export', { day, format: 'csv-sales', pin: PIN });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value as ReportExport;
}

describe('exports in the desktop app', () => {
  it('Save as… opens the dialog on the downloads folder with the file name and copies the file where the manager chose', async () => {
    const exp = await exportCsv();
    expect(path.dirname(exp.location)).toBe(path.join(dir, 'exports'));
    const target = path.join(out, 'my-report.csv');
    answer = { canceled: false, filePath: target };
    expect(await app.invoke('reports:saveAs', { fileName: exp.fileName, pin: PIN })).toEqual({ ok: true, value: { savedTo: target } });
    expect(asked.at(-1)).toMatchObject({ defaultPath: path.join(out, exp.fileName), filters: [{ extensions: ['csv'] }] });
    expect(readFileSync(target).equals(readFileSync(exp.location))).toBe(true);
    // The exports folder keeps its own copy.
    expect(existsSync(exp.location)).toBe(true);
  });

  it('a cancelled dialog copies nothing; Show in folder opens the file manager at the file in exports/', async () => {
    const exp = await exportCsv();
    answer = { canceled: true };
    expect(await app.invoke('reports:saveAs', { fileName: exp.fileName, pin: PIN })).toEqual({ ok: true, value: { savedTo: null } });
    expect(await app.invoke('reports:showInFolder', { fileName: exp.fileName, pin: PIN })).toEqual({ ok: true, value: { shown: true } });
    expect(shown.at(-1)).toBe(path.join(dir, 'exports', exp.fileName));
  });

  it('only an existing file of exports/, only with the PIN; browser mode downloads instead', async () => {
    const exp = await exportCsv();
    const dialogs = asked.length;
    const folders = shown.length;
    for (const fileName of ['../settings.json', '..', '.hidden', 'a/b.csv', '']) {
      expect(await app.invoke('reports:saveAs', { fileName, pin: PIN }), fileName).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    // settings.json exists in the data folder, but not among the exports.
    expect(await app.invoke('reports:showInFolder', { fileName: 'settings.json', pin: PIN })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await app.invoke('reports:saveAs', { fileName: exp.fileName, pin: '000000' })).toMatchObject({ ok: false, error: { code: 'pin_invalid' } });
    expect(await app.invoke('reports:saveAs', { fileName: exp.fileName })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(asked.length).toBe(dialogs);
    expect(shown.length).toBe(folders);
    expect(await browserApp.invoke('reports:saveAs', { fileName: exp.fileName, pin: PIN })).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });
});
