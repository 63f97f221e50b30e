// Manual capture only where Opn does it (issue 20, point 3). Opn documents `capture` for card charges only;
// the sandbox refuses capture=false for KakaoPay by default. A terminal set to manual capture on such an
// account falls back to automatic capture with a notice (the hook the app records in its settings): the sale
// goes through, never failed, and later sales are automatic without asking again.
import { afterEach, describe, expect, it } from 'vitest';
import { startRig } from './harness';
import type { Rig } from './harness';

const manual = { terminalId: 'T1', storeId: 'S1', country: 'SG' as const, returnUri: 'https://shop.example/return', captureMode: 'manual' as const };
let rig: Rig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

describe('manual capture on an account that refuses it', () => {
  it('falls back to automatic capture: the sale is taken, the refusal reported once, later sales automatic', async () => {
    let refusals = 0;
    rig = await startRig({ core: { terminal: manual, onManualCaptureRefused: () => refusals++ } });
    const sale = await rig.core.startSale({ amount: 1500, currency: 'SGD' });
    expect(sale).toMatchObject({ status: 'pending', capture: true });
    expect(rig.chargesForSale(sale.id)).toMatchObject([{ capture: true, status: 'pending' }]);
    expect(refusals).toBe(1);
    await rig.sandbox.completeCharge(sale.chargeId ?? '', 'successful');
    await rig.core.tick();
    const next = await rig.core.startSale({ amount: 2500, currency: 'SGD' });
    expect(next).toMatchObject({ status: 'pending', capture: true });
    expect(refusals).toBe(1);
    // Every charge on the account is automatic: the refused request created nothing.
    expect(rig.sandbox.charges().every((c) => c.capture)).toBe(true);
    expect(rig.sandbox.charges()).toHaveLength(2);
  });

  it('keeps manual capture where the account accepts it, and reports the account supports it', async () => {
    let refusals = 0;
    let accepted = 0;
    rig = await startRig({ sandbox: { allowManualCapture: true }, core: { terminal: manual, onManualCaptureRefused: () => refusals++, onManualCaptureAccepted: () => accepted++ } });
    const sale = await rig.core.startSale({ amount: 1500, currency: 'SGD' });
    expect(sale).toMatchObject({ status: 'pending', capture: false });
    expect(rig.chargesForSale(sale.id)).toMatchObject([{ capture: false }]);
    expect(refusals).toBe(0);
    expect(accepted).toBe(1);
  });
});
