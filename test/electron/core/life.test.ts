// The whole life of a sale against the real sandbox over HTTP, for Singapore and Thailand.
import { afterEach, describe, expect, it } from 'vitest';
import { CoreError } from '../../../electron/core/index';
import type { Country, Sale } from '../../../shared';
import { COUNTRY_RULES, OPN_FAILURE_CODES } from '../../../shared';
import { API_VERSIONS } from '../../../sandbox/index';
import type { Rig } from './harness';
import { startRig } from './harness';

let rig: Rig | null = null;
afterEach(async () => {
  await rig?.stop();
  rig = null;
});

async function deliver(r: Rig, chargeId: string): ReturnType<Rig['eventsFor']> {
  const events = await r.eventsFor(chargeId);
  for (const ev of events) await r.core.handleRelayEvent(ev);
  return events;
}

const codeOf = (p: Promise<unknown>) => p.then(() => 'resolved', (e: unknown) => (e instanceof CoreError ? e.code : `untyped: ${String(e)}`));

// Completion runs for each API version KakaoPay accepts (events come in the account's version).
describe.each(['SG', 'TH'].flatMap((c) => API_VERSIONS.map((v) => [c as Country, v] as const)))('sale life in %s (account on API %s)', (country, apiVersion) => {
  const currency = COUNTRY_RULES[country].currency;
  const amount = COUNTRY_RULES[country].minAmount * 3 + 7;

  it('successful: charge created as specified, completed by a relay event, subscribers told', async () => {
    rig = await startRig({ apiVersion, country });
    const seen: Sale[] = [];
    rig.core.onSaleChanged((s) => seen.push(s));
    const sale = await rig.core.startSale({ amount, currency, cashier: 'ann' });
    expect(sale).toMatchObject({ status: 'pending', amount, currency, cashier: 'ann', capture: true });
    expect(sale.authorizeUri).toMatch(/^http/);
    const [charge, ...rest] = rig.chargesForSale(sale.id);
    expect(rest).toHaveLength(0);
    expect(charge).toMatchObject({ id: sale.chargeId, amount, currency, return_uri: 'https://shop.example/return', capture: true, status: 'pending' });
    expect(charge?.metadata).toEqual({ terminal_id: 'T1', store_id: 'S1', sale_id: sale.id });
    expect(charge?.source).toMatchObject({ type: 'kakaopay', platform_type: 'WEB' });
    // The terminal's countdown is its own 5 minutes; the sandbox (like Opn may) ignored the asked expires_at.
    expect(new Date(sale.expiresAt ?? 0).getTime() - new Date(sale.createdAt).getTime()).toBe(5 * 60_000);
    expect(new Date(charge?.expires_at ?? 0).getTime() - new Date(charge?.created_at ?? 0).getTime()).toBe(7 * 86_400_000);

    const paid = await rig.sandbox.completeCharge(sale.chargeId ?? '', 'successful');
    const delivered = await deliver(rig, sale.chargeId ?? '');
    const done = rig.core.getReceipt(sale.id).sale;
    expect(done).toMatchObject({ status: 'successful', fee: paid.fee, feeVat: paid.fee_vat, net: paid.net });
    expect(done.paidAt).toBe(new Date(paid.paid_at ?? 0).toISOString());
    expect(seen.map((s) => s.status)).toEqual(['creating', 'pending', 'successful']);
    expect(rig.core.relayCursor()).toBe(delivered.at(-1)?.seq);
    expect(rig.core.listSales({ query: sale.id }).map((s) => s.id)).toEqual([sale.id]);
  });

  it('failed with each failure code (found by the polling fallback while the relay is down)', async () => {
    rig = await startRig({ apiVersion, country });
    rig.core.setRelayHealthy(false);
    for (const code of OPN_FAILURE_CODES) {
      const sale = await rig.core.startSale({ amount, currency });
      const failed = await rig.sandbox.completeCharge(sale.chargeId ?? '', { failureCode: code });
      await rig.core.tick();
      const after = rig.core.getReceipt(sale.id).sale;
      expect(after.status).toBe('failed');
      expect(after.failureCode).toBe(code);
      expect(after.failureMessage).toBe(failed.failure_message);
      expect(after.failureMessage).not.toBe('');
    }
  });

  it('expired: the QR countdown ends; Opn expired it too; a late scan cannot pay', async () => {
    rig = await startRig({ apiVersion, country, core: { tuning: { pollAfterMs: 3_600_000 } } });
    rig.core.setRelayHealthy(true);
    const sale = await rig.core.startSale({ amount, currency });
    await rig.sandbox.clock.advance(5 * 60_000 + 1_000);
    await rig.core.tick();
    expect(rig.core.getReceipt(sale.id).sale.status).toBe('expired');
    // Expired at Opn by the terminal's /expire: Opn's own expires_at (7 days) was still far away.
    expect(rig.chargesForSale(sale.id)[0]).toMatchObject({ status: 'expired' });
    const expired = rig.chargesForSale(sale.id)[0];
    expect(Date.parse(expired?.expired_at ?? '') - Date.parse(expired?.created_at ?? '')).toBeLessThan(6 * 60_000);
    await expect(rig.sandbox.completeCharge(sale.chargeId ?? '', 'successful')).rejects.toThrow();
  });

  it('cancelled by the cashier: the charge is expired at Opn', async () => {
    rig = await startRig({ apiVersion, country });
    const sale = await rig.core.startSale({ amount, currency });
    const cancelled = await rig.core.cancelSale(sale.id);
    expect(cancelled.status).toBe('cancelled');
    expect(rig.chargesForSale(sale.id).map((c) => c.status)).toEqual(['expired']);
    expect(await codeOf(rig.core.cancelSale(sale.id))).toBe('invalid_state');
    // The expiry event arriving later changes nothing.
    await deliver(rig, sale.chargeId ?? '');
    expect(rig.core.getReceipt(sale.id).sale.status).toBe('cancelled');
  });

  it('paid just before the cancel: needs attention, then refunded', async () => {
    // No void window: this is about a refund (inside the window Opn would answer voided).
    rig = await startRig({ apiVersion, country, sandbox: { voidCutoff: null } });
    const sale = await rig.core.startSale({ amount, currency });
    await rig.sandbox.completeCharge(sale.chargeId ?? '', 'successful');
    const after = await rig.core.cancelSale(sale.id);
    expect(after.status).toBe('needs_attention');
    expect(after.attentionReason).toMatch(/paid after/);
    const receipt = await rig.core.resolveAttention({ saleId: sale.id, action: 'refund' });
    expect(receipt.sale.status).toBe('refunded');
    expect(receipt.refunds).toHaveLength(1);
    expect(rig.chargesForSale(sale.id)[0]?.refunded_amount).toBe(amount);
  });

  it('refund partial then full, each a row with its own date; limits enforced', async () => {
    rig = await startRig({ apiVersion, country, sandbox: { voidCutoff: null } });
    const sale = await rig.core.startSale({ amount, currency });
    await rig.sandbox.completeCharge(sale.chargeId ?? '', 'successful');
    await deliver(rig, sale.chargeId ?? '');
    expect(await codeOf(rig.core.refund({ saleId: sale.id, amount: amount + 1 }))).toBe('refund_exceeds');
    const first = await rig.core.refund({ saleId: sale.id, amount: 100 });
    expect(first.sale).toMatchObject({ status: 'partially_refunded', refundedAmount: 100 });
    await rig.sandbox.clock.advance(60_000);
    const second = await rig.core.refund({ saleId: sale.id, amount: amount - 100 });
    expect(second.sale).toMatchObject({ status: 'refunded', refundedAmount: amount });
    expect(second.refunds.map((r) => [r.amount, r.status, r.voided])).toEqual([
      [100, 'succeeded', false],
      [amount - 100, 'succeeded', false],
    ]);
    expect((second.refunds[1]?.createdAt ?? '') > (second.refunds[0]?.createdAt ?? '')).toBe(true);
    expect(rig.chargesForSale(sale.id)[0]?.refunded_amount).toBe(amount);
    expect(await codeOf(rig.core.refund({ saleId: sale.id, amount: 1 }))).toBe('invalid_state');
  });

  it('void inside the window; refused after it', async () => {
    rig = await startRig({ apiVersion, country });
    const sale = await rig.core.startSale({ amount, currency });
    await rig.sandbox.completeCharge(sale.chargeId ?? '', 'successful');
    await deliver(rig, sale.chargeId ?? '');
    const voided = await rig.core.voidSale(sale.id);
    expect(voided.sale.status).toBe('voided');
    expect(voided.refunds).toMatchObject([{ amount, voided: true, status: 'succeeded' }]);

    const late = await rig.core.startSale({ amount, currency });
    await rig.sandbox.completeCharge(late.chargeId ?? '', 'successful');
    await deliver(rig, late.chargeId ?? '');
    await rig.sandbox.clock.advance(25 * 3_600_000);
    expect(await codeOf(rig.core.voidSale(late.id))).toBe('void_window_closed');
    expect(rig.core.getReceipt(late.id).sale.status).toBe('successful');
  });

  it('manual capture: authorized waits for capture; another is reversed', async () => {
    rig = await startRig({ apiVersion, country, sandbox: { allowManualCapture: true }, core: { terminal: { terminalId: 'T1', storeId: 'S1', country, returnUri: 'https://shop.example/return', captureMode: 'manual' } } });
    const a = await rig.core.startSale({ amount, currency });
    expect(rig.chargesForSale(a.id)[0]?.capture).toBe(false);
    await rig.sandbox.completeCharge(a.chargeId ?? '', 'successful');
    await deliver(rig, a.chargeId ?? '');
    expect(rig.core.getReceipt(a.id).sale.status).toBe('authorized');
    const captured = await rig.core.capture(a.id);
    expect(captured.sale.status).toBe('successful');
    expect(rig.chargesForSale(a.id)[0]?.status).toBe('successful');

    const b = await rig.core.startSale({ amount, currency });
    await rig.sandbox.completeCharge(b.chargeId ?? '', 'successful');
    await deliver(rig, b.chargeId ?? '');
    const reversed = await rig.core.reverse(b.id);
    expect(reversed.sale.status).toBe('reversed');
    expect(rig.chargesForSale(b.id)[0]?.status).toBe('reversed');
  });
});
