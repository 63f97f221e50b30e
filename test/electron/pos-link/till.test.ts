// The reference till (tools/pos-till, `npm run pos`) against a real POS link: pairs once and keeps its
// key 0600, pays, finds a paid reference instead of charging again, survives the terminal restarting
// mid-payment, cancels and refunds.
import { statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runTill } from '../../../tools/pos-till/till';
import { tempDir } from '../../support/temp';
import { waitFor } from '../../support/wait';
import { startPosRig, type PosRig } from './rig';

let t: PosRig | null = null;
afterEach(async () => {
  await t?.stop();
  t = null;
});

const pendingSale = (r: PosRig) => waitFor(() => r.rig.core.store.sales.listOpen().find((s) => s.status === 'pending'), 'a pending sale');

describe('the reference till', () => {
  it('pairs once, pays 12.50 for A-1042, and the second run for the same reference says it is already paid', async () => {
    t = await startPosRig();
    const dir = tempDir('till').dir;
    const code = t.session.control.createPairingCode({ name: 'Till 9', scopes: ['payments', 'refunds'] });
    const out: string[] = [];
    const run = runTill(['pay', '12.50', '--ref', 'A-1042', '--pair', code.code, '--url', t.base, '--config-dir', dir, '--item', 'Kimchi stew:2:6.25'], { out: (l) => out.push(l) });
    const sale = await pendingSale(t);
    expect(sale.amount).toBe(1250);
    await t.pay(sale.id);
    expect(await run).toBe(0);
    expect(out[0]).toMatch(/^paired as "Till 9" \(payments, refunds\)/);
    expect(out.at(-1)).toMatch(/^completed · SGD 12\.50 · ref A-1042 · chk_/);
    expect(statSync(path.join(dir, 'till.json')).mode & 0o777).toBe(0o600);

    const again: string[] = [];
    expect(await runTill(['pay', '12.50', '--ref', 'A-1042', '--config-dir', dir], { out: (l) => again.push(l) })).toBe(0);
    expect(again).toEqual([expect.stringMatching(/^already paid: completed/)]);
    expect(t.rig.sandbox.charges()).toHaveLength(1);

    const refund: string[] = [];
    expect(await runTill(['refund', '--ref', 'A-1042', '--amount', '2.50', '--config-dir', dir], { out: (l) => refund.push(l) })).toBe(0);
    expect(refund[0]).toMatch(/^refund succeeded( \(voided\))? · SGD 2\.50/);
    const status: string[] = [];
    await runTill(['status', '--ref', 'A-1042', '--config-dir', dir], { out: (l) => status.push(l) });
    expect(status[0]).toMatch(/refunded SGD 2\.50$/);
  });

  it('the terminal restarting mid-payment: the till reconnects, resumes its stream and prints the outcome', async () => {
    t = await startPosRig();
    const dir = tempDir('till').dir;
    const code = t.session.control.createPairingCode({ name: 'Till 9', scopes: ['payments'] });
    const out: string[] = [];
    const run = runTill(['pay', '30', '--ref', 'B-7', '--pair', code.code, '--url', t.base, '--config-dir', dir], { out: (l) => out.push(l) });
    const sale = await pendingSale(t);
    await waitFor(() => out.some((l) => l.startsWith('in_progress')), 'the till saw in_progress');
    await t.restart();
    await t.pay(sale.id);
    expect(await run).toBe(0);
    expect(out.at(-1)).toMatch(/^completed · SGD 30\.00 · ref B-7/);
  });

  it('cancel from the till: the open checkout of the reference is canceled, the pay run ends canceled (exit 1)', async () => {
    t = await startPosRig();
    const dir = tempDir('till').dir;
    const code = t.session.control.createPairingCode({ name: 'Till 9', scopes: ['payments'] });
    const out: string[] = [];
    const run = runTill(['pay', '5', '--ref', 'C-3', '--pair', code.code, '--url', t.base, '--config-dir', dir], { out: (l) => out.push(l) });
    const sale = await pendingSale(t);
    const cancel: string[] = [];
    expect(await runTill(['cancel', '--ref', 'C-3', '--config-dir', dir], { out: (l) => cancel.push(l) })).toBe(0);
    expect(cancel[0]).toMatch(/^canceled · SGD 5\.00/);
    expect(await run).toBe(1);
    expect(out.at(-1)).toMatch(/^canceled/);
    expect(t.rig.core.getReceipt(sale.id).sale.status).toBe('cancelled');
  });
});
