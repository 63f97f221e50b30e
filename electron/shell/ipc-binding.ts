// Binds every invoke channel of the contract on ipcMain. The binding only decides WHO is calling (a
// main frame showing one of the app's own pages, or nobody) and hands the call to the app's gate,
// which parses the input once, checks the role and the manager PIN, and maps errors. `ipcMain` is a
// parameter so tests bind against a fake without Electron.
import type { Result } from '../../shared';
import type { Gate } from '../app/gate';
import { INVOKE_CHANNEL_NAMES } from '../../shared';
import { invokeChannelName } from './channels';
import { trustedSender } from './security';

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}
export interface IpcInvokeEventLike {
  senderFrame: { url: string; parent: unknown } | null;
}

export function bindIpc(ipcMain: IpcMainLike, app: Gate, rendererDir: string): () => void {
  const bound: string[] = [];
  for (const channel of INVOKE_CHANNEL_NAMES) {
    const name = invokeChannelName(channel);
    ipcMain.handle(name, async (event, ...args): Promise<Result<unknown>> => {
      const role = trustedSender(event.senderFrame, rendererDir);
      if (!role) return { ok: false, error: { code: 'forbidden', message: 'This window may not use the terminal.' } };
      if (args.length > 1) return { ok: false, error: { code: 'invalid_input', message: 'One argument expected.' } };
      return app.invoke(channel, args[0], role);
    });
    bound.push(name);
  }
  return () => bound.forEach((name) => ipcMain.removeHandler(name));
}
