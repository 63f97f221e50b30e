// Fuzzing the files the terminal reads at start: settings.json and pin-attempts.json, random or damaged
// (random bytes and JSON, a real file with one field broken, dropped or added, truncated, a byte
// flipped). Opening must refuse with the typed SettingsFileError or open what is valid, never crash,
// and never rewrite the file; a damaged PIN record must lock PIN entry (never unlock it). 1,000 cases
// each at the store level, and 1,000 more through the whole app start (createTerminalApp).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { GateError } from '../../electron/app/errors';
import { openFileSecretBox } from '../../electron/app/file-secret-box';
import { createManagerPin, hashPin } from '../../electron/app/manager-pin';
import { openAttemptsFile, PIN_ATTEMPTS_FILE } from '../../electron/app/manager-pin/attempts';
import { openSettingsStore, SETTINGS_FILE, SettingsFileError } from '../../electron/app/settings-store';
import type { TerminalApp } from '../../electron/app/terminal-app';
import { tempDir } from '../support/temp';
import { terminalApps } from '../support/terminal-app';
import { FUZZ_RUNS, FUZZ_SEED, NASTY_STRINGS, watchProcess } from './fuzz-support';

const PIN = '482913';
const root = tempDir('fuzz-files').dir;
const apps = terminalApps('fuzz-files');
let validSettings: Record<string, unknown>;
let pinHash: string;

beforeAll(() => {
  // A real settings file as the app writes it (a PIN, a shop name, the demo's sandbox address).
  const dir = path.join(root, 'seed');
  mkdirSync(dir, { recursive: true });
  const store = openSettingsStore({ dataDir: dir, secretBox: openFileSecretBox(dir), hashPin });
  store.update({ managerPin: PIN, shopName: 'Fuzz shop', opnApiBase: 'http://127.0.0.1:4010' });
  validSettings = JSON.parse(readFileSync(store.file, 'utf8')) as Record<string, unknown>;
  pinHash = store.get().managerPinHash;
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const nasty = fc.oneof(fc.constantFrom<unknown>(...NASTY_STRINGS, null, true, -1, Number.MAX_VALUE, 2 ** 60, [], {}, [1, 2]), fc.jsonValue({ maxDepth: 2 }));

/** Damaged variants of a real file's JSON: one field broken/dropped/added, truncated, a byte flipped. */
function damaged(valid: () => Record<string, unknown>): fc.Arbitrary<Buffer> {
  const text = (): string => `${JSON.stringify(valid(), null, 2)}\n`;
  return fc.oneof(
    fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
    fc.jsonValue({ maxDepth: 3 }).map((v) => Buffer.from(JSON.stringify(v))),
    fc.tuple(fc.nat(), nasty).map(([i, v]) => {
      const keys = Object.keys(valid());
      return Buffer.from(JSON.stringify({ ...valid(), [keys[i % keys.length] ?? 'x']: v }));
    }),
    fc.nat().map((i) => {
      const keys = Object.keys(valid());
      const drop = keys[i % keys.length];
      return Buffer.from(JSON.stringify(Object.fromEntries(Object.entries(valid()).filter(([k]) => k !== drop))));
    }),
    fc.tuple(fc.string({ minLength: 1, maxLength: 20 }), nasty).map(([k, v]) => Buffer.from(JSON.stringify({ ...valid(), [k]: v }))),
    fc.nat().map((i) => Buffer.from(text().slice(0, i % text().length))),
    fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })).map(([i, x]) => {
      const b = Buffer.from(text());
      const at = i % b.length;
      b[at] = (b[at] ?? 0) ^ x;
      return b;
    }),
    fc.constant(Buffer.from(`\ufeff${text()}`)),
    fc.constant(Buffer.alloc(0)),
  );
}

let caseNo = 0;
function caseDir(): string {
  const dir = path.join(root, `c${caseNo++}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

it(`settings.json: ${FUZZ_RUNS} generated files open or are refused with SettingsFileError, never rewritten (seed ${FUZZ_SEED})`, () => {
  const outcomes = { opened: 0, refused: 0 };
  const started = Date.now();
  fc.assert(
    fc.property(damaged(() => validSettings), (bytes) => {
      const dir = caseDir();
      const file = path.join(dir, SETTINGS_FILE);
      writeFileSync(file, bytes);
      try {
        openSettingsStore({ dataDir: dir, secretBox: openFileSecretBox(dir), hashPin });
        outcomes.opened += 1;
      } catch (error) {
        expect(error).toBeInstanceOf(SettingsFileError);
        expect((error as SettingsFileError).code).toBe('settings_invalid');
        outcomes.refused += 1;
      }
      expect(readFileSync(file).equals(bytes)).toBe(true);
      rmSync(dir, { recursive: true, force: true });
    }),
    { numRuns: FUZZ_RUNS, seed: FUZZ_SEED, endOnFailure: true },
  );
  console.log(`fuzz settings.json seed ${FUZZ_SEED}: ${FUZZ_RUNS} cases in ${Date.now() - started} ms, ${JSON.stringify(outcomes)}`);
  expect(outcomes.refused).toBeGreaterThan(FUZZ_RUNS / 2);
});

const validAttempts = (): Record<string, unknown> => ({ version: 1, failures: 2, lockouts: 1, lockedAt: 0, lockedUntil: 0 });

it(`pin-attempts.json: ${FUZZ_RUNS} generated records never unlock; damaged ones lock, opening never rewrites (seed ${FUZZ_SEED})`, () => {
  const outcomes = { locked: 0, accepted: 0 };
  const now = 1_800_000_000_000;
  const started = Date.now();
  fc.assert(
    fc.property(damaged(validAttempts), (bytes) => {
      const dir = caseDir();
      const file = path.join(dir, PIN_ATTEMPTS_FILE);
      writeFileSync(file, bytes);
      const pin = createManagerPin({ dataDir: dir, hash: () => pinHash, now: () => now });
      expect(readFileSync(file).equals(bytes)).toBe(true); // opening reads nothing yet, writes nothing
      const record = openAttemptsFile(dir).read();
      const lockedAlready = record !== 'damaged' && record.lockedUntil > now && record.lockedAt <= now;
      try {
        pin.check(PIN);
        expect(record).not.toBe('damaged');
        expect(lockedAlready).toBe(false);
        outcomes.accepted += 1;
      } catch (error) {
        expect(error).toBeInstanceOf(GateError);
        expect((error as GateError).code).toBe('pin_locked');
        expect(record === 'damaged' || (record.lockedUntil > 0 && record.lockedAt > now) || lockedAlready).toBe(true);
        // the damage became a lock on disk: a restart stays locked
        const after = openAttemptsFile(dir).read();
        expect(after !== 'damaged' && after.lockedUntil > now).toBe(true);
        outcomes.locked += 1;
      }
      rmSync(dir, { recursive: true, force: true });
    }),
    { numRuns: FUZZ_RUNS, seed: FUZZ_SEED, endOnFailure: true },
  );
  console.log(`fuzz pin-attempts.json seed ${FUZZ_SEED}: ${FUZZ_RUNS} cases in ${Date.now() - started} ms, ${JSON.stringify(outcomes)}`);
  expect(outcomes.locked).toBeGreaterThan(FUZZ_RUNS / 2);
}, 60_000);

const APP_RUNS = FUZZ_RUNS;

it(`the whole app start: ${APP_RUNS} damaged settings or PIN files refuse with a typed error or lock, files untouched (seed ${FUZZ_SEED})`, async () => {
  const watch = watchProcess();
  const outcomes = { refused: 0, lockedAfterOpen: 0 };
  const started = Date.now();
  try {
    await fc.assert(
      fc.asyncProperty(fc.boolean(), damaged(() => validSettings), damaged(validAttempts), async (settingsDamaged, settingsBytes, attemptsBytes) => {
        const dir = caseDir();
        const settingsFile = path.join(dir, SETTINGS_FILE);
        const attemptsFile = path.join(dir, PIN_ATTEMPTS_FILE);
        writeFileSync(settingsFile, settingsDamaged ? settingsBytes : `${JSON.stringify(validSettings, null, 2)}\n`);
        writeFileSync(attemptsFile, settingsDamaged ? Buffer.from(JSON.stringify(validAttempts())) : attemptsBytes);
        const settingsBefore = readFileSync(settingsFile);
        const attemptsBefore = readFileSync(attemptsFile);
        let opened: TerminalApp | null = null;
        try {
          opened = await apps.open({ dataDir: dir });
        } catch (error) {
          expect(error).toBeInstanceOf(SettingsFileError);
          outcomes.refused += 1;
        }
        try {
          fc.pre(opened !== null || settingsDamaged);
          expect(readFileSync(settingsFile).equals(settingsBefore)).toBe(true);
          expect(readFileSync(attemptsFile).equals(attemptsBefore)).toBe(true);
          if (opened && !settingsDamaged && openAttemptsFile(dir).read() === 'damaged') {
            expect(await opened.invoke('manager:unlock', { pin: PIN })).toMatchObject({ ok: false, error: { code: 'pin_locked' } });
            outcomes.lockedAfterOpen += 1;
          }
        } finally {
          await apps.closeAll();
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: APP_RUNS, seed: FUZZ_SEED, endOnFailure: true },
    );
  } finally {
    watch.stop();
  }
  console.log(`fuzz app start seed ${FUZZ_SEED}: ${APP_RUNS} cases in ${Date.now() - started} ms, ${JSON.stringify(outcomes)}`);
  expect(watch.problems).toEqual([]);
  expect(outcomes.refused).toBeGreaterThan(0);
  expect(outcomes.lockedAfterOpen).toBeGreaterThan(0);
}, 120_000);

it('a sealed secret that cannot be opened (found by this fuzzer) is a damaged file: SettingsFileError at open, file untouched', async () => {
  for (const sealed of ['__proto__', 'v1:AAAA', 'v1:' + Buffer.alloc(40, 1).toString('base64')]) {
    const dir = caseDir();
    const file = path.join(dir, SETTINGS_FILE);
    const bytes = Buffer.from(JSON.stringify({ ...validSettings, opnSecretKeySealed: sealed }));
    writeFileSync(file, bytes);
    expect(() => openSettingsStore({ dataDir: dir, secretBox: openFileSecretBox(dir), hashPin })).toThrow(/opnSecretKeySealed: cannot be opened/);
    await expect(apps.open({ dataDir: dir })).rejects.toBeInstanceOf(SettingsFileError);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  }
});
