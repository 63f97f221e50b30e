// The QR validity (1–15 minutes, default 5) and the customer display's checkout ('hosted' | 'qr'):
// additive settings; files written before them still open, with the defaults.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashPin } from '../../../electron/app/manager-pin';
import { openFileSecretBox } from '../../../electron/app/file-secret-box';
import { openSettingsStore } from '../../../electron/app/settings-store';
import { settingsUpdateSchema } from '../../../shared';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'kp-settings-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const open = () => openSettingsStore({ dataDir: dir, secretBox: openFileSecretBox(dir), hashPin });

describe('QR validity and display checkout settings', () => {
  it('default 5 minutes and hosted; an older file without the fields opens with those defaults', () => {
    const store = open();
    expect(store.publicView()).toMatchObject({ qrValidityMinutes: 5, displayCheckout: 'hosted' });
    store.update({ shopName: 'Old' });
    const file = path.join(dir, 'settings.json');
    const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    delete json.qrValidityMinutes;
    delete json.displayCheckout;
    writeFileSync(file, JSON.stringify(json));
    expect(open().publicView()).toMatchObject({ shopName: 'Old', qrValidityMinutes: 5, displayCheckout: 'hosted' });
  });

  it('accepts 1–15 whole minutes and hosted|qr; anything else is refused at the boundary', () => {
    const store = open();
    store.update({ qrValidityMinutes: 15, displayCheckout: 'qr' });
    expect(open().publicView()).toMatchObject({ qrValidityMinutes: 15, displayCheckout: 'qr' });
    for (const bad of [{ qrValidityMinutes: 0 }, { qrValidityMinutes: 16 }, { qrValidityMinutes: 2.5 }, { displayCheckout: 'iframe' }]) {
      expect(settingsUpdateSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    expect(settingsUpdateSchema.safeParse({ qrValidityMinutes: 1 }).success).toBe(true);
  });
});
