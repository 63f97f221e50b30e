// Crash recovery: the core runs in a child process killed with SIGKILL at a marked moment of a sale; a
// restarted core's recover() must leave the sale in the right state, with one charge and one receipt.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openPaymentCore } from '../../../electron/core/index';
import type { PaymentCore } from '../../../electron/core/index';
import type { Sandbox } from '../../../sandbox/index';
import { startSandbox } from '../../../sandbox/index';
import { tempDir } from '../../support/temp';
import { waitFor } from '../../support/wait';
import { runCrashChild, stopCrashChild, type Mark } from './crash-child-run';

let sandbox: Sandbox | null = null;
let core: PaymentCore | null = null;

afterEach(async () => {
  stopCrashChild();
  await core?.close();
  await sandbox?.stop();
  core = null;
  sandbox = null;
});

/** Runs the child until it prints `killOn` (and `before` settled), kills it with SIGKILL there, and returns what it printed. */
async function runUntil(dbPath: string, sb: Sandbox, crashAt: string, killOn: string, before?: Promise<void>): Promise<Mark[]> {
  const { marks, signal } = await runCrashChild(dbPath, sb, crashAt, killOn, before);
  expect(signal).toBe('SIGKILL');
  return marks;
}

function restart(dbPath: string, sb: Sandbox, settleMs = 0): PaymentCore {
  core = openPaymentCore({
    tuning: { settleMs },
    dbPath,
    opn: { baseUrl: sb.baseUrl, secretKey: sb.secretKey, timeoutMs: 5_000 },
    terminal: { terminalId: 'T1', storeId: 'S1', country: 'SG', returnUri: 'https://shop.example/return', captureMode: 'automatic' },
    pollIntervalMs: 0,
    backupCheckMs: 0,
  });
  return core;
}

const saleIdOf = (marks: Mark[]) => String(marks.find((m) => m.mark === 'row-written')?.saleId);

describe('crash recovery (SIGKILL)', () => {
  // Idempotency off is the sandbox default (unverified upstream); the variant with it on must pass too.
  it.each([false, true])('killed while the sandbox held its POST /charges, which then took effect: recovery adopts the charge by sale_id (idempotency %s)', async (idempotency) => {
    sandbox = await startSandbox({ quiet: true, idempotency });
    const sb = sandbox;
    const dbPath = path.join(tempDir('core').dir, 'receipts.db');
    // The sandbox holds the request (its body read) until after the kill, then creates the charge for a sender that is gone.
    let held!: () => void;
    const isHeld = new Promise<void>((r) => (held = r));
    sb.faults.inject({ method: 'POST', path: '/charges', commitDelayMs: 100, onHeld: () => held() });
    const marks = await runUntil(dbPath, sb, 'post-sent', 'post-sent', isHeld);
    const saleId = saleIdOf(marks);
    await waitFor(() => sb.charges().some((c) => c.metadata.sale_id === saleId), 'the held charge');
    const [charge, ...more] = sb.charges().filter((c) => c.metadata.sale_id === saleId);
    expect(more).toHaveLength(0);

    const c = restart(dbPath, sb);
    await expect(c.startSale({ amount: 1000, currency: 'SGD' })).rejects.toMatchObject({ code: 'recovering' });
    expect(c.getReceipt(saleId).sale.status).toBe('creating');
    await c.recover();
    await c.tick();
    expect(c.getReceipt(saleId).sale).toMatchObject({ status: 'pending', chargeId: charge?.id });
    expect(c.listSales({})).toHaveLength(1);
    expect(sb.charges().filter((x) => x.metadata.sale_id === saleId)).toHaveLength(1);
    // New sales may begin once recovery is done.
    expect((await c.startSale({ amount: 1000, currency: 'SGD' })).status).toBe('pending');
  });

  it('killed after the row was written, before its POST /charges left the process: recovery fails the sale, nothing is charged', async () => {
    sandbox = await startSandbox({ quiet: true });
    const sb = sandbox;
    const dbPath = path.join(tempDir('core').dir, 'receipts.db');
    const saleId = saleIdOf(await runUntil(dbPath, sb, 'post-unsent', 'post-unsent'));
    expect(sb.charges()).toHaveLength(0);

    const c = restart(dbPath, sb);
    expect(c.getReceipt(saleId).sale.status).toBe('creating');
    await c.recover();
    // Past the settle time since the sale began (0 here), the tick settles a sale recovery left creating.
    await c.tick();
    expect(c.getReceipt(saleId).sale).toMatchObject({ status: 'failed', chargeId: null, failureCode: 'not_created' });
    expect(c.listSales({})).toHaveLength(1);
    expect(sb.charges()).toHaveLength(0);
    expect((await c.startSale({ amount: 1000, currency: 'SGD' })).status).toBe('pending');
  });

  it.each([false, true])('killed after POST /charges returned, before its result was committed: the charge is adopted, not sent again (idempotency %s)', async (idempotency) => {
    sandbox = await startSandbox({ quiet: true, idempotency });
    const dbPath = path.join(tempDir('core').dir, 'receipts.db');
    sandbox.faults.inject({ method: 'POST', path: '/charges', latencyMs: 200, times: 1 });
    const marks = await runUntil(dbPath, sandbox, 'post-returned', 'post-returned');
    const saleId = saleIdOf(marks);
    const [charge, ...more] = sandbox.charges().filter((x) => x.metadata.sale_id === saleId);
    expect(more).toHaveLength(0);
    expect(charge?.status).toBe('pending');

    const c = restart(dbPath, sandbox);
    expect(c.getReceipt(saleId).sale).toMatchObject({ status: 'creating', chargeId: null });
    await c.recover();
    expect(c.getReceipt(saleId).sale).toMatchObject({ status: 'pending', chargeId: charge?.id, authorizeUri: charge?.authorize_uri });
    expect(sandbox.charges().filter((x) => x.metadata.sale_id === saleId)).toHaveLength(1);
    expect(c.listSales({})).toHaveLength(1);
  });

  it('killed while pending; paid while the terminal was down: recover() finds it by charge id', async () => {
    sandbox = await startSandbox({ quiet: true });
    const dbPath = path.join(tempDir('core').dir, 'receipts.db');
    const marks = await runUntil(dbPath, sandbox, 'pending', 'pending');
    const pending = marks.find((m) => m.mark === 'pending');
    await sandbox.completeCharge(String(pending?.chargeId), 'successful');
    const c = restart(dbPath, sandbox);
    await c.recover();
    expect(c.getReceipt(String(pending?.saleId)).sale).toMatchObject({ status: 'successful', chargeId: pending?.chargeId });
    expect(sandbox.charges()).toHaveLength(1);
    expect(c.listSales({})).toHaveLength(1);
  });
});
