// The one channel table (shared/ipc/contract.ts): every channel has a schema, a role and a PIN policy
// that agree with each other, and the schemas refuse what no window should send.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { CHANNELS, EVENT_NAMES, EVENTS, INVOKE_CHANNEL_NAMES, isInvokeChannel, requestSchema, roleHears, roleMayCall } from '../../shared';
import type { InvokeChannel } from '../../shared';

const parse = (channel: InvokeChannel, raw: unknown) => requestSchema(channel).safeParse(raw);

describe('IPC contract', () => {
  it('names each channel once; unknown and prototype names are not channels', () => {
    expect(new Set(INVOKE_CHANNEL_NAMES).size).toBe(INVOKE_CHANNEL_NAMES.length);
    expect(INVOKE_CHANNEL_NAMES).toContain('manager:unlock');
    for (const name of ['sale:drop', '__proto__', 'constructor', 'toString', '']) expect(isInvokeChannel(name), name).toBe(false);
  });

  it('schemas hold business fields only; the request of a channel with a PIN policy takes `pin`, others refuse it', () => {
    for (const channel of INVOKE_CHANNEL_NAMES) {
      const spec = CHANNELS[channel];
      const policy = 'pin' in spec ? spec.pin : undefined;
      expect((spec.input.shape as Record<string, z.ZodType>).pin, channel).toBeUndefined();
      const shape = requestSchema(channel).shape as Record<string, z.ZodType>;
      if (policy === 'required') expect(shape.pin?.safeParse(undefined).success, channel).toBe(false);
      else if (policy === 'if-set') expect(shape.pin?.safeParse(undefined).success, channel).toBe(true);
      else expect(shape.pin, channel).toBeUndefined();
    }
  });

  it('the customer display may call only read-only channels and hears only what it shows', () => {
    const displayChannels = INVOKE_CHANNEL_NAMES.filter((c) => roleMayCall('display', c));
    expect(displayChannels.sort()).toEqual(['app:info', 'display:checkoutFallback', 'display:checkoutFraming', 'display:get']);
    for (const c of INVOKE_CHANNEL_NAMES) expect(roleMayCall('cashier', c)).toBe(true);
    expect(EVENT_NAMES.filter((e) => roleHears('display', e)).sort()).toEqual(['display:changed', 'link:changed']);
    expect(Object.keys(EVENTS).sort()).toEqual([...EVENT_NAMES].sort());
  });

  it('refuses unknown keys and wrong types; accepts the documented shapes', () => {
    expect(parse('sale:start', { amount: 100, currency: 'SGD', extra: 1 }).success).toBe(false);
    expect(parse('sale:start', { amount: 1.5, currency: 'SGD' }).success).toBe(false);
    expect(parse('sale:start', { amount: 100, currency: 'USD' }).success).toBe(false);
    expect(parse('sale:start', { amount: 100, currency: 'SGD', cashier: 'x'.repeat(41) }).success).toBe(false);
    expect(parse('sale:refund', { saleId: 'sale_x', pin: '2468', amount: 5 }).success).toBe(false);
    expect(parse('sale:refund', { saleId: 'sale_0123456789ab', pin: '12', amount: 5 }).success).toBe(false);
    expect(parse('sale:list', { limit: 501 }).success).toBe(false);
    expect(parse('sale:list', { query: 'x'.repeat(65) }).success).toBe(false);
    expect(parse('sale:start', { amount: 150000, currency: 'SGD' })).toEqual({ success: true, data: { amount: 150000, currency: 'SGD' } });
    expect(parse('settings:update', { pin: '1234', shopName: 'Kimchi Corner' })).toEqual({ success: true, data: { pin: '1234', shopName: 'Kimchi Corner' } });
    expect(parse('settings:update', { pin: '1234', admin: true }).success).toBe(false);
    expect(parse('reports:export', { day: '2026-11-27', pin: '1234', format: 'xlsx' }).success).toBe(false);
  });
});
