// Settings → POS link through the app's one door, with the real session behind it (runtime.posLink()):
// the manager turns it on, pairs a till whose code works over HTTP, sees the key with its last use,
// revokes it (refused at once), and turns it off (the port closes). The demo stack is not started: the
// POS link works (and says not_configured to a till) before any Opn key is set.
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openFileSecretBox } from '../../../electron/app/file-secret-box';
import { createTerminalApp, type TerminalApp } from '../../../electron/app/terminal-app';
import { silentLogger } from '../../../electron/core';
import type { PosLinkStatus, PosPairingCode } from '../../../shared';
import { tempDir } from '../../support/temp';

let app: TerminalApp | null = null;
let dir = '';
afterEach(async () => {
  await app?.close();
  app = null;
  rmSync(dir, { recursive: true, force: true });
});

const PIN = '482913';
async function call<T>(channel: string, input: Record<string, unknown>): Promise<T> {
  const r = await app!.invoke(channel, { ...input, pin: PIN });
  if (!r.ok) throw new Error(`${channel}: ${JSON.stringify(r.error)}`);
  return r.value as T;
}

describe('Settings → POS link with the real server', () => {
  it('on, pair, use, revoke, off', async () => {
    dir = tempDir('pos-settings').dir;
    app = await createTerminalApp({ dataDir: dir, shell: 'browser', secretBox: openFileSecretBox(dir), logger: silentLogger() });
    expect(await app.invoke('settings:update', { managerPin: PIN })).toMatchObject({ ok: true });
    expect((await call<PosLinkStatus>('posLink:status', {})).state).toBe('off');
    // Any free port for the test (Settings keeps the port it was given).
    await app.runtime.posLink().configure({ enabled: false, allowLan: false, port: 0 });
    const on = await call<PosLinkStatus>('posLink:configure', { enabled: true, allowLan: false });
    expect(on).toMatchObject({ state: 'listening', config: { enabled: true, allowLan: false }, lanUrls: [], certFingerprint: null });
    const base = on.loopbackUrl!;
    const code = await call<PosPairingCode>('posLink:pair', { name: 'Till 1', scopes: ['payments'] });
    const paired = await fetch(`${base}/v1/pair`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: code.code }) });
    const { api_key: key, key_id: id } = (await paired.json()) as { api_key: string; key_id: string };
    const terminal = await fetch(`${base}/v1/terminal`, { headers: { authorization: `Bearer ${key}` } });
    expect(await terminal.json()).toMatchObject({ state: 'not_configured' });
    const listed = await call<PosLinkStatus>('posLink:status', {});
    expect(listed.keys).toEqual([expect.objectContaining({ id, name: 'Till 1', scopes: ['payments'], revokedAt: null, lastUsedAt: expect.any(String) })]);
    // What Settings sees never holds the key.
    expect(JSON.stringify(listed)).not.toContain(key.slice(-20));
    const revoked = await call<PosLinkStatus>('posLink:revoke', { id });
    expect(revoked.keys[0]?.revokedAt).toEqual(expect.any(String));
    expect((await fetch(`${base}/v1/terminal`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(401);
    const off = await call<PosLinkStatus>('posLink:configure', { enabled: false, allowLan: false });
    expect(off).toMatchObject({ state: 'off', loopbackUrl: null });
    await expect(fetch(`${base}/v1/terminal`)).rejects.toThrow();
  });
});
