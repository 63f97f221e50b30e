// Recovery must settle what Opn answers about and never lock the terminal out: a charge Opn does not know
// fails the sale (nothing was taken), and sales Opn cannot be asked about block new sales only for a
// bounded number of passes, then stay open and are polled until Opn answers.
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { CoreError } from '../../../electron/core/index';
import type { Rig } from './harness';
import { startRig } from './harness';

let rig: Rig | null = null;
afterEach(async () => {
  await rig?.stop();
  rig = null;
});

const codeOf = (p: Promise<unknown>) => p.then(() => 'resolved', (e: unknown) => (e instanceof CoreError ? e.code : `untyped: ${String(e)}`));

/** Points a sale at a charge id the sandbox never issued (as after a lost or foreign Opn record). */
function forgetCharge(dbPath: string, saleId: string, fakeChargeId: string): void {
  const db = new Database(dbPath);
  try {
    db.pragma('busy_timeout = 5000');
    db.prepare('UPDATE sales SET charge_id = ? WHERE id = ?').run(fakeChargeId, saleId);
  } finally {
    db.close();
  }
}

describe('recovery', () => {
  it('a sale whose charge Opn does not know is failed (unconfirmed), the others are still reconciled, and new sales start', async () => {
    rig = await startRig();
    const lost = await rig.core.startSale({ amount: 1000, currency: 'SGD' });
    const paid = await rig.core.startSale({ amount: 2000, currency: 'SGD' });
    await rig.sandbox.completeCharge(paid.chargeId ?? '', 'successful');
    await rig.core.close();
    // `lost` is older, so recovery meets its 404 before it reaches `paid`.
    forgetCharge(rig.dbPath, lost.id, 'chrg_test_unknown00000000000a');

    const restarted = rig.reopen();
    // A 404 is trusted only when the account itself answers (GET /charges); otherwise it could be a wrong URL.
    rig.sandbox.faults.inject({ method: 'GET', path: /^\/charges$/, status: 503, times: 1_000 });
    expect(await codeOf(restarted.recover())).toBe('opn_unavailable');
    expect(restarted.getReceipt(lost.id).sale.status).toBe('pending');
    expect(restarted.getReceipt(paid.id).sale.status).toBe('successful');
    rig.sandbox.faults.clear();

    await restarted.recover();
    expect(restarted.getReceipt(lost.id).sale).toMatchObject({ status: 'failed', failureCode: 'unconfirmed' });
    expect((await restarted.startSale({ amount: 1500, currency: 'SGD' })).status).toBe('pending');

    // The polling path treats a 404 for an open sale the same way.
    const next = await restarted.startSale({ amount: 1200, currency: 'SGD' });
    forgetCharge(rig.dbPath, next.id, 'chrg_test_unknown00000000000b');
    await restarted.tick();
    expect(restarted.getReceipt(next.id).sale).toMatchObject({ status: 'failed', failureCode: 'unconfirmed' });
  });

  it('transient errors for one sale block new sales only for recoverPasses passes; the sale is settled once Opn answers', async () => {
    rig = await startRig();
    const old = await rig.core.startSale({ amount: 1000, currency: 'SGD' });
    await rig.sandbox.completeCharge(old.chargeId ?? '', 'successful');
    rig.sandbox.faults.inject({ method: 'GET', path: `/charges/${old.chargeId}`, status: 503, times: 1_000 });

    const restarted = rig.reopen({ tuning: { recoverPasses: 3 } });
    expect(await codeOf(restarted.recover())).toBe('opn_unavailable');
    expect(await codeOf(restarted.startSale({ amount: 1000, currency: 'SGD' }))).toBe('recovering');
    await restarted.tick(); // pass 2
    expect(await codeOf(restarted.startSale({ amount: 1000, currency: 'SGD' }))).toBe('recovering');
    await restarted.tick(); // pass 3: only transient failures left, so new sales are allowed
    expect((await restarted.startSale({ amount: 1000, currency: 'SGD' })).status).toBe('pending');
    // The unanswered sale stays open (visible to the cashier) and keeps being polled.
    expect(restarted.getReceipt(old.id).sale.status).toBe('pending');
    await restarted.tick();
    expect(restarted.getReceipt(old.id).sale.status).toBe('pending');

    rig.sandbox.faults.clear();
    await restarted.tick();
    expect(restarted.getReceipt(old.id).sale.status).toBe('successful');
  });
});
