// The Sentinel failover stall (issue 22), reproduced deterministically. ioredis's failover detector
// (subscribed to +switch-master on every sentinel) outlives the connection it was made for: when a
// +switch-master arrives while the client is reconnecting and waiting on a sentinel for the primary's
// address, the detector cancels that connect and ioredis ends the client for good (status "end", every
// later command fails with "Connection is closed."). In the failover test that was one instance's reader:
// its token lookups failed (upgrades answered 503) and its terminals got nothing more. Here the window is
// held open by stopping (SIGSTOP) the sentinel the client asks first, while the other carries out a
// failover (SENTINEL FAILOVER); the client made by redisClient() must come back on its own.
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { closeRedisClient, redisClient } from '../../forwarder/store/redis-link';
import { needsRedisSentinel } from '../support/programs';
import { freePort, tempDir, waitFor } from './helpers';
import { MASTER, primaryPortSeen, REDIS_PASSWORD, SENTINEL_PASSWORD, sentinelClient, startNode, startSentinel, stopAll } from './sentinel';

const tmp = tempDir('sentinel-client-end');
afterAll(() => tmp.cleanup());

describe.skipIf(needsRedisSentinel.missing)(needsRedisSentinel.title('sentinel client end'), () => {
  it('a client whose reconnect the failover detector cancelled (ioredis then ends it) connects again by itself', async () => {
    const primary = await startNode({ port: await freePort(), dir: join(tmp.dir, 'p') }, null);
    const replica = await startNode({ port: await freePort(), dir: join(tmp.dir, 'r') }, primary.port);
    const a = await startSentinel(join(tmp.dir, 'sa'), primary.port);
    const b = await startSentinel(join(tmp.dir, 'sb'), primary.port);
    const admin = new Redis({ port: primary.port, password: REDIS_PASSWORD });
    const onB = sentinelClient(b.port);
    const client = redisClient({ sentinels: [{ host: '127.0.0.1', port: a.port }, { host: '127.0.0.1', port: b.port }], masterName: MASTER, password: REDIS_PASSWORD, sentinelPassword: SENTINEL_PASSWORD }, { maxRetriesPerRequest: 3 });
    client.on('error', () => undefined);
    let ended = false;
    client.on('end', () => (ended = true));
    let subscribed = 0;
    client.on('failoverSubscribed', () => subscribed++);
    let stopped = false;
    try {
      await client.connect();
      await waitFor(() => client.status === 'ready', 'the client ready');
      await admin.set('k', 'v');
      await admin.wait(1, 10_000); // on the replica too, so it is there after the failover
      // the detector subscribes on both sentinels just after the connect
      await waitFor(() => subscribed > 0, 'the failover detector subscribed');

      // Sentinel A (asked first) stops answering, the client's link is cut: it reconnects and waits on A.
      a.child.kill('SIGSTOP');
      stopped = true;
      const id = await client.client('ID');
      await admin.client('KILL', 'ID', String(id));
      await waitFor(() => client.status === 'connecting', 'the client asking sentinel A for the primary');
      // B fails over to the replica; the old connection's detector hears its +switch-master and cancels
      // the connect under way.
      // (refused with NOGOODSLAVE until B has the replica's INFO)
      await waitFor(() => onB.call('SENTINEL', 'FAILOVER', MASTER).then(() => true, () => false), 'sentinel B starting a failover', 30_000, 200);
      await waitFor(async () => (await primaryPortSeen(onB)) === replica.port, 'sentinel B naming the replica as primary', 30_000);
      // ioredis's connector marks the connect cancelled (an internal flag: nothing public shows it)
      const connector = (client as unknown as { connector: { connecting: boolean } }).connector;
      await waitFor(() => !connector.connecting, 'the failover detector cancelling the connect under way');
      a.child.kill('SIGCONT');
      stopped = false;

      await waitFor(() => ended, 'ioredis ending the client (the fault this test reproduces)');
      // every command failed from here on before the fix; now the client is connected again
      await waitFor(async () => {
        const read = await client.get('k').catch((err: unknown) => (err instanceof Error ? err.message : String(err)));
        if (read !== 'v') throw new Error(`client ${client.status}, read ${read}`); // shown if this times out
        return true;
      }, 'a read through the client again', 15_000);
      expect(client.status).toBe('ready');
    } finally {
      if (stopped) a.child.kill('SIGCONT');
      await closeRedisClient(client, true);
      admin.disconnect();
      onB.disconnect();
      await stopAll([primary.child, replica.child, a.child, b.child]);
    }
  }, 60_000);
});
