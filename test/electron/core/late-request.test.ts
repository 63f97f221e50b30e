// A POST /charges that reaches Opn only after the app was killed and restarted (held in flight across the
// restart): recovery waits out the settle time before failing the sale, and a charge that appears even
// later for a failed sale is expired at Opn, or the sale flagged if it was paid. Idempotency is off.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openPaymentCore } from '../../../electron/core/index';
import type { PaymentCore } from '../../../electron/core/index';
import type { Sandbox } from '../../../sandbox/index';
import { startSandbox } from '../../../sandbox/index';
import { relayEventOf } from './harness';
import { tempDir } from '../../support/temp';
import { runCrashChild, stopCrashChild } from './crash-child-run';
import { waitFor } from '../../support/wait';

let sandbox: Sandbox | null = null;
let core: PaymentCore | null = null;

afterEach(async () => {
  stopCrashChild();
  await core?.close();
  await sandbox?.stop();
  core = null;
  sandbox = null;
});

/** Starts one sale in a child process and kills it (SIGKILL) once the sandbox holds its POST /charges. */
async function killAfterPost(dbPath: string, sb: Sandbox, commitDelayMs: number): Promise<string> {
  let held!: () => void;
  const isHeld = new Promise<void>((r) => (held = r));
  sb.faults.inject({ method: 'POST', path: '/charges', commitDelayMs, onHeld: () => held() });
  const { marks } = await runCrashChild(dbPath, sb, 'post-sent', 'post-sent', isHeld);
  return String(marks.find((m) => m.mark === 'row-written')?.saleId ?? '');
}

function restart(dbPath: string, sb: Sandbox, settleMs: number): PaymentCore {
  core = openPaymentCore({
    dbPath,
    opn: { baseUrl: sb.baseUrl, secretKey: sb.secretKey, timeoutMs: 1_000, retries: 1, backoffBaseMs: 5 },
    terminal: { terminalId: 'T1', storeId: 'S1', country: 'SG', returnUri: 'https://shop.example/return', captureMode: 'automatic' },
    pollIntervalMs: 0,
    backupCheckMs: 0,
    tuning: { settleMs },
  });
  return core;
}

const chargesOf = (sb: Sandbox, saleId: string) => sb.charges().filter((c) => c.metadata.sale_id === saleId);

describe('a request held in flight across a restart (idempotency off)', () => {
  it.each([false, true])('recovery waits out the settle time: the late charge is adopted, not orphaned (idempotency %s)', async (idempotency) => {
    sandbox = await startSandbox({ quiet: true, idempotency });
    const dbPath = path.join(tempDir('core').dir, 'receipts.db');
    const saleId = await killAfterPost(dbPath, sandbox, 1_500);
    const c = restart(dbPath, sandbox, 4_000);
    await c.recover();
    // Nothing at Opn yet, but the request may still land: the sale is not failed.
    expect(chargesOf(sandbox, saleId)).toHaveLength(0);
    expect(c.getReceipt(saleId).sale.status).toBe('creating');
    const sb = sandbox;
    await waitFor(() => chargesOf(sb, saleId).length === 1, 'the late charge');
    await waitFor(() => Date.now() - Date.parse(c.getReceipt(saleId).sale.createdAt) >= 4_000, 'the settle time');
    await c.tick();
    expect(c.getReceipt(saleId).sale).toMatchObject({ status: 'pending', chargeId: chargesOf(sb, saleId)[0]?.id });
    expect(chargesOf(sb, saleId)).toHaveLength(1);
  });

  it.each(['pending', 'paid'] as const)('a charge that lands after the sale failed (%s): expired at Opn, or the sale flagged', async (state) => {
    sandbox = await startSandbox({ quiet: true });
    const sb = sandbox;
    const dbPath = path.join(tempDir('core').dir, 'receipts.db');
    const saleId = await killAfterPost(dbPath, sandbox, 2_500);
    const c = restart(dbPath, sandbox, 500);
    await waitFor(() => Date.now() - Date.parse(c.getReceipt(saleId).sale.createdAt) >= 500, 'the settle time');
    await c.recover();
    expect(c.getReceipt(saleId).sale).toMatchObject({ status: 'failed', failureCode: 'not_created' });
    await waitFor(() => chargesOf(sb, saleId).length === 1, 'the late charge');
    const late = chargesOf(sb, saleId)[0];
    if (state === 'paid') await sb.completeCharge(late?.id ?? '', 'successful');
    if (state === 'pending') {
      // Found by the tick's late-charge search (no relay needed).
      await c.tick();
      expect(chargesOf(sb, saleId)[0]?.status).toBe('expired');
      expect(c.getReceipt(saleId).sale).toMatchObject({ status: 'failed', chargeId: late?.id });
    } else {
      // Reported by its charge.complete event.
      const res = await fetch(`${sb.baseUrl}/charges/${late?.id}/events`, { headers: { Authorization: `Basic ${Buffer.from(`${sb.secretKey}:`).toString('base64')}` } });
      const events = ((await res.json()) as { data: { id: string; key: string }[] }).data;
      for (const ev of events) await c.handleRelayEvent(relayEventOf(ev));
      expect(c.getReceipt(saleId).sale).toMatchObject({ status: 'needs_attention', chargeId: late?.id });
      expect(chargesOf(sb, saleId)[0]?.status).toBe('successful');
    }
  });
});
