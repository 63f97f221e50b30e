// What the Opn account showed about manual capture (issue 20, point 3) is kept in the settings file, set only
// by the main process, shown in the public view, and forgotten when the account changes (address or key).
import { rmSync } from 'node:fs';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { hashPin } from '../../../electron/app/manager-pin';
import { openFileSecretBox } from '../../../electron/app/file-secret-box';
import { openSettingsStore } from '../../../electron/app/settings-store';
import { settingsUpdateSchema } from '../../../shared';
import { tempDir } from '../../support/temp';

let dir: string;
beforeEach(() => {
  dir = tempDir('settings-capture').dir;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const open = () => openSettingsStore({ dataDir: dir, secretBox: openFileSecretBox(dir), hashPin });

it('is unknown at first, recorded by the main process, kept across restarts, and reset for another account', () => {
  const store = open();
  expect(store.publicView().manualCapture).toBe('unknown');
  store.update({}, { manualCapture: 'refused' });
  expect(open().publicView().manualCapture).toBe('refused');
  // A renderer cannot set it: the update schema does not know the field.
  const fromRenderer = settingsUpdateSchema.safeParse({ manualCapture: 'supported' });
  expect(fromRenderer.success && 'manualCapture' in fromRenderer.data).toBe(false);
  store.update({ shopName: 'Kopi' });
  expect(store.get().manualCapture).toBe('refused');
  store.update({ opnSecretKey: 'skey_test_another0account' });
  expect(store.get().manualCapture).toBe('unknown');
  store.update({}, { manualCapture: 'supported' });
  store.update({ opnApiBase: 'https://api.example.test' });
  expect(store.get().manualCapture).toBe('unknown');
});
