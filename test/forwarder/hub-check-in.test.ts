// The heartbeat's check-in against the store, with many terminals due at once: a token revoked by another
// connection to the file (the CLI's way) ends every session, and no single store read covers more than
// CHECK_IN_SLICE terminals (one read for 750 held the event loop 2–4 ms in the benchmark).
import { afterAll, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startForwarder } from '../../forwarder/index';
import type { Forwarder } from '../../forwarder/index';
import { CHECK_IN_SLICE } from '../../forwarder/limits';
import { openStore } from '../../forwarder/store/open';
import { forwarderMessageSchema } from '../../shared';
import { tempDir } from '../support/temp';
import { waitFor } from '../support/wait';
import { TEST_SECRET } from './helpers';

const TERMINALS = 200;
/** The check comes every heartbeat/5 (800 ms): terminals connected within that window come due together. */
const HEARTBEAT_MS = 4000;
const tmp = tempDir('hub-check-in');
let fwd: Forwarder;
const sockets: WebSocket[] = [];

beforeAll(async () => {
  fwd = await startForwarder({ dataDir: tmp.dir, webhookSecret: TEST_SECRET, quiet: true, heartbeatMs: HEARTBEAT_MS, metricsPort: 0 });
});
afterAll(async () => {
  for (const ws of sockets) ws.terminate();
  await fwd.stop();
  tmp.cleanup();
});

it(`ends all ${TERMINALS} sessions whose tokens another connection revoked, reading at most ${CHECK_IN_SLICE} terminals at a time`, async () => {
  const ids = Array.from({ length: TERMINALS }, (_, i) => `slice-${i}`);
  const tokens = new Map<string, string>();
  for (const id of ids) tokens.set(id, await fwd.createToken(id));

  const reads: number[] = [];
  const checkIn = fwd.store.checkIn.bind(fwd.store);
  fwd.store.checkIn = (terminalIds) => {
    reads.push(terminalIds.length);
    return checkIn(terminalIds);
  };

  const revoked = new Set<string>();
  const closed = new Set<string>();
  await Promise.all(ids.map((id) => new Promise<void>((resolve, reject) => {
    const ws = new WebSocket(fwd.wsUrl, { headers: { 'x-terminal-id': id, authorization: `Bearer ${tokens.get(id) ?? ''}` } });
    sockets.push(ws);
    ws.on('message', (d) => {
      const m = forwarderMessageSchema.parse(JSON.parse((d as Buffer).toString('utf8')));
      if (m.type === 'ping') ws.send(JSON.stringify({ type: 'pong', t: m.t }));
      if (m.type === 'closing' && m.code === 'revoked') revoked.add(id);
    });
    ws.on('close', () => closed.add(id));
    ws.once('open', () => resolve());
    ws.once('error', reject);
  })));

  // The CLI's way: its own connection to the file. The forwarder is told nothing and finds out at check-in.
  const other = await openStore({ store: 'sqlite', dataDir: tmp.dir });
  for (const id of ids) await other.revokeToken(id);
  await other.close();

  await waitFor(() => closed.size === TERMINALS, `all ${TERMINALS} sessions to be ended by the check-in`, 3 * HEARTBEAT_MS);
  expect(revoked.size).toBe(TERMINALS);
  // Connected within one or two check periods, so at least 100 came due in one tick: read in slices.
  expect(Math.max(...reads)).toBe(CHECK_IN_SLICE);
  expect(reads.every((n) => n <= CHECK_IN_SLICE)).toBe(true);
  expect(reads.reduce((a, n) => a + n, 0)).toBeGreaterThanOrEqual(TERMINALS);
}, 30_000);
