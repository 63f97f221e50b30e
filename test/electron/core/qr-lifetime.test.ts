// The terminal owns the QR's lifetime: its countdown comes from its own QR validity, and when that ends it
// calls /expire whatever expires_at Opn returned (Opn may ignore the one asked for: created + 7 days).
import { afterEach, describe, expect, it } from 'vitest';
import type { Rig } from './harness';
import { startRig } from './harness';

let rig: Rig | null = null;
afterEach(async () => {
  await rig?.stop();
  rig = null;
});

describe.each([true, false])('QR lifetime (Opn ignores expires_at: %s)', (ignoreExpiresAt) => {
  it('a 2-minute validity: countdown of 2 minutes, then /expire at Opn', async () => {
    rig = await startRig({ sandbox: { ignoreExpiresAt, frozenClock: true }, core: { qrTtlMs: 2 * 60_000, tuning: { pollAfterMs: 3_600_000 } } });
    rig.core.setRelayHealthy(true);
    const sale = await rig.core.startSale({ amount: 1000, currency: 'SGD' });
    expect(Date.parse(sale.expiresAt ?? '') - Date.parse(sale.createdAt)).toBe(2 * 60_000);
    const charge = rig.chargesForSale(sale.id)[0];
    const opnTtl = Date.parse(charge?.expires_at ?? '') - Date.parse(charge?.created_at ?? '');
    expect(opnTtl).toBe(ignoreExpiresAt ? 7 * 86_400_000 : 2 * 60_000);
    await rig.sandbox.clock.advance(60_000);
    await rig.core.tick();
    expect(rig.core.getReceipt(sale.id).sale.status).toBe('pending');
    await rig.sandbox.clock.advance(61_000);
    await rig.core.tick();
    expect(rig.core.getReceipt(sale.id).sale).toMatchObject({ status: 'expired', expiresAt: sale.expiresAt });
    expect(rig.chargesForSale(sale.id)[0]?.status).toBe('expired');
  });
});

describe('QR validity read per sale', () => {
  it('a getter (the Settings value) applies to the next sale without reopening the core', async () => {
    let minutes = 5;
    rig = await startRig({ sandbox: { frozenClock: true }, core: { qrTtlMs: () => minutes * 60_000 } });
    const a = await rig.core.startSale({ amount: 1000, currency: 'SGD' });
    minutes = 1;
    const b = await rig.core.startSale({ amount: 1000, currency: 'SGD' });
    expect(Date.parse(a.expiresAt ?? '') - Date.parse(a.createdAt)).toBe(5 * 60_000);
    expect(Date.parse(b.expiresAt ?? '') - Date.parse(b.createdAt)).toBe(60_000);
  });
});
