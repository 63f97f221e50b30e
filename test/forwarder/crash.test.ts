// The forwarder as a child process, SIGKILLed and restarted while webhooks arrive and the terminal is
// committing: every event that got a 2xx is delivered, each committed exactly once, in order.
import { afterAll, describe, expect, it } from 'vitest';
import { RelayClient } from '../../electron/relay/client';
import { createToken } from '../../forwarder/index';
import { openStore } from '../../forwarder/store/open';
import { needsRedis } from '../support/programs';
import { freePort, stopChild, useRedis } from '../support/servers';
import { tempDir } from '../support/temp';
import { waitFor } from '../support/wait';
import { opnEvent, sign, spawnForwarder, TerminalDb, TEST_SECRET, uniquePrefix } from './helpers';
import type { ForwarderChild } from './helpers';

const N = 40;
const tmp = tempDir('crash');
const redis = useRedis();
afterAll(() => tmp.cleanup());

/** Like Opn: POST until a 2xx, retrying connection errors and 5xx. */
async function deliver(url: () => string, body: string): Promise<void> {
  for (let attempt = 0; attempt < 400; attempt++) {
    const ts = Math.floor(Date.now() / 1000);
    try {
      const res = await fetch(url(), { method: 'POST', body, headers: { 'omise-signature': sign(TEST_SECRET, ts, body), 'omise-signature-timestamp': String(ts) } });
      if (res.status >= 200 && res.status < 300) return;
    } catch {
      // forwarder down: retry
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('webhook never accepted');
}

for (const store of ['sqlite', 'redis'] as const) describe.skipIf(store === 'redis' && needsRedis.missing)(needsRedis.title(`SIGKILL mid-stream with ${store}`, store === 'redis'), () => {
  it('loses nothing and commits nothing twice', async () => {
    const dataDir = `${tmp.dir}/${store}`;
    const prefix = uniquePrefix('crash');
    const redisUrl = store === 'redis' ? redis.url : '';
    const storeOpts = { store, dataDir, redisUrl, redisPrefix: prefix };
    const env = { FORWARDER_STORE: store, FORWARDER_DATA_DIR: dataDir, REDIS_URL: redisUrl, FORWARDER_REDIS_PREFIX: prefix, OPN_WEBHOOK_SECRET: TEST_SECRET };
    const s = await openStore(storeOpts);
    const token = await createToken(s, 'crash-1');
    await s.close();

    const port = await freePort();
    let fwd: ForwarderChild = await spawnForwarder(env, ['--port', String(port)]);
    const db = new TerminalDb(`${tmp.dir}/${store}-terminal.sqlite`);
    // The terminal's commits are held from event 10 until after the restart, so the kill lands with
    // events stored but not yet committed, and one event in the middle of its commit.
    let gate: Promise<void> = Promise.resolve();
    let openGate = (): void => undefined;
    const onEvent = async (e: Parameters<TerminalDb['commit']>[0]): Promise<void> => {
      await gate;
      await db.commit(e);
    };
    const client = new RelayClient({ url: `ws://127.0.0.1:${port}/terminals`, terminalId: 'crash-1', token, lastSeq: db.lastSeq, onEvent, backoff: { initialMs: 20, maxMs: 100 } });
    client.start();
    try {
      const url = () => `http://127.0.0.1:${port}/webhooks/opn`;
      let killed = 0;
      let committedAtKill = -1;
      for (let i = 1; i <= N; i++) {
        await deliver(url, opnEvent(`evnt_test_crash_${i}`, 'crash-1'));
        if (i === 10) gate = new Promise((r) => (openGate = r));
        if (i === 20) {
          committedAtKill = db.rows().length;
          // SIGKILL right after a 2xx, while the terminal is still draining; restart on the same port
          fwd.child.kill('SIGKILL');
          await new Promise((r) => fwd.child.once('exit', r));
          killed++;
          fwd = await spawnForwarder(env, ['--port', String(port)]);
          openGate();
        }
      }
      expect(killed).toBe(1);
      expect(committedAtKill).toBeGreaterThanOrEqual(0);
      expect(committedAtKill).toBeLessThan(20); // mid-stream: stored events were still uncommitted
      await waitFor(() => db.rows().length === N, `all ${N} commits`, 25_000);
      const rows = db.rows();
      expect(rows.map((r) => r.event_id)).toEqual(Array.from({ length: N }, (_, i) => `evnt_test_crash_${i + 1}`));
      expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: N }, (_, i) => i + 1));
      expect(db.duplicateCommits).toBe(0);
    } finally {
      openGate(); // never leave a commit hanging (client.stop waits for it)
      await client.stop();
      db.close();
      await stopChild(fwd.child);
    }
  }, 90_000); // two forwarder process starts per store
});
