// A full disk at each step of a sale, on a real small file system (a tmpfs the test mounts and fills):
// before the charge, after Opn created it, and while the customer pays. Nothing is lost, nothing is
// charged twice, no new payment starts while the log cannot be written, and "paid" is announced only
// after it is committed.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { CoreError } from '../../../electron/core/index';
import type { Sale } from '../../../shared';
import { canMountTmpfs, mountSmallFs } from '../../support/small-fs';
import type { SmallFs } from '../../support/small-fs';
import type { Rig } from './harness';
import { startRig } from './harness';

let rig: Rig | null = null;
let disk: SmallFs | null = null;
afterEach(async () => {
  await rig?.stop();
  rig = null;
  disk?.unmount();
  disk = null;
});

const title = (name: string): string => (canMountTmpfs ? name : `${name} [skipped: needs root to mount a tmpfs; enable: run the tests as root]`);
const codeOf = (p: Promise<unknown>) => p.then(() => 'resolved', (e: unknown) => (e instanceof CoreError ? e.code : `untyped: ${String(e)}`));

async function rigOnSmallDisk(): Promise<{ rig: Rig; disk: SmallFs; dbPath: string }> {
  disk = mountSmallFs(4096);
  const dbPath = path.join(disk.dir, 'receipts.db');
  rig = await startRig({ core: { dbPath, tuning: { diskFloorBytes: 512 * 1024, settleMs: 1_000 } } });
  return { rig, disk, dbPath };
}

/** The row as the file holds it, read through a second connection (what survives a crash). */
function rowOnDisk(dbPath: string, saleId: string): { status: string; charge_id: string | null } | undefined {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT status, charge_id FROM sales WHERE id = ?').get(saleId) as { status: string; charge_id: string | null } | undefined;
  } finally {
    db.close();
  }
}

describe.skipIf(!canMountTmpfs)('a full disk', () => {
  it(title('before the charge: refused with disk_full, nothing written, nothing charged; works again once space is freed'), async () => {
    const { rig, disk } = await rigOnSmallDisk();
    disk.fill();
    expect(await codeOf(rig.core.startSale({ amount: 1000, currency: 'SGD' }))).toBe('disk_full');
    expect(rig.core.storeHealth()).toBe('disk_full');
    expect(rig.core.store.sales.count()).toBe(0);
    expect(rig.sandbox.charges()).toHaveLength(0);

    disk.free();
    await rig.core.tick();
    expect(rig.core.storeHealth()).toBeNull();
    const sale = await rig.core.startSale({ amount: 1000, currency: 'SGD' });
    expect(sale.status).toBe('pending');
    expect(rig.sandbox.charges()).toHaveLength(1);
  });

  it(title('after Opn created the charge: the charge is withdrawn, the sale stays recoverable and is recorded once writing works'), async () => {
    const { rig, disk, dbPath } = await rigOnSmallDisk();
    const create = rig.core.opn.createCharge.bind(rig.core.opn);
    // The disk fills between Opn's answer and its commit.
    rig.core.opn.createCharge = async (p) => {
      const charge = await create(p);
      disk.fill();
      return charge;
    };
    const seen: Sale[] = [];
    rig.core.onSaleChanged((s) => seen.push(s));
    expect(await codeOf(rig.core.startSale({ amount: 2500, currency: 'SGD' }))).toBe('disk_full');
    rig.core.opn.createCharge = create;

    const [charge] = rig.sandbox.charges();
    const saleId = String(charge?.metadata.sale_id);
    expect(rowOnDisk(dbPath, saleId)).toEqual({ status: 'creating', charge_id: null });
    // Nobody can pay what the terminal could not record: the QR was never shown and the charge is expired.
    expect(rig.sandbox.charges().map((c) => c.status)).toEqual(['expired']);
    expect(seen.map((s) => s.status)).toEqual(['creating']);
    // No new payment while the disk is full, and the tick cannot settle anything yet.
    expect(await codeOf(rig.core.startSale({ amount: 1000, currency: 'SGD' }))).toBe('disk_full');
    await rig.core.tick();
    expect(rowOnDisk(dbPath, saleId)?.status).toBe('creating');
    expect(rig.sandbox.charges()).toHaveLength(1);

    disk.free();
    await rig.core.tick();
    expect(rowOnDisk(dbPath, saleId)).toEqual({ status: 'expired', charge_id: charge?.id });
    expect(rig.sandbox.charges()).toHaveLength(1);
    expect((await rig.core.startSale({ amount: 1000, currency: 'SGD' })).status).toBe('pending');
  });

  it(title('after Opn created the charge, then a restart: found at Opn by its sale id on the next start'), async () => {
    const { rig, disk, dbPath } = await rigOnSmallDisk();
    const create = rig.core.opn.createCharge.bind(rig.core.opn);
    rig.core.opn.createCharge = async (p) => {
      const charge = await create(p);
      disk.fill();
      return charge;
    };
    expect(await codeOf(rig.core.startSale({ amount: 2500, currency: 'SGD' }))).toBe('disk_full');
    await rig.core.close();
    disk.free();

    const [charge] = rig.sandbox.charges();
    await rig.sandbox.clock.advance(2_000); // past settleMs: no request of the dead process can still land
    const again = rig.reopen({ dbPath, tuning: { diskFloorBytes: 512 * 1024, settleMs: 1_000 } });
    await again.recover();
    expect(again.store.sales.get(String(charge?.metadata.sale_id))).toMatchObject({ status: 'expired', chargeId: charge?.id });
    expect(rig.sandbox.charges()).toHaveLength(1);
  });

  it(title('while the customer pays: paid is not shown until committed; committed and shown once space is freed; one charge'), async () => {
    const { rig, disk, dbPath } = await rigOnSmallDisk();
    const sale = await rig.core.startSale({ amount: 4200, currency: 'SGD' });
    const seen: string[] = [];
    rig.core.onSaleChanged((s) => seen.push(s.status));
    disk.fill();
    await rig.sandbox.completeCharge(sale.chargeId ?? '', 'successful');

    // The relay's event cannot be committed: it is refused, so the relay does not acknowledge it.
    const events = await rig.eventsFor(sale.chargeId ?? '');
    expect(events.length).toBeGreaterThan(0);
    for (const ev of events) expect(await codeOf(rig.core.handleRelayEvent(ev))).toBe('disk_full');
    await rig.core.tick();
    expect(seen).not.toContain('successful');
    expect(rowOnDisk(dbPath, sale.id)?.status).toBe('pending');
    expect(await codeOf(rig.core.startSale({ amount: 1000, currency: 'SGD' }))).toBe('disk_full');

    disk.free();
    await rig.core.tick();
    expect(rowOnDisk(dbPath, sale.id)?.status).toBe('successful');
    expect(seen).toEqual(['successful']);
    // The relay's redelivery after that is harmless.
    for (const ev of events) await rig.core.handleRelayEvent(ev);
    expect(rig.core.getReceipt(sale.id).sale.status).toBe('successful');
    expect(rig.chargesForSale(sale.id)).toHaveLength(1);
  });
});
