// Settings → POS link through the app's one door (gate + handlers): every `posLink:*` channel needs the
// manager PIN and the cashier's window (the customer display is refused), bad input is refused with the
// field named before anything is asked of the POS link, and a terminal whose POS link is not running
// answers the typed `pos_link_unavailable` (worded in every cashier language).
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openFileSecretBox } from '../../../electron/app/file-secret-box';
import { createTerminalApp, type TerminalApp } from '../../../electron/app/terminal-app';
import { silentLogger } from '../../../electron/core';
import { cashierTexts, errorText } from '../../../shared';
import { tempDir } from '../../support/temp';

const dirs: string[] = [];
const apps: TerminalApp[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function withPin(pin: string): Promise<TerminalApp> {
  const dir = tempDir('pos-link-settings').dir;
  dirs.push(dir);
  const app = await createTerminalApp({ dataDir: dir, shell: 'browser', secretBox: openFileSecretBox(dir), logger: silentLogger() });
  apps.push(app);
  expect(await app.invoke('settings:update', { managerPin: pin })).toMatchObject({ ok: true });
  return app;
}

const CALLS: [string, Record<string, unknown>][] = [
  ['posLink:status', {}],
  ['posLink:configure', { enabled: true, allowLan: false }],
  ['posLink:pair', { name: 'Till 1', scopes: ['payments'] }],
  ['posLink:revoke', { id: 'key_1' }],
];

describe('Settings → POS link channels', () => {
  it('need the manager PIN: a request without one, or with a wrong one, is refused', async () => {
    const app = await withPin('482913');
    for (const [channel, input] of CALLS) {
      // No PIN at all: the request itself is incomplete (the schema adds `pin` to every PIN channel).
      expect(await app.invoke(channel, input), channel).toMatchObject({ ok: false, error: { code: 'invalid_input', data: { field: 'pin' } } });
      expect(await app.invoke(channel, { ...input, pin: '111111' }), channel).toMatchObject({ ok: false, error: { code: 'pin_invalid' } });
    }
  });

  it('are the cashier\'s only: the customer display is refused', async () => {
    const app = await withPin('482913');
    for (const [channel, input] of CALLS) {
      expect(await app.invoke(channel, { ...input, pin: '482913' }, 'display'), channel).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
  });

  it('refuse bad input with the field named', async () => {
    const app = await withPin('482913');
    const bad: [string, Record<string, unknown>, string][] = [
      ['posLink:configure', { enabled: 'yes', allowLan: false }, 'enabled'],
      ['posLink:configure', { enabled: true }, 'allowLan'],
      ['posLink:pair', { name: '   ', scopes: ['payments'] }, 'name'],
      ['posLink:pair', { name: 'x'.repeat(41), scopes: ['payments'] }, 'name'],
      ['posLink:pair', { name: 'Till\u0007', scopes: ['payments'] }, 'name'],
      ['posLink:pair', { name: 'Till 1', scopes: [] }, 'scopes'],
      ['posLink:pair', { name: 'Till 1', scopes: ['admin'] }, 'scopes.0'],
      ['posLink:pair', { name: 'Till 1', scopes: ['payments', 'payments'] }, 'scopes'],
      ['posLink:revoke', { id: '../../etc' }, 'id'],
    ];
    for (const [channel, input, field] of bad) {
      expect(await app.invoke(channel, { ...input, pin: '482913' }), `${channel} ${JSON.stringify(input)}`).toMatchObject({ ok: false, error: { code: 'invalid_input', data: { field } } });
    }
  });

  it('answer pos_link_unavailable while the POS link is not running, worded for the cashier', async () => {
    const app = await withPin('482913');
    for (const [channel, input] of CALLS) {
      const r = await app.invoke(channel, { ...input, pin: '482913' });
      expect(r, channel).toMatchObject({ ok: false, error: { code: 'pos_link_unavailable' } });
      if (!r.ok) {
        expect(errorText(cashierTexts('en'), r.error)).toBe('The POS link is not available on this terminal right now.');
        expect(errorText(cashierTexts('ko'), r.error)).toBe('지금은 이 단말기에서 POS 연동을 사용할 수 없습니다.');
      }
    }
  });
});
