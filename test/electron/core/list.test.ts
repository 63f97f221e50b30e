import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Rig } from './harness';
import { startRig } from './harness';

// A sale at 03:30 in Singapore belongs to the previous business day when the day starts at 04:00:
// the sales list uses the same business day as the reports (shared/time).
describe('listSales by business day', () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig({ sandbox: { startTime: new Date('2026-11-27T19:30:00.000Z') } });
  });
  afterAll(async () => rig.stop());

  it('follows the shop time zone and its start of day', async () => {
    const sale = await rig.core.startSale({ amount: 1234, currency: 'SGD' });
    const ids = (q: Parameters<Rig['core']['listSales']>[0]) => rig.core.listSales(q).map((s) => s.id);
    const tz = 'Asia/Singapore';
    expect(ids({ day: '2026-11-28', timeZone: tz })).toEqual([sale.id]);
    expect(ids({ day: '2026-11-27', timeZone: tz })).toEqual([]);
    expect(ids({ day: '2026-11-27', timeZone: tz, dayStartMinutes: 240 })).toEqual([sale.id]);
    expect(ids({ day: '2026-11-28', timeZone: tz, dayStartMinutes: 240 })).toEqual([]);
    // 19:30 UTC is 02:30 in Bangkok on the 28th.
    expect(ids({ day: '2026-11-28', timeZone: 'Asia/Bangkok' })).toEqual([sale.id]);
  });
});
