// Bad input to every public function: a typed CoreError with the expected code, and the database
// unchanged (row counts and a checksum of every table, before and after).
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreError, openPaymentCore } from '../../../electron/core/index';
import type { PaymentCore } from '../../../electron/core/index';
import type { Sale } from '../../../shared/index';
import { tempDir } from '../../support/temp';
import { fingerprint } from '../../support/sqlite';
import type { Rig } from './harness';
import { PIN, startRig } from './harness';

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

// Untyped on purpose: callers across IPC can send anything.
type Loose = Record<keyof PaymentCore, (...args: unknown[]) => unknown>;
const loose = (): Loose => rig.core as unknown as Loose;

async function expectRejected(call: () => unknown, codes: string[]): Promise<void> {
  const before = fingerprint(rig.core.store.db);
  let error: unknown = null;
  try {
    await call();
  } catch (e) {
    error = e;
  }
  expect(error, 'should have thrown').toBeInstanceOf(CoreError);
  expect(codes).toContain((error as CoreError).code);
  expect(fingerprint(rig.core.store.db)).toEqual(before);
}

const id = () => paid.id;
const BAD_IDS: unknown[] = ['', 'nope', 'sale_', 'SALE_ABC', 'sale_../x', 123, null, undefined, {}, 'sale_' + 'a'.repeat(41)];

describe('bad input changes nothing', () => {
  it('startSale', async () => {
    const bad: [unknown, string][] = [
      [{ amount: 0, currency: 'SGD' }, 'invalid_amount'],
      [{ amount: -500, currency: 'SGD' }, 'invalid_amount'],
      [{ amount: 150.5, currency: 'SGD' }, 'invalid_amount'],
      [{ amount: '1000', currency: 'SGD' }, 'invalid_amount'],
      [{ amount: Number.NaN, currency: 'SGD' }, 'invalid_amount'],
      [{ amount: Number.POSITIVE_INFINITY, currency: 'SGD' }, 'invalid_amount'],
      [{ amount: 99, currency: 'SGD' }, 'invalid_amount'],
      [{ amount: 2_000_001, currency: 'SGD' }, 'invalid_amount'],
      [{ amount: 1e17, currency: 'SGD' }, 'invalid_amount'],
      [{ amount: 1000, currency: 'USD' }, 'invalid_currency'],
      [{ amount: 5000, currency: 'THB' }, 'invalid_currency'],
      [{ amount: 1000 }, 'invalid_currency'],
      [{ amount: 1000, currency: 'SGD', cashier: '' }, 'invalid_input'],
      [{ amount: 1000, currency: 'SGD', cashier: 'x'.repeat(65) }, 'invalid_input'],
      [{ amount: 1000, currency: 'SGD', extra: true }, 'invalid_input'],
      [null, 'invalid_input'],
      [undefined, 'invalid_input'],
      ['1000 SGD', 'invalid_input'],
    ];
    for (const [input, code] of bad) await expectRejected(() => loose().startSale(input), [code]);
  });

  it('ids: cancelSale, getReceipt, capture', async () => {
    for (const bad of BAD_IDS) {
      await expectRejected(() => loose().cancelSale(bad), ['invalid_input']);
      await expectRejected(() => loose().getReceipt(bad), ['invalid_input']);
      await expectRejected(() => loose().capture(bad), ['invalid_input']);
    }
    await expectRejected(() => rig.core.cancelSale('sale_000000000doesnotexist'), ['not_found']);
    await expectRejected(() => rig.core.getReceipt('sale_000000000doesnotexist'), ['not_found']);
    await expectRejected(() => rig.core.cancelSale(id()), ['invalid_state']);
    await expectRejected(() => rig.core.capture(id()), ['invalid_state']);
  });

  it('listSales', async () => {
    for (const q of [{ day: '2026-13-45x' }, { day: 20261127 }, { timeZone: 'Mars/Olympus' }, { limit: 0 }, { limit: 1.5 }, { query: 'x'.repeat(101) }, { other: 1 }, 'all']) {
      await expectRejected(() => loose().listSales(q), ['invalid_input']);
    }
  });

  it('refund, voidSale, reverse, resolveAttention', async () => {
    const r = (x: unknown) => () => loose().refund(x);
    await expectRejected(r({ saleId: id(), amount: 0, pin: PIN }), ['invalid_amount']);
    await expectRejected(r({ saleId: id(), amount: -1, pin: PIN }), ['invalid_amount']);
    await expectRejected(r({ saleId: id(), amount: 1.5, pin: PIN }), ['invalid_amount']);
    await expectRejected(r({ saleId: id(), amount: '100', pin: PIN }), ['invalid_amount']);
    await expectRejected(r({ saleId: id(), amount: 1001, pin: PIN }), ['refund_exceeds']);
    await expectRejected(r({ saleId: id(), amount: 100, pin: '' }), ['pin_required']);
    await expectRejected(r({ saleId: id(), amount: 100 }), ['pin_required']);
    await expectRejected(r({ saleId: id(), amount: 100, pin: 1234 }), ['invalid_input']);
    await expectRejected(r({ saleId: id(), amount: 100, pin: '9999' }), ['pin_invalid']);
    await expectRejected(r({ saleId: open.id, amount: 100, pin: PIN }), ['invalid_state']);
    await expectRejected(r({ saleId: 'bad', amount: 100, pin: PIN }), ['invalid_input']);
    await expectRejected(r({ saleId: 'sale_000000000doesnotexist', amount: 100, pin: PIN }), ['not_found']);
    await expectRejected(r({ saleId: id(), amount: 100, pin: PIN, extra: 1 }), ['invalid_input']);
    await expectRejected(r(null), ['invalid_input']);
    await expectRejected(() => loose().voidSale({ saleId: open.id, pin: PIN }), ['invalid_state']);
    await expectRejected(() => loose().voidSale({ saleId: id() }), ['pin_required']);
    await expectRejected(() => loose().reverse({ saleId: id(), pin: PIN }), ['invalid_state']);
    await expectRejected(() => loose().reverse({ saleId: 7, pin: PIN }), ['invalid_input']);
    await expectRejected(() => loose().resolveAttention({ saleId: id(), pin: PIN, action: 'steal' }), ['invalid_input']);
    await expectRejected(() => loose().resolveAttention({ saleId: id(), pin: PIN, action: 'accept' }), ['invalid_state']);
  });

  it('PIN lockout: after 5 failures even the right PIN is refused, nothing written', async () => {
    // A correct PIN above reset the count: four failures warn, the fifth locks.
    for (let i = 0; i < 4; i++) await expectRejected(() => rig.core.refund({ saleId: id(), amount: 100, pin: '0000' }), ['pin_invalid']);
    await expectRejected(() => rig.core.refund({ saleId: id(), amount: 100, pin: '0000' }), ['pin_locked']);
    await expectRejected(() => rig.core.voidSale({ saleId: id(), pin: PIN }), ['pin_locked']);
    // Five minutes later (the core runs on the sandbox clock) the right PIN works again.
    await rig.sandbox.clock.advance(5 * 60_000);
    expect((await rig.core.refund({ saleId: id(), amount: 100, pin: PIN })).sale.status).toBe('partially_refunded');
  });

  it('handleRelayEvent and onSaleChanged', async () => {
    const good = { type: 'event', seq: 1, eventId: 'evnt_x', eventKey: 'charge.complete', receivedAt: new Date().toISOString(), signature: 'verified', rawBody: '{}' };
    for (const bad of [null, {}, { ...good, seq: 0 }, { ...good, seq: -3 }, { ...good, seq: 1.5 }, { ...good, eventId: '' }, { ...good, signature: 'maybe' }, { ...good, rawBody: 'x'.repeat(256 * 1024 + 1) }, { ...good, extra: 1 }, { ...good, type: 'ping' }]) {
      await expectRejected(() => loose().handleRelayEvent(bad), ['invalid_input']);
    }
    await expectRejected(() => loose().onSaleChanged('not a function'), ['invalid_input']);
  });

  it('opening: a bad country or a database from the future is refused with a typed error', () => {
    expect(() => openPaymentCore({ dbPath: path.join(tempDir('core').dir, 'x.db'), opn: { baseUrl: 'http://127.0.0.1:9', secretKey: 'skey_test_x' }, terminal: { terminalId: 'T', storeId: 'S', country: 'JP' as 'SG', returnUri: 'https://x', captureMode: 'automatic' }, pinHash: () => null })).toThrow(CoreError);
  });
});
