// The sandboxed preload: exposes `window.pos` as a PosTransport, one generic call and one event
// subscription. It holds no channel list (the renderer types the calls from the shared contract, and
// the main process answers only the contract's channels, through its gate). Nothing else of ipcRenderer
// leaks. Bundled to one CJS file (a sandboxed preload can only require 'electron').
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { PosTransport } from '../../shared';
import type { Result } from '../../shared';
import { EVENT_CHANNEL, invokeChannelName } from '../shell/channels';

const transport: PosTransport = {
  invoke: (channel, request) => {
    if (typeof channel !== 'string' || channel.length > 64) return Promise.resolve({ ok: false, error: { code: 'unknown_channel', message: 'Unknown channel.' } } satisfies Result<never>);
    return ipcRenderer.invoke(invokeChannelName(channel), request) as Promise<Result<unknown>>;
  },
  on: (listener) => {
    const handler = (_e: IpcRendererEvent, name: unknown, payload: unknown): void => {
      if (typeof name === 'string') listener(name, payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => void ipcRenderer.removeListener(EVENT_CHANNEL, handler);
  },
};

contextBridge.exposeInMainWorld('pos', Object.freeze(transport));
