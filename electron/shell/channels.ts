// Electron channel names for the contract (prefixed so nothing else on ipcMain can collide).
export const CHANNEL_PREFIX = 'pos:';
export const EVENT_CHANNEL = 'pos:event';
export const invokeChannelName = (channel: string): string => `${CHANNEL_PREFIX}${channel}`;
