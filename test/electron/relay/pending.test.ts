// RelayClient.pendingCount() against the real forwarder (SQLite store): unknown (null) while not
// connected, the forwarder's head minus the committed cursor while connected, 0 once all is committed.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RelayClient } from '../../../electron/relay/client';
import { startForwarder } from '../../../forwarder/index';
import type { Forwarder } from '../../../forwarder/index';
import type { RelayEvent } from '../../../shared';
import { opnEvent, postWebhook, TerminalDb, TEST_SECRET } from '../../forwarder/helpers';
import { tempDir } from '../../support/temp';
import { waitFor } from '../../support/wait';

const tmp = tempDir('pending');
let fwd: Forwarder;
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  fwd = await startForwarder({ dataDir: tmp.dir, webhookSecret: TEST_SECRET, quiet: true });
});
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
afterAll(async () => {
  await fwd.stop();
  tmp.cleanup();
});

/** A terminal whose commits wait at a gate until released: "received but not yet committed". */
function heldTerminal(id: string, token: string): { db: TerminalDb; client: RelayClient; release: () => void; arrived: RelayEvent[] } {
  const db = new TerminalDb(`${tmp.dir}/${id}.sqlite`);
  let open: () => void = () => undefined;
  const gate = new Promise<void>((r) => (open = r));
  const arrived: RelayEvent[] = [];
  const client = new RelayClient({
    url: fwd.wsUrl, terminalId: id, token, lastSeq: db.lastSeq, backoff: { initialMs: 20, maxMs: 200 },
    onEvent: async (e) => {
      arrived.push(e);
      await gate;
      await db.commit(e);
    },
  });
  cleanups.push(async () => {
    open();
    await client.stop();
    db.close();
  });
  return { db, client, release: () => open(), arrived };
}

const post = async (id: string, terminal: string): Promise<void> => {
  expect((await postWebhook(fwd.webhookUrl, opnEvent(id, terminal), { secret: TEST_SECRET })).status).toBe(200);
};

describe('RelayClient.pendingCount', () => {
  it('is null before the link is up and after stop; counts live events until committed; 0 after', async () => {
    const token = await fwd.createToken('pend-live');
    const t = heldTerminal('pend-live', token);
    expect(t.client.pendingCount()).toBeNull();
    t.client.start();
    await waitFor(() => t.client.status.state === 'connected', 'connected');
    expect(t.client.pendingCount()).toBe(0);

    await post('evnt_test_pend_live_1', 'pend-live');
    await post('evnt_test_pend_live_2', 'pend-live');
    // Event 1 is being committed (held), event 2 waits behind it: both count.
    await waitFor(() => t.client.pendingCount() === 2, 'two pending');
    expect(t.arrived.map((e) => e.seq)).toEqual([1]);
    expect(t.db.lastSeq()).toBe(0);

    t.release();
    await waitFor(() => t.db.lastSeq() === 2, 'both committed');
    expect(t.client.pendingCount()).toBe(0);
    expect(t.db.rows().map((r) => r.seq)).toEqual([1, 2]);

    await t.client.stop();
    expect(t.client.pendingCount()).toBeNull();
  });

  it('knows the backlog stored while it was offline as soon as it is welcomed', async () => {
    const token = await fwd.createToken('pend-backlog');
    for (const n of [1, 2, 3]) await post(`evnt_test_pend_backlog_${n}`, 'pend-backlog');
    const t = heldTerminal('pend-backlog', token);
    t.client.start();
    await waitFor(() => t.client.status.state === 'connected', 'connected');
    expect(t.client.pendingCount()).toBe(3);
    t.release();
    await waitFor(() => t.db.lastSeq() === 3, 'backlog committed');
    expect(t.client.pendingCount()).toBe(0);
  });

  it('is null while the forwarder refuses the terminal (link down)', async () => {
    await fwd.createToken('pend-refused');
    const t = heldTerminal('pend-refused', 'wrong-token');
    t.client.start();
    await waitFor(() => t.client.status.detail?.includes('401'), 'refused');
    expect(t.client.pendingCount()).toBeNull();
  });
});
