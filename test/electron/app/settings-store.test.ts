// The settings file: secrets sealed, the PIN only as a hash, zod on every read, atomic writes.
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashPin, verifyPin } from '../../../electron/app/manager-pin';
import { openFileSecretBox } from '../../../electron/app/file-secret-box';
import { SettingsFileError, openSettingsStore } from '../../../electron/app/settings-store';
import { tempDir } from '../../support/temp';

let dir: string;
beforeEach(() => {
  dir = tempDir('settings').dir;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const open = () => openSettingsStore({ dataDir: dir, secretBox: openFileSecretBox(dir), hashPin });

describe('settings store', () => {
  it('keeps secrets sealed and the PIN hashed on disk; the public view only says they are set', () => {
    const store = open();
    store.update({ opnSecretKey: 'skey_test_abcdef123', forwarderToken: 'tok_0123456789abcdef_secret', managerPin: '482913' });
    const file = readFileSync(path.join(dir, 'settings.json'), 'utf8');
    expect(file).not.toContain('skey_test_abcdef123');
    expect(file).not.toContain('0123456789abcdef_secret');
    expect(file).not.toContain('482913');
    expect(statSync(path.join(dir, 'settings.json')).mode & 0o077).toBe(0);
    const reopened = open();
    expect(reopened.secrets()).toEqual({ opnSecretKey: 'skey_test_abcdef123', forwarderToken: 'tok_0123456789abcdef_secret' });
    expect(verifyPin('482913', reopened.get().managerPinHash)).toBe(true);
    expect(JSON.stringify(reopened.publicView())).not.toMatch(/skey_|secret|482913|scrypt/);
    expect(reopened.publicView()).toMatchObject({ opnSecretKeySet: true, forwarderTokenSet: true, managerPinSet: true });
  });

  it('moves currency zone and Thai language with the country', () => {
    const store = open();
    store.update({ country: 'TH' });
    expect(store.get()).toMatchObject({ country: 'TH', timeZone: 'Asia/Bangkok', displayLanguages: ['ko', 'en', 'th'] });
    store.update({ country: 'SG' });
    expect(store.get()).toMatchObject({ country: 'SG', timeZone: 'Asia/Singapore', displayLanguages: ['ko', 'en'] });
  });

  it('refuses a damaged or hand-edited file with a typed error and changes nothing', () => {
    const file = path.join(dir, 'settings.json');
    writeFileSync(file, '{ not json');
    expect(() => open()).toThrow(SettingsFileError);
    const store = (writeFileSync(file, ''), rmSync(file), open());
    store.update({ shopName: 'Kimchi Corner' });
    const edited = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    writeFileSync(file, JSON.stringify({ ...edited, country: 'KR' }));
    expect(() => open()).toThrow(/country/);
    expect(readFileSync(file, 'utf8')).toContain('"KR"');
  });
});

describe('leaving the demo', () => {
  it('forgets the sandbox address, demo keys and demo forwarder, keeping what the shop entered', () => {
    const store = open();
    store.update({ opnApiBase: 'http://127.0.0.1:4100', opnSecretKey: 'skey_test_sandbox1', forwarderUrl: 'ws://127.0.0.1:4200/terminals', forwarderToken: 'demo-token-0123456789' }, { mode: 'demo' });
    store.update({ opnSecretKey: 'skey_live_realkey9' }, { mode: 'live', forgetDemoCredentials: true });
    expect(store.get()).toMatchObject({ mode: 'live', opnApiBase: 'https://api.omise.co', forwarderUrl: '', forwarderTokenSealed: '' });
    expect(store.secrets()).toEqual({ opnSecretKey: 'skey_live_realkey9', forwarderToken: '' });
  });
});

describe('display languages and test keys in the public view', () => {
  it('the display shows its languages in one defined order, whatever order they were ticked', () => {
    const store = open();
    store.update({ displayLanguages: ['th', 'en', 'ko'] });
    expect(store.get().displayLanguages).toEqual(['ko', 'en', 'th']);
    store.update({ displayLanguages: ['en', 'ko'] });
    expect(store.publicView().displayLanguages).toEqual(['ko', 'en']);
    store.update({ displayLanguages: ['ko', 'en'] });
    expect(store.publicView().displayLanguages).toEqual(['ko', 'en']);
  });

  it('says when the Opn keys are test keys (the secret key decides), never showing a key', () => {
    const store = open();
    expect(store.publicView().opnTestKeys).toBe(false);
    store.update({ opnPublicKey: 'pkey_test_5xabc' });
    expect(store.publicView().opnTestKeys).toBe(true);
    store.update({ opnSecretKey: 'skey_5xlivelivelive' });
    expect(store.publicView().opnTestKeys).toBe(false);
    store.update({ opnSecretKey: 'skey_test_5xtesttesttest' });
    expect(store.publicView().opnTestKeys).toBe(true);
    expect(JSON.stringify(store.publicView())).not.toContain('skey_');
  });
});
