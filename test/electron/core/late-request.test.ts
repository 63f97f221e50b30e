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

/**
 * Starts one sale in a child process and kills it (SIGKILL) once the sandbox holds its POST /charges; the
 * request takes effect when `release` settles. Returns the sale's id.
 */
async function killAfterPost(dbPath: string, sb: Sandbox, release: Promise<void>): Promise<string> {
  let held!: () => void;
  const isHeld = new Promise<void>((r) => (held = r));
  sb.faults.inject({ method: 'POST', path: '/charges', release, onHeld: () => held() });
  const { marks } = await runCrashChild(dbPath, sb, 'post-sent', 'post-sent', isHeld);
  return String(marks.find((m) => m.mark === 'row-written')?.saleId ?? '');
}

/** A gate the test opens when it chooses. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((r) => (open = r));
  return { promise, open };
}

/**
 * The restarted core, on a clock the test sets: `at(ms)` puts it `ms` after the sale began (the child
 * stamped createdAt in real time), so the settle time passes on the test's word, not by waiting.
 */
function restart(dbPath: string, sb: Sandbox, settleMs: number, saleId: string): { core: PaymentCore; at: (ms: number) => void } {
  let clock: number | null = null;
  const c = openPaymentCore({
    dbPath,
    opn: { baseUrl: sb.baseUrl, secretKey: sb.secretKey, timeoutMs: 1_000, retries: 1, backoffBaseMs: 5 },
    terminal: { terminalId: 'T1', storeId: 'S1', country: 'SG', returnUri: 'https://shop.example/return', captureMode: 'automatic' },
    pollIntervalMs: 0,
    backupCheckMs: 0,
    tuning: { settleMs },
    now: () => new Date(clock ?? Date.now()),
  });
  core = c;
  const began = Date.parse(c.getReceipt(saleId).sale.createdAt);
  return { core: c, at: (ms) => (clock = began + ms) };
}

const chargesOf = (sb: Sandbox, saleId: string) => sb.charges().filter((c) => c.metadata.sale_id === saleId);

describe('a request held in flight across a restart (idempotency off)', () => {
  it.each([false, true])('recovery waits out the settle time: the late charge is adopted, not orphaned (idempotency %s)', async (idempotency) => {
    sandbox = await startSandbox({ quiet: true, idempotency });
    const sb = sandbox;
    const dbPath = path.join(tempDir('core').dir, 'receipts.db');
    const release = gate();
    const saleId = await killAfterPost(dbPath, sb, release.promise);
    const { core: c, at } = restart(dbPath, sb, 4_000, saleId);
    at(3_999);
    await c.recover();
    // Nothing at Opn yet, but the request may still land: the sale is not failed.
    expect(chargesOf(sb, saleId)).toHaveLength(0);
    expect(c.getReceipt(saleId).sale.status).toBe('creating');
    release.open();
    await waitFor(() => chargesOf(sb, saleId).length === 1, 'the late charge');
    // Still inside the settle time: the tick leaves the sale creating.
    await c.tick();
    expect(c.getReceipt(saleId).sale.status).toBe('creating');
    at(4_000);
    await c.tick();
    expect(c.getReceipt(saleId).sale).toMatchObject({ status: 'pending', chargeId: chargesOf(sb, saleId)[0]?.id });
    expect(chargesOf(sb, saleId)).toHaveLength(1);
  });

  it.each(['pending', 'paid'] as const)('a charge that lands after the sale failed (%s): expired at Opn, or the sale flagged', async (state) => {
    sandbox = await startSandbox({ quiet: true });
    const sb = sandbox;
    const dbPath = path.join(tempDir('core').dir, 'receipts.db');
    const release = gate();
    const saleId = await killAfterPost(dbPath, sb, release.promise);
    const { core: c, at } = restart(dbPath, sb, 500, saleId);
    at(500);
    await c.recover();
    expect(c.getReceipt(saleId).sale).toMatchObject({ status: 'failed', failureCode: 'not_created' });
    release.open();
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
