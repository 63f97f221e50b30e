// A POST /charges that reaches Opn only after the app was killed and restarted (held in flight across the
// restart): recovery waits out the settle time before failing the sale, and a charge that appears even
// later for a failed sale is expired at Opn, or the sale flagged if it was paid. Idempotency is off.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { openPaymentCore } from '../../../electron/core/index';
import type { PaymentCore } from '../../../electron/core/index';
import type { Sandbox } from '../../../sandbox/index';
import { startSandbox } from '../../../sandbox/index';
import { relayEventOf } from './harness';
import { tempDir } from '../../support/temp';

const CHILD = path.join(import.meta.dirname, 'fixtures', 'crash-child.ts');
let sandbox: Sandbox | null = null;
let child: ChildProcess | null = null;
let core: PaymentCore | null = null;

afterEach(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await core?.close();
  await sandbox?.stop();
  child = null;
  core = null;
  sandbox = null;
});

/** Starts one sale in a child process and kills it (SIGKILL) once the sandbox holds its POST /charges. */
async function killAfterPost(dbPath: string, sb: Sandbox, commitDelayMs: number): Promise<string> {
  let held!: () => void;
  const isHeld = new Promise<void>((r) => (held = r));
  sb.faults.inject({ method: 'POST', path: '/charges', commitDelayMs, onHeld: () => held() });
  const proc = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    env: { ...process.env, CRASH_DB: dbPath, CRASH_BASE_URL: sb.baseUrl, CRASH_SECRET: sb.secretKey, CRASH_AT: 'post-sent' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = proc;
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  let saleId = '';
  await new Promise<void>((resolve, reject) => {
    createInterface({ input: proc.stdout }).on('line', (line) => {
      const m = JSON.parse(line) as { mark: string; saleId?: string };
      if (m.mark === 'row-written') saleId = m.saleId ?? '';
      if (m.mark === 'post-sent') {
        void isHeld.then(() => {
          proc.kill('SIGKILL');
          resolve();
        });
      }
    });
    proc.once('exit', () => reject(new Error('child exited early')));
  });
  await exited;
  return saleId;
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

async function until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
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
    await until(() => chargesOf(sb, saleId).length === 1, 'the late charge');
    await until(() => Date.now() - Date.parse(c.getReceipt(saleId).sale.createdAt) >= 4_000, 'the settle time');
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
    await until(() => Date.now() - Date.parse(c.getReceipt(saleId).sale.createdAt) >= 500, 'the settle time');
    await c.recover();
    expect(c.getReceipt(saleId).sale).toMatchObject({ status: 'failed', failureCode: 'not_created' });
    await until(() => chargesOf(sb, saleId).length === 1, 'the late charge');
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
