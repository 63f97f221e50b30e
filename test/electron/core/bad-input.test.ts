// The core's domain rules: a request of the right shape (the gate checked shapes and the PIN) that
// breaks a rule gets a typed CoreError with the expected code, and the database is unchanged (row counts
// and a checksum of every table, before and after). Shapes and PINs: test/electron/app/gate.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreError, openPaymentCore } from '../../../electron/core/index';
import type { Sale } from '../../../shared';
import { tempDir } from '../../support/temp';
import { fingerprint } from '../../support/sqlite';
import type { Rig } from './harness';
import { startRig } from './harness';

let rig: Rig;
let paid: Sale;
let open: Sale;

beforeAll(async () => {
  rig = await startRig();
  paid = await rig.core.startSale({ amount: 1000, currency: 'SGD' });
  await rig.sandbox.completeCharge(paid.chargeId ?? '', 'successful');
  for (const ev of await rig.eventsFor(paid.chargeId ?? '')) await rig.core.handleRelayEvent(ev);
  open = await rig.core.startSale({ amount: 2000, currency: 'SGD' });
});
afterAll(async () => {
  await rig.stop();
});

async function expectRejected(call: () => unknown, codes: string[]): Promise<void> {
  const before = fingerprint(rig.dbPath);
  let error: unknown = null;
  try {
    await call();
  } catch (e) {
    error = e;
  }
  expect(error, 'should have thrown').toBeInstanceOf(CoreError);
  expect(codes).toContain((error as CoreError).code);
  expect(fingerprint(rig.dbPath)).toEqual(before);
}

const id = () => paid.id;
const MISSING = 'sale_000000000doesnotexist';

describe('broken domain rules change nothing', () => {
  it('startSale: KakaoPay limits and the shop currency', async () => {
    const bad: [{ amount: number; currency: 'SGD' | 'THB' }, string][] = [
      [{ amount: 99, currency: 'SGD' }, 'invalid_amount'],
      [{ amount: 2_000_001, currency: 'SGD' }, 'invalid_amount'],
      [{ amount: 1e17, currency: 'SGD' }, 'invalid_amount'],
      [{ amount: 150.5, currency: 'SGD' }, 'invalid_amount'],
      [{ amount: 5000, currency: 'THB' }, 'invalid_currency'],
    ];
    for (const [input, code] of bad) await expectRejected(() => rig.core.startSale(input), [code]);
  });

  it('unknown sales and the state machine', async () => {
    await expectRejected(() => rig.core.cancelSale(MISSING), ['not_found']);
    expect(() => rig.core.getReceipt(MISSING)).toThrow(expect.objectContaining({ code: 'not_found' }) as Error);
    await expectRejected(() => rig.core.cancelSale(id()), ['invalid_state']);
    await expectRejected(() => rig.core.capture(id()), ['invalid_state']);
    await expectRejected(() => rig.core.voidSale(open.id), ['invalid_state']);
    await expectRejected(() => rig.core.reverse(id()), ['invalid_state']);
    await expectRejected(() => rig.core.resolveAttention({ saleId: id(), action: 'accept' }), ['invalid_state']);
  });

  it('refunds: never more than what is left, never on an open sale', async () => {
    await expectRejected(() => rig.core.refund({ saleId: id(), amount: 1001 }), ['refund_exceeds']);
    await expectRejected(() => rig.core.refund({ saleId: open.id, amount: 100 }), ['invalid_state']);
    await expectRejected(() => rig.core.refund({ saleId: MISSING, amount: 100 }), ['not_found']);
    expect((await rig.core.refund({ saleId: id(), amount: 100 })).sale.status).toBe('partially_refunded');
    await expectRejected(() => rig.core.refund({ saleId: id(), amount: 901 }), ['refund_exceeds']);
  });

  it('opening: a bad country is refused with a typed error', () => {
    expect(() =>
      openPaymentCore({
        dbPath: tempDir('core').file('x.db'),
        opn: { baseUrl: 'http://127.0.0.1:9', secretKey: 'skey_test_x' },
        terminal: { terminalId: 'T', storeId: 'S', country: 'JP' as 'SG', returnUri: 'https://x', captureMode: 'automatic' },
      }),
    ).toThrow(CoreError);
  });
});
