// Runtime list of the contract's invoke channels, compiler-checked against InvokeMap (like EVENT_NAMES),
// for transports that must not pull in the zod schemas (the sandboxed preload stays a few KB).
import type { InvokeChannel } from './ipc/contract';

export const INVOKE_CHANNELS = Object.keys({
  'app:info': true,
  'settings:get': true,
  'settings:update': true,
  'settings:testConnection': true,
  'sale:start': true,
  'sale:cancel': true,
  'sale:get': true,
  'sale:list': true,
  'sale:refund': true,
  'sale:void': true,
  'sale:capture': true,
  'sale:reverse': true,
  'sale:resolveAttention': true,
  'reports:x': true,
  'reports:z': true,
  'reports:listZ': true,
  'reports:reconcile': true,
  'reports:export': true,
  'display:get': true,
} satisfies Record<InvokeChannel, true>) as InvokeChannel[];
