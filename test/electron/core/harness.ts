// Integration harness: a real sandbox over HTTP, a real SQLite file in a temp dir, the core on the
// sandbox's clock, and relay events built from the sandbox's own event objects (GET /charges/:id/events).
import path from 'node:path';
import { openPaymentCore } from '../../../electron/core/index';
import type { PaymentCore, PaymentCoreOptions } from '../../../electron/core/index';
import type { Country, OpnCharge, RelayEvent } from '../../../shared';
import type { ApiVersion, Sandbox, SandboxOptions } from '../../../sandbox/index';
import { startSandbox } from '../../../sandbox/index';
import { tempDir } from '../../support/temp';


export interface Rig {
  sandbox: Sandbox;
  core: PaymentCore;
  dbPath: string;
  /** Relay events for every event the sandbox emitted about this charge, oldest first, fresh seqs. */
  eventsFor(chargeId: string): Promise<RelayEvent[]>;
  chargesForSale(saleId: string): OpnCharge[];
  reopen(extra?: Partial<PaymentCoreOptions>): PaymentCore;
  stop(): Promise<void>;
}

let seq = 0;

export function relayEventOf(body: Record<string, unknown> & { id: string; key: string }): RelayEvent {
  seq += 1;
  return { type: 'event', seq, eventId: body.id, eventKey: body.key, receivedAt: new Date().toISOString(), signature: 'verified', rawBody: JSON.stringify(body) };
}

export async function startRig(o: { country?: Country; apiVersion?: ApiVersion; sandbox?: SandboxOptions; core?: Partial<PaymentCoreOptions>; timeoutMs?: number } = {}): Promise<Rig> {
  const country = o.country ?? 'SG';
  // Opn may ignore the requested expires_at (undocumented): every core test runs as if it did.
  const sandbox = await startSandbox({ country, quiet: true, ignoreExpiresAt: true, ...(o.apiVersion ? { apiVersion: o.apiVersion } : {}), ...o.sandbox });
  const dbPath = path.join(tempDir('core').dir, 'receipts.db');
  const cores: PaymentCore[] = [];
  const make = (extra: Partial<PaymentCoreOptions> = {}): PaymentCore => {
    const core = openPaymentCore({
      dbPath,
      opn: { baseUrl: sandbox.baseUrl, secretKey: sandbox.secretKey, timeoutMs: o.timeoutMs ?? 2_000, retries: 3, backoffBaseMs: 5 },
      terminal: { terminalId: 'T1', storeId: 'S1', country, returnUri: 'https://shop.example/return', captureMode: 'automatic' },
      now: () => sandbox.clock.now(),
      pollIntervalMs: 0,
      backupCheckMs: 0,
      ...o.core,
      ...extra,
      tuning: { settleMs: 5_000, ...o.core?.tuning, ...extra.tuning },
    });
    cores.push(core);
    return core;
  };
  const core = make();
  await core.recover();
  return {
    sandbox,
    core,
    dbPath,
    async eventsFor(chargeId) {
      const res = await fetch(`${sandbox.baseUrl}/charges/${chargeId}/events?limit=100`, {
        headers: { Authorization: `Basic ${Buffer.from(`${sandbox.secretKey}:`).toString('base64')}` },
      });
      const list = (await res.json()) as { data: (Record<string, unknown> & { id: string; key: string })[] };
      return list.data.map(relayEventOf);
    },
    chargesForSale: (saleId) => sandbox.charges().filter((c) => c.metadata.sale_id === saleId),
    reopen: make,
    async stop() {
      for (const c of cores) await c.close();
      await sandbox.stop();
    },
  };
}
