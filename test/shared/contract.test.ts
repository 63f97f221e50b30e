import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EVENT_NAMES, invokeSchemas, parseInvokeInput } from '../../shared/ipc';

// The channel names declared in the InvokeMap interface, read from its source: a channel added to the
// map without a schema (or a schema left behind) fails here as well as in the compiler.
function declaredChannels(): string[] {
  const source = readFileSync(new URL('../../shared/ipc/contract.ts', import.meta.url), 'utf8');
  const block = /export interface InvokeMap \{([\s\S]*?)\n\}/.exec(source)?.[1] ?? '';
  return [...block.matchAll(/^\s*'([a-zA-Z]+:[a-zA-Z]+)':/gm)].map((m) => m[1] ?? '');
}

function declaredEvents(): string[] {
  const source = readFileSync(new URL('../../shared/ipc/contract.ts', import.meta.url), 'utf8');
  const block = /export interface EventMap \{([\s\S]*?)\n\}/.exec(source)?.[1] ?? '';
  return [...block.matchAll(/^\s*'([a-zA-Z]+:[a-zA-Z]+)':/gm)].map((m) => m[1] ?? '');
}

describe('IPC contract', () => {
  it('has a schema for every channel and a channel for every schema', () => {
    const channels = declaredChannels();
    expect(channels.length).toBeGreaterThan(10);
    expect(Object.keys(invokeSchemas).sort()).toEqual([...channels].sort());
  });

  it('lists every pushed event at runtime', () => {
    expect([...EVENT_NAMES].sort()).toEqual(declaredEvents().sort());
  });

  it('refuses unknown channels, unknown keys and wrong types with a code', () => {
    expect(parseInvokeInput('sale:drop', {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect(parseInvokeInput('__proto__', {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect(parseInvokeInput('sale:start', { amount: 100, currency: 'SGD', extra: 1 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(parseInvokeInput('sale:start', { amount: 1.5, currency: 'SGD' })).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('amount') } });
    expect(parseInvokeInput('sale:start', { amount: 100, currency: 'USD' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(parseInvokeInput('sale:refund', { saleId: 'sale_x', pin: '12', amount: 5 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(parseInvokeInput('sale:start', { amount: 150000, currency: 'SGD' })).toEqual({ ok: true, channel: 'sale:start', value: { amount: 150000, currency: 'SGD' } });
  });

  it('settings:update carries the current manager PIN, stays strict and never echoes a bad PIN', () => {
    expect(parseInvokeInput('settings:update', { pin: '1234', shopName: 'Kimchi Corner' })).toEqual({ ok: true, channel: 'settings:update', value: { pin: '1234', shopName: 'Kimchi Corner' } });
    expect(parseInvokeInput('settings:update', { pin: '1234', admin: true })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const bad = parseInvokeInput('settings:update', { pin: '98765x', shopName: 'Kimchi Corner' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('pin') } });
    expect(JSON.stringify(bad)).not.toContain('98765x');
  });

  it('never echoes a rejected secret in the error message', () => {
    const result = parseInvokeInput('settings:update', { opnSecretKey: 'skey_test_NOT-VALID-secret' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('opnSecretKey') } });
    expect(JSON.stringify(result)).not.toContain('NOT-VALID-secret');
  });
});
