// Issue 7: a Z report refuses to close while the relay holds unacknowledged events. Real forwarder,
// real RelayClient, real receipt store (the core's migrations) and the real report service, wired with
// the runtime's own relayBacklog(); the terminal's commit (processed event + cursor, one transaction,
// as the core does for an event it does not act on) is held at a gate to make the backlog.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { relayBacklog } from '../../../electron/app/parts/relay-link';
import { RelayClient } from '../../../electron/relay/client';
import { createReportService, ZRefusedError } from '../../../electron/reports';
import { startForwarder } from '../../../forwarder/index';
import type { Forwarder } from '../../../forwarder/index';
import type { RelayEvent } from '../../../shared';
import { opnEvent, postWebhook, TEST_SECRET } from '../../forwarder/helpers';
import { waitFor } from '../../support/wait';
import { addSale, noOpn, noPrinter, tempStore } from '../reports/fixtures';
import type { TestStore } from '../reports/fixtures';

let fwd: Forwarder;
let t: TestStore;
let client: RelayClient | null = null;

beforeAll(async () => {
  t = tempStore();
  fwd = await startForwarder({ dataDir: t.dir, webhookSecret: TEST_SECRET, quiet: true });
});
afterEach(async () => {
  await client?.stop();
  client = null;
});
afterAll(async () => {
  await fwd.stop();
  t.cleanup();
});

function refusal(fn: () => unknown): ZRefusedError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ZRefusedError) return err;
    throw err;
  }
  throw new Error('the Z report closed');
}

describe('Z report and the relay backlog', () => {
  it('no forwarder configured: nothing can wait at one, so the relay does not block', () => {
    expect(relayBacklog(null)).toBe(0);
  });

  it('is refused while the link is down and while events are uncommitted; closes once all are committed', async () => {
    const token = await fwd.createToken('z-term');
    let open: () => void = () => undefined;
    const gate = new Promise<void>((r) => (open = r));
    const { store } = t;
    const c = new RelayClient({
      url: fwd.wsUrl, terminalId: 'z-term', token, backoff: { initialMs: 20, maxMs: 200 },
      lastSeq: () => store.events.cursor(),
      onEvent: async (e: RelayEvent) => {
        await gate;
        store.transaction(() => {
          store.events.markProcessed(e.eventId, null, new Date().toISOString());
          store.events.advanceCursor(e.seq);
        });
      },
    });
    client = c;
    const svc = createReportService({
      store, opn: noOpn, printer: noPrinter, outputDir: t.dir, now: () => new Date('2026-11-28T02:00:00.000Z'),
      settings: () => ({ shopName: 'Kimchi Corner', terminalId: 'z-term', timeZone: 'Asia/Singapore', dayStartMinutes: 0, currency: 'SGD' }),
      pendingRelayEvents: () => relayBacklog(c),
    });
    addSale(store, { amount: 1200, createdAt: '2026-11-27T03:00:00.000Z' });

    // Link not up yet: events may be waiting at the forwarder.
    expect(refusal(() => svc.z('2026-11-27')).message).toContain('relay link is down');

    for (const n of [1, 2]) expect((await postWebhook(fwd.webhookUrl, opnEvent(`evnt_test_z_${n}`, 'z-term'), { secret: TEST_SECRET })).status).toBe(200);
    c.start();
    await waitFor(() => c.status.state === 'connected', 'connected');
    const refused = refusal(() => svc.z('2026-11-27'));
    expect(refused.blockers).toEqual([{ kind: 'relay_unacked', saleId: null, count: 2, detail: 'the relay holds 2 unacknowledged events' }]);
    expect((svc.x('2026-11-27').blockers ?? []).map((b) => b.kind)).toEqual(['relay_unacked']);
    expect(svc.listZ()).toEqual([]);

    open();
    await waitFor(() => store.events.cursor() === 2, 'both events committed');
    await waitFor(() => c.pendingCount() === 0, 'backlog drained');
    const z = svc.z('2026-11-27');
    expect(z.report?.totals.gross).toBe(1200);
    expect(svc.listZ().map((s) => s.number)).toEqual([z.number]);
  });
});
