// The sandboxed preload: exposes `window.pos` (PosBridge), one function per invoke channel of the
// contract plus `on(event, fn)` returning an unsubscribe function. Nothing else of ipcRenderer leaks.
// Bundled to one CJS file (a sandboxed preload can only require 'electron').
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { EventMap, EventName, PosBridge } from '../../shared';
import { EVENT_NAMES } from '../../shared/ipc/contract';
import { INVOKE_CHANNELS } from '../../shared/invoke-channels';
import { EVENT_CHANNEL, invokeChannelName } from '../shell/channels';

function buildBridge(): PosBridge {
  const bridge: Record<string, unknown> = {};
  for (const channel of INVOKE_CHANNELS) {
    bridge[channel] = (request: unknown) => ipcRenderer.invoke(invokeChannelName(channel), request);
  }
  bridge.on = <E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): (() => void) => {
    if (!EVENT_NAMES.includes(event)) throw new Error(`Unknown event "${String(event).slice(0, 40)}".`);
    const handler = (_e: IpcRendererEvent, name: unknown, payload: unknown): void => {
      if (name === event) listener(payload as EventMap[E]);
    };
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => void ipcRenderer.removeListener(EVENT_CHANNEL, handler);
  };
  return Object.freeze(bridge) as unknown as PosBridge;
}

contextBridge.exposeInMainWorld('pos', buildBridge());
