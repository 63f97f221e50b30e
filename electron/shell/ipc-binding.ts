// Binds every invoke channel of the contract on ipcMain. Each call is checked twice before any
// handler runs: the sender must be a main frame showing one of the app's own pages (the customer
// display only gets the read-only channels), and the argument must pass the channel's zod schema.
// `ipcMain` is a parameter so tests bind against a fake without Electron.
import type { Result } from '../../shared';
import { invokeSchemas, parseInvokeInput } from '../../shared/ipc';
import { invokeChannelName } from './channels';
import { trustedSender, type PageRole } from './security';

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}
export interface IpcInvokeEventLike {
  senderFrame: { url: string; parent: unknown } | null;
}

export interface Invoker {
  invoke(channel: string, input: unknown, caller: PageRole): Promise<Result<unknown>>;
}

export function bindIpc(ipcMain: IpcMainLike, app: Invoker, rendererDir: string): () => void {
  const bound: string[] = [];
  for (const channel of Object.keys(invokeSchemas)) {
    const name = invokeChannelName(channel);
    ipcMain.handle(name, async (event, ...args): Promise<Result<unknown>> => {
      const role = trustedSender(event.senderFrame, rendererDir);
      if (!role) return { ok: false, error: { code: 'forbidden', message: 'This window may not use the terminal.' } };
      if (args.length > 1) return { ok: false, error: { code: 'invalid_input', message: 'One argument expected.' } };
      const parsed = parseInvokeInput(channel, args[0]);
      if (!parsed.ok) return { ok: false, error: parsed.error };
      return app.invoke(channel, parsed.value, role);
    });
    bound.push(name);
  }
  return () => bound.forEach((name) => ipcMain.removeHandler(name));
}
