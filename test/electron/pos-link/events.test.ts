// The till's event stream: live checkout events through a payment, resume with Last-Event-ID, replay
// after the terminal restarted (the event log is on disk), and a revoked key's stream ends at once.
import { afterEach, describe, expect, it } from 'vitest';
import type { PosCheckout, PosEvent } from '../../../shared';
import { followEvents } from '../../../tools/pos-till/events';
import { call, PosApiError } from '../../../tools/pos-till/client';
import { posCheckoutSchema, posTerminalSchema } from '../../../shared';
import { waitFor } from '../../support/wait';
import { startPosRig, type PosRig } from './rig';

let t: PosRig | null = null;
afterEach(async () => {
  await t?.stop();
  t = null;
});

const body = (ref: string) => ({ amount: 1250, currency: 'SGD', reference_id: ref, idempotency_key: `k-${ref}` });

describe('POS link events', () => {
  it('a till following the stream sees pending → in_progress → completed, and terminal busy → ready', async () => {
    t = await startPosRig();
    const seen: PosEvent[] = [];
    const stream = await followEvents({ url: t.base, apiKey: t.key }, { onEvent: (e) => seen.push(e) });
    const { data: ck } = await call({ url: t.base, apiKey: t.key }, 'POST', '/v1/checkouts', posCheckoutSchema, body('E-1'));
    const inProgress = await waitFor(() => seen.find((e) => e.type === 'checkout.updated' && e.data.status === 'in_progress'), 'in_progress event');
    await t.pay((inProgress.data as PosCheckout).sale_id!);
    await waitFor(() => seen.find((e) => e.type === 'checkout.updated' && e.data.status === 'completed'), 'completed event');
    const statuses = seen.filter((e) => e.type === 'checkout.updated' && e.data.id === ck.id).map((e) => (e.data as PosCheckout).status);
    expect(statuses).toEqual(['pending', 'in_progress', 'completed']);
    const terminal = seen.filter((e) => e.type === 'terminal.updated').map((e) => (e.data as { state: string }).state);
    expect(terminal.at(-1)).toBe('ready');
    expect(terminal).toContain('busy');
    // ids strictly increase
    expect(seen.map((e) => e.id)).toEqual([...seen.map((e) => e.id)].sort((a, b) => a - b));
    stream.close();
    await stream.ended;
  });

  it('a dropped stream resumes after its last id with nothing lost or repeated, also after the terminal restarted', async () => {
    t = await startPosRig();
    const first: PosEvent[] = [];
    const s1 = await followEvents({ url: t.base, apiKey: t.key }, { onEvent: (e) => first.push(e) });
    const { data: ck } = await call({ url: t.base, apiKey: t.key }, 'POST', '/v1/checkouts', posCheckoutSchema, body('R-1'));
    const open = await waitFor(() => first.find((e) => e.type === 'checkout.updated' && e.data.status === 'in_progress'), 'in_progress');
    s1.close();
    await s1.ended;
    const resumeFrom = s1.lastId();
    // While the till is away: paid, then the terminal restarts.
    await t.pay((open.data as PosCheckout).sale_id!);
    await t.restart();
    const second: PosEvent[] = [];
    const s2 = await followEvents({ url: t.base, apiKey: t.key }, { lastEventId: resumeFrom, onEvent: (e) => second.push(e) });
    await waitFor(() => second.find((e) => e.type === 'checkout.updated' && e.data.id === ck.id && e.data.status === 'completed'), 'completed replayed');
    expect(second.every((e) => e.id > resumeFrom)).toBe(true);
    expect(new Set([...first, ...second].map((e) => e.id)).size).toBe(first.length + second.length);
    s2.close();
    await s2.ended;
  });

  it('revoking a key closes its open stream at once and refuses it everywhere; other tills go on', async () => {
    t = await startPosRig();
    const other = await t.pair('Till 2', ['payments']);
    const stream = await followEvents({ url: t.base, apiKey: t.key }, { onEvent: () => undefined });
    const otherStream = await followEvents({ url: t.base, apiKey: other }, { onEvent: () => undefined });
    const keyId = t.session.control.status().keys.find((k) => k.name === 'Till 1')!.id;
    const status = t.session.control.revokeKey(keyId);
    expect(status.keys.find((k) => k.id === keyId)?.revokedAt).not.toBeNull();
    await stream.ended;
    const refused = await call({ url: t.base, apiKey: t.key }, 'GET', '/v1/terminal', posTerminalSchema).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PosApiError);
    expect(refused).toMatchObject({ status: 401, code: 'unauthorized' });
    await expect(followEvents({ url: t.base, apiKey: t.key }, { onEvent: () => undefined })).rejects.toMatchObject({ status: 401 });
    expect((await call({ url: t.base, apiKey: other }, 'GET', '/v1/terminal', posTerminalSchema)).status).toBe(200);
    let otherEnded = false;
    void otherStream.ended.then(() => (otherEnded = true));
    await call({ url: t.base, apiKey: other }, 'GET', '/v1/terminal', posTerminalSchema);
    expect(otherEnded).toBe(false);
    otherStream.close();
  });
});
