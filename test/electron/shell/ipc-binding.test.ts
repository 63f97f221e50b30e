// Every channel of the contract is bound on ipcMain, and each call is checked (sender frame, then the
// channel's schema) before it reaches the real app's handlers. ipcMain is a small fake; the app is real.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { INVOKE_CHANNEL_NAMES } from '../../../shared';
import type { TerminalApp } from '../../../electron/app/terminal-app';
import { bindIpc, type IpcInvokeEventLike, type IpcMainLike } from '../../../electron/shell/ipc-binding';
import { terminalApps } from '../../support/terminal-app';

type Listener = (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>;

class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, Listener>();
  handle(channel: string, listener: Listener): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  call(channel: string, url: string, ...args: unknown[]): Promise<unknown> {
    const h = this.handlers.get(channel);
    if (!h) throw new Error(`no handler for ${channel}`);
    return h({ senderFrame: { url, parent: null } }, ...args);
  }
}

let app: TerminalApp;
const apps = terminalApps('ipc', { scope: 'file' });
const rendererDir = path.resolve('/opt/app/dist/renderer');
const cashierUrl = pathToFileURL(path.join(rendererDir, 'cashier.html')).href;
const displayUrl = pathToFileURL(path.join(rendererDir, 'display.html')).href;

beforeAll(async () => {
  app = await apps.open({ shell: 'electron' });
});

describe('IPC binding', () => {
  it('binds exactly one handler per contract channel, and unbinds them', () => {
    const ipc = new FakeIpcMain();
    const unbind = bindIpc(ipc, app, rendererDir);
    expect([...ipc.handlers.keys()].sort()).toEqual(INVOKE_CHANNEL_NAMES.map((c) => `pos:${c}`).sort());
    unbind();
    expect(ipc.handlers.size).toBe(0);
  });

  it('validates every channel: a bad argument is refused with invalid_input and reaches no handler', async () => {
    const ipc = new FakeIpcMain();
    bindIpc(ipc, app, rendererDir);
    for (const channel of INVOKE_CHANNEL_NAMES) {
      const result = await ipc.call(`pos:${channel}`, cashierUrl, { unexpected: '__proto__' });
      expect(result, channel).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(await ipc.call('pos:sale:start', cashierUrl, { amount: 100, currency: 'SGD' }, 'extra')).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('answers valid calls from the cashier page through the real handlers', async () => {
    const ipc = new FakeIpcMain();
    bindIpc(ipc, app, rendererDir);
    expect(await ipc.call('pos:settings:get', cashierUrl, {})).toMatchObject({ ok: true, value: { country: 'SG', opnSecretKeySet: false } });
    // Not configured (no keys, no demo): a clear code, not an exception.
    expect(await ipc.call('pos:sale:start', cashierUrl, { amount: 1000, currency: 'SGD' })).toMatchObject({ ok: false, error: { code: 'not_configured' } });
  });

  it('refuses foreign frames and sub-frames, and keeps the customer display read-only', async () => {
    const ipc = new FakeIpcMain();
    bindIpc(ipc, app, rendererDir);
    expect(await ipc.call('pos:settings:get', 'https://evil.example/cashier.html', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const h = ipc.handlers.get('pos:settings:get')!;
    expect(await h({ senderFrame: { url: cashierUrl, parent: {} } }, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await h({ senderFrame: null }, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await ipc.call('pos:display:get', displayUrl, {})).toMatchObject({ ok: true, value: { screen: 'idle' } });
    expect(await ipc.call('pos:settings:get', displayUrl, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await ipc.call('pos:sale:start', displayUrl, { amount: 1000, currency: 'SGD' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
