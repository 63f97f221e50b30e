// With replicas to wait for, a webhook is answered 2xx only once a replica has its event: with the
// replica down it gets a 503 (Opn retries) and no terminal is sent the event; once a replica is back,
// the event reaches the terminal (the durable mark is raised) and Opn's retry is answered 2xx.
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { RelayClient } from '../../electron/relay/client';
import { startForwarder } from '../../forwarder/index';
import { needsRedisServer } from '../support/programs';
import { freePort, opnEvent, postWebhook, stopChild, tempDir, TerminalDb, TEST_SECRET, waitFor } from './helpers';
import { REDIS_PASSWORD, startNode } from './sentinel';

const tmp = tempDir('replica-gate');
afterAll(() => tmp.cleanup());

describe.skipIf(needsRedisServer.missing)(needsRedisServer.title('replica gate'), () => {
  it('answers 503 and sends nothing while no replica has the event, then delivers it once a replica does', async () => {
    const primary = await startNode({ port: await freePort(), dir: join(tmp.dir, 'p') }, null);
    const replicaAt = { port: await freePort(), dir: join(tmp.dir, 'r') };
    let replica = await startNode(replicaAt, primary.port);
    // The wait is generous: a live replica's ack took over 200 ms with the machine's load at 13 (the
    // first write then failed); with the replica killed, 503 comes after it whatever its length.
    const fwd = await startForwarder({
      store: 'redis', redisUrl: `redis://127.0.0.1:${primary.port}`, redisPassword: REDIS_PASSWORD, redisMinReplicas: 1, redisReplicaWaitMs: 1_000,
      redisPrefix: 'gate', webhookSecret: TEST_SECRET, quiet: true, heartbeatMs: 500,
    });
    const db = new TerminalDb(join(tmp.dir, 'terminal.sqlite'));
    const client = new RelayClient({ url: fwd.wsUrl, terminalId: 'gate-1', token: await fwd.createToken('gate-1'), lastSeq: db.lastSeq, onEvent: db.commit, backoff: { initialMs: 50, maxMs: 200 } });
    try {
      client.start();
      expect((await postWebhook(fwd.webhookUrl, opnEvent('evnt_gate_1', 'gate-1'), { secret: TEST_SECRET })).status).toBe(200);
      await waitFor(() => db.rows().length === 1, 'the first event committed');
      // The charge's route was written with the event's batch and covered by the same wait: answered 2xx,
      // the replica has it too (a refund made at Opn after a failover still finds the terminal).
      const onReplica = new Redis({ port: replica.port, password: REDIS_PASSWORD, lazyConnect: true });
      await onReplica.connect();
      expect(await onReplica.get('gate:charge:chrg_test_evnt_gate_1')).toBe('gate-1');
      onReplica.disconnect();

      await stopChild(replica.child, 'SIGKILL');
      const refused = await postWebhook(fwd.webhookUrl, opnEvent('evnt_gate_2', 'gate-1'), { secret: TEST_SECRET });
      expect(refused.status).toBe(503);
      expect(refused.json).toMatchObject({ error: { code: 'store_unavailable' } });
      // written on the primary, but no terminal gets it while no replica has it
      expect(await fwd.store.readAfter('gate-1', 1, 10)).toEqual([]);
      expect(await fwd.store.headSeq('gate-1')).toBe(1);
      await new Promise((r) => setTimeout(r, 1500));
      expect(db.rows().map((r) => r.event_id)).toEqual(['evnt_gate_1']);

      replica = await startNode(replicaAt, primary.port);
      await waitFor(() => db.rows().length === 2, 'the held event delivered once a replica has it', 20_000);
      expect(db.rows().map((r) => [r.seq, r.event_id])).toEqual([[1, 'evnt_gate_1'], [2, 'evnt_gate_2']]);
      const retry = await postWebhook(fwd.webhookUrl, opnEvent('evnt_gate_2', 'gate-1'), { secret: TEST_SECRET });
      expect(retry).toMatchObject({ status: 200, json: { seq: 2, duplicate: true } });
      expect(db.duplicateCommits).toBe(0);
    } finally {
      await client.stop();
      await fwd.stop();
      db.close();
      await Promise.all([primary.child, replica.child].map((c) => stopChild(c, 'SIGKILL')));
    }
  }, 60_000);
});
