// One field spec (shared/settings-fields.ts) drives the settings store, its public view, the Settings
// form's draft and the wizard: a field added there shows up in each, with its defaults and its keeping.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashPin } from '../../electron/app/manager-pin';
import { openFileSecretBox } from '../../electron/app/file-secret-box';
import { DEFAULT_SETTINGS, openSettingsStore } from '../../electron/app/settings-store';
import { SETTINGS_FIELDS, SETTING_FIELD_NAMES, isWriteOnly, settingFields } from '../../shared';
import { draftOf, patchOf } from '../../renderer/cashier/settings/draft';
import { candidateOf, wizardStart } from '../../renderer/cashier/settings/live-channels';
import { tempDir } from '../support/temp';

const open = (dir: string) => openSettingsStore({ dataDir: dir, secretBox: openFileSecretBox(dir), hashPin });

describe('the settings field spec', () => {
  it('gives a fresh terminal every default, and the public view each field or only whether it is set', () => {
    const view = open(tempDir('fields').dir).publicView() as unknown as Record<string, unknown>;
    for (const k of SETTING_FIELD_NAMES) {
      const d = SETTINGS_FIELDS[k].default;
      if (isWriteOnly(k)) {
        expect(view, k).not.toHaveProperty(k);
        expect(view[`${k}Set`], k).toBe(false);
      } else if (d === undefined) expect(view, k).not.toHaveProperty(k);
      else expect(view[k], k).toEqual(d);
    }
    expect(DEFAULT_SETTINGS).toMatchObject({ mode: 'live', manualCapture: 'unknown', opnSecretKeySealed: '', forwarderTokenSealed: '', managerPinHash: '' });
  });

  it('a new address forgets the secret bound to it; leaving the demo forgets everything the demo brought', () => {
    const { dir } = tempDir('fields');
    const store = open(dir);
    store.update({ opnSecretKey: 'skey_test_abc123', forwarderUrl: 'wss://relay.example/terminals', forwarderToken: 'tok_0123456789abcdef' }, { mode: 'demo' });
    store.update({ forwarderUrl: 'wss://other.example/terminals' });
    expect(store.secrets()).toEqual({ opnSecretKey: 'skey_test_abc123', forwarderToken: '' });
    store.update({ opnApiBase: 'https://api.example.test/' });
    expect(store.get().opnApiBase).toBe('https://api.example.test');
    expect(store.secrets().opnSecretKey).toBe('');
    store.update({ opnPublicKey: 'pkey_test_1', opnSecretKey: 'skey_test_2' });
    store.update({}, { mode: 'live', forgetDemoCredentials: true });
    for (const k of settingFields('demo')) expect(store.publicView()).toMatchObject(isWriteOnly(k) ? { [`${k}Set`]: false } : { [k]: SETTINGS_FIELDS[k].default });
    expect(JSON.parse(readFileSync(path.join(dir, 'settings.json'), 'utf8'))).toMatchObject({ opnSecretKeySealed: '', forwarderTokenSealed: '' });
  });

  it('the form edits exactly its fields and the wizard asks exactly its own', () => {
    const view = open(tempDir('fields').dir).publicView();
    expect(Object.keys(draftOf(view)).sort()).toEqual(settingFields('form').sort());
    expect(patchOf(draftOf(view), view)).toEqual({});
    const start = wizardStart({ ...view, mode: 'demo', opnApiBase: 'http://127.0.0.1:4010', forwarderUrl: 'ws://127.0.0.1:4011/terminals' });
    expect(start).toEqual({ opnApiBase: 'https://api.omise.co', opnPublicKey: '', opnSecretKey: '', forwarderUrl: '', forwarderToken: '' });
    expect(Object.keys(candidateOf(start, 'counter-1')).sort()).toEqual([...settingFields('wizard'), 'terminalId'].sort());
  });
});
