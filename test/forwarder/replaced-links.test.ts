// Replaced links (issue 22: bench terminals that never reconnected). Under load a terminal's connection
// attempt can be abandoned by the terminal (handshake timeout) and still be completed late by the
// forwarder, which then replaces the terminal's live link with a dead socket. The terminal must take
// its link back; a late notice from an older connection must not close a newer one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { RelayClient } from '../../electron/relay/client';
import { startForwarder } from '../../forwarder/index';
import type { Forwarder } from '../../forwarder/index';
import type { LinkStatus } from '../../shared';
import { tempDir } from '../support/temp';
import { waitFor } from '../support/wait';
import { opnEvent, postWebhook, TerminalDb, TEST_SECRET } from './helpers';

const TERMINALS = 200;
const tmp = tempDir('replaced-links');
let fwd: Forwarder;
const clients: RelayClient[] = [];
const dbs: TerminalDb[] = [];

beforeAll(async () => {
  fwd = await startForwarder({ dataDir: tmp.dir, webhookSecret: TEST_SECRET, quiet: true, heartbeatMs: 1000, metricsPort: 0 });
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.stop()));
  for (const db of dbs) db.close();
  await fwd.stop();
  tmp.cleanup();
});

/** An attempt the terminal gave up on: the forwarder completes the handshake, nobody is there any more. */
function abandonedAttempt(id: string, token: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(fwd.wsUrl, { headers: { 'x-terminal-id': id, authorization: `Bearer ${token}` } });
    ws.once('open', () => {
      ws.terminate();
      resolve();
    });
    ws.once('error', reject);
  });
}

async function connectedCount(): Promise<number> {
  const r = (await (await fetch(`${fwd.url}/healthz`)).json()) as { terminalsConnected: number };
  return r.terminalsConnected;
}

describe('replaced links', () => {
  it(`${TERMINALS} terminals connecting at once, each link replaced by a late handshake, all take their link back and receive their webhooks`, async () => {
    const tokens = new Map<string, string>();
    const ids = Array.from({ length: TERMINALS }, (_, i) => `rl-${i}`);
    for (const [i, token] of (await Promise.all(ids.map((id) => fwd.createToken(id)))).entries()) tokens.set(ids[i] ?? '', token);
    for (const [id, token] of tokens) {
      const db = new TerminalDb(`${tmp.dir}/${id}.sqlite`);
      dbs.push(db);
      clients.push(new RelayClient({ url: fwd.wsUrl, terminalId: id, token, lastSeq: db.lastSeq, onEvent: db.commit, backoff: { initialMs: 20, maxMs: 300 } }));
    }
    for (const c of clients) c.start();
    await waitFor(() => clients.every((c) => c.status.state === 'connected'), 'every terminal connected', 60_000);

    // Every live link is replaced by a connection its terminal no longer holds (all at once).
    await Promise.all([...tokens].map(([id, token]) => abandonedAttempt(id, token)));
    await waitFor(async () => clients.every((c) => c.status.state === 'connected') && (await connectedCount()) === TERMINALS, 'every terminal connected again', 60_000);
    expect(clients.filter((c) => c.status.state === 'offline')).toHaveLength(0);

    // And the links they took back carry events.
    for (const id of tokens.keys()) expect((await postWebhook(fwd.webhookUrl, opnEvent(`evnt_rl_${id}`, id), { secret: TEST_SECRET })).status).toBe(200);
    await waitFor(() => dbs.every((db) => db.rows().length === 1), 'one event committed by each terminal', 60_000);
    expect(dbs.map((db) => db.rows()[0]?.event_id)).toEqual([...tokens.keys()].map((id) => `evnt_rl_${id}`));
  }, 240_000);

  it('a late replacement notice from an older connection does not close the newer one', async () => {
    const id = 'rl-late';
    const token = await fwd.createToken(id);
    const db = new TerminalDb(`${tmp.dir}/${id}.sqlite`);
    dbs.push(db);
    const statuses: LinkStatus[] = [];
    const c = new RelayClient({ url: fwd.wsUrl, terminalId: id, token, lastSeq: db.lastSeq, onEvent: db.commit, backoff: { initialMs: 20, maxMs: 300 }, onStatus: (s) => statuses.push(s) });
    clients.push(c);
    c.start();
    await waitFor(() => c.status.state === 'connected', 'connected');
    // The notice another instance published when an older connection of this terminal arrived there,
    // delivered only now (Redis pub/sub gives no order between instances).
    const before = statuses.length;
    await fwd.store.publishKick(id, 'replaced', 'other-instance.0', Date.now() - 60_000);
    expect((await postWebhook(fwd.webhookUrl, opnEvent('evnt_rl_late', id), { secret: TEST_SECRET })).status).toBe(200);
    await waitFor(() => db.rows().length === 1, 'the event over the same link');
    expect(statuses.slice(before).map((s) => s.state)).toEqual(statuses.slice(before).map(() => 'connected'));
    expect(c.status).toMatchObject({ state: 'connected', detail: null });
    // A notice from a newer connection elsewhere does close it (that connection is the terminal now).
    const seen = statuses.length;
    await fwd.store.publishKick(id, 'replaced', 'other-instance.1', Date.now() + 1);
    await waitFor(() => statuses.slice(seen).some((s) => s.state !== 'connected' && s.detail?.includes('another connection')), 'closed by the newer connection');
    // ...and the terminal, still holding its token, connects again: nothing else holds it now.
    await waitFor(() => c.status.state === 'connected', 'connected again');
  }, 60_000);
});
