// Issue 11's forwarder findings, each shown against a real forwarder: no secret → no start; slow bodies
// cut while /healthz answers; /metrics off the public port; dead letters pruned by age and count.
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startForwarder } from '../../forwarder/index';
import type { Forwarder } from '../../forwarder/index';
import { freePort, hasRedisServer, opnEvent, postWebhook, runCli, spawnForwarder, startDurableRedis, startRedis, stopChild, tempDir, TEST_SECRET, uniquePrefix, upgradeStatus, waitFor } from './helpers';
import type { ForwarderChild } from './helpers';
import { needsRedis, needsRedisServer } from '../support/programs';

const tmp = tempDir('security');
const children: ForwarderChild[] = [];
afterAll(async () => {
  for (const c of children) await stopChild(c.child);
  tmp.cleanup();
});

describe('webhook secret', () => {
  it('a forwarder started without a webhook secret exits non-zero with a clear message', async () => {
    const r = await runCli([], { FORWARDER_DATA_DIR: `${tmp.dir}/nosecret`, OPN_WEBHOOK_SECRET: '', FORWARDER_ALLOW_UNSIGNED: '' });
    expect(r.code).toBe(2);
    expect(r.stdout).not.toContain('listening');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('error [no_webhook_secret]');
    expect(r.stderr).toContain('OPN_WEBHOOK_SECRET is not set');
    expect(r.stderr).toContain('--allow-unsigned');
    await expect(startForwarder({ dataDir: `${tmp.dir}/nosecret-api`, quiet: true })).rejects.toThrow(/OPN_WEBHOOK_SECRET is not set/);
  }, 60_000);

  it('a secret that decodes to fewer than 16 bytes (current or previous) stops the start with exit 2, naming the variable, never the value', async () => {
    const dir = `${tmp.dir}/weak`;
    const sixBytes = 'CHANGEME'; // base64 of 6 bytes
    const [empty, short, prev] = await Promise.all([
      runCli([], { FORWARDER_DATA_DIR: dir, OPN_WEBHOOK_SECRET: '========' }),
      runCli([], { FORWARDER_DATA_DIR: dir, OPN_WEBHOOK_SECRET: sixBytes }),
      runCli([], { FORWARDER_DATA_DIR: dir, OPN_WEBHOOK_SECRET: TEST_SECRET, OPN_WEBHOOK_SECRET_PREVIOUS: sixBytes }),
    ]);
    for (const [r, name, value] of [[empty, 'OPN_WEBHOOK_SECRET ', '========'], [short, 'OPN_WEBHOOK_SECRET ', sixBytes], [prev, 'OPN_WEBHOOK_SECRET_PREVIOUS ', sixBytes]] as const) {
      expect(r.code).toBe(2);
      expect(r.stdout).not.toContain('listening');
      expect(r.stderr).toContain('error [weak_webhook_secret]');
      expect(r.stderr).toContain(`${name}decodes to fewer than 16 bytes`);
      expect(r.stderr).not.toContain(value);
    }
    // The programmatic API refuses the same, so nothing can verify signatures made with an empty key.
    await expect(startForwarder({ dataDir: `${dir}-api`, webhookSecret: '========', quiet: true })).rejects.toThrow(/webhookSecret decodes to fewer than 16 bytes/);
    await expect(startForwarder({ dataDir: `${dir}-api`, webhookSecret: TEST_SECRET, previousWebhookSecret: Buffer.alloc(15, 1).toString('base64'), quiet: true })).rejects.toThrow(/previousWebhookSecret/);
  }, 60_000);

  it('with --allow-unsigned it starts, warns at start and on every unsigned event it accepts', async () => {
    const env = { FORWARDER_DATA_DIR: `${tmp.dir}/unsigned`, OPN_WEBHOOK_SECRET: '', FORWARDER_QUIET: '0', LOG_LEVEL: 'info' };
    expect((await runCli(['token', 'create', 'u-1'], env)).code).toBe(0);
    const fwd = await spawnForwarder(env, ['--allow-unsigned']);
    children.push(fwd);
    await waitFor(() => fwd.stdout().includes('NO WEBHOOK SECRET'), 'the start warning');
    expect((await postWebhook(`${fwd.url}/webhooks/opn`, opnEvent('evnt_unsigned_1', 'u-1'))).status).toBe(200);
    expect((await postWebhook(`${fwd.url}/webhooks/opn`, opnEvent('evnt_unsigned_2', null))).status).toBe(202);
    await waitFor(() => (fwd.stdout().match(/UNSIGNED webhook accepted/g) ?? []).length === 2, 'a warning per unsigned event');
    expect(fwd.stdout()).toContain('evnt_unsigned_1');
  }, 60_000);
});

describe('server limits', () => {
  let fwd: Forwarder;
  beforeAll(async () => {
    fwd = await startForwarder({
      dataDir: `${tmp.dir}/limits`, webhookSecret: TEST_SECRET, quiet: true, metricsPort: 0,
      headersTimeoutMs: 1000, requestTimeoutMs: 2000, maxPendingWebhooksPerIp: 1000, maxPendingWebhooks: 4000, maxConnections: 2000, maxConnectionsPerIp: 1000,
    });
  });
  afterAll(() => fwd.stop());

  /** A body that never ends (a byte every 250 ms); `closed` resolves with what the server answered. */
  function trickle(url: string): { socket: Socket; closed: Promise<string> } {
    const { port } = new URL(url);
    const socket = connect(Number(port), '127.0.0.1');
    socket.on('error', () => undefined);
    socket.setNoDelay(true);
    socket.write('POST /webhooks/opn HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 4000\r\n\r\n{');
    const timer = setInterval(() => socket.writable && socket.write(' '), 250);
    let answer = '';
    socket.on('data', (d: Buffer) => (answer += d.toString('latin1')));
    const closed = new Promise<string>((res) =>
      socket.once('close', () => {
        clearInterval(timer);
        res(answer);
      }),
    );
    return { socket, closed };
  }

  it('300 slow bodies are cut within the request timeout while /healthz stays 200', async () => {
    const slow = Array.from({ length: 300 }, () => trickle(fwd.url));
    let healthChecks = 0;
    let done = false;
    const all = Promise.all(slow.map((s) => s.closed)).finally(() => (done = true));
    while (!done) {
      const r = await fetch(`${fwd.url}/healthz`);
      expect(r.status).toBe(200);
      healthChecks++;
      await Promise.race([all, new Promise((r) => setTimeout(r, 100))]);
    }
    const answers = await all;
    // The client never stops sending: every one was cut by the server's request timeout (Node's 408),
    // well inside this test's 30 s (Node's default would be 300 s). How fast is a timing, not asserted.
    for (const answer of answers) expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(healthChecks).toBeGreaterThan(0);
    const metrics = await (await fetch(fwd.metricsUrl ?? '')).text();
    expect(metrics).toMatch(/forwarder_events_received_total (\d+)/);
  }, 30_000);

  it('refuses pending webhook requests beyond the per-address cap with 429', async () => {
    const capped = await startForwarder({ dataDir: `${tmp.dir}/cap`, webhookSecret: TEST_SECRET, quiet: true, metricsPort: 0, maxPendingWebhooksPerIp: 5, maxPendingUpgradesPerIp: 2 });
    try {
      const slow = Array.from({ length: 5 }, () => trickle(capped.url));
      await waitFor(async () => (await fetch(capped.metricsUrl ?? '').then((r) => r.text())).includes('forwarder_events_received_total 5'), 'five pending bodies');
      const refused = await postWebhook(capped.webhookUrl, opnEvent('evnt_cap_1', null), { secret: TEST_SECRET });
      expect(refused.status).toBe(429);
      expect(refused.json).toMatchObject({ error: { code: 'too_many_pending' } });
      for (const s of slow) s.socket.destroy();
      await Promise.all(slow.map((s) => s.closed));
      await waitFor(async () => (await postWebhook(capped.webhookUrl, opnEvent('evnt_cap_2', null), { secret: TEST_SECRET })).status === 202, 'slots freed');
      expect(await (await fetch(capped.metricsUrl ?? '')).text()).toContain('forwarder_requests_limited_total{limit="webhooks_per_ip"} 1');
    } finally {
      await capped.stop();
    }
  }, 30_000);
});

describe.skipIf(!hasRedisServer())(needsRedisServer.title('upgrade cap (own redis-server)', !hasRedisServer()), () => {
  it('refuses websocket upgrades beyond the per-address cap on those being authenticated with 429', async () => {
    // A stopped (SIGSTOP) Redis holds every token lookup, so upgrades stay in authentication.
    const port = await freePort();
    const dir = tempDir('upgrade-redis');
    const redis = await startDurableRedis(dir.dir, port);
    const fwd = await startForwarder({ store: 'redis', redisUrl: `redis://127.0.0.1:${port}`, redisPrefix: uniquePrefix('upg'), webhookSecret: TEST_SECRET, quiet: true, metricsPort: 0, maxPendingUpgradesPerIp: 2 });
    try {
      const token = await fwd.createToken('up-1');
      redis.kill('SIGSTOP');
      const held = [upgradeStatus(fwd.wsUrl, 'up-1', token), upgradeStatus(fwd.wsUrl, 'up-1', token)];
      await waitFor(async () => (await (await fetch(fwd.metricsUrl ?? '')).text()).includes('forwarder_upgrades_authenticating 2\n'), 'both upgrades in authentication');
      expect(await upgradeStatus(fwd.wsUrl, 'up-1', token)).toBe(429);
      redis.kill('SIGCONT');
      expect(await Promise.all(held)).toEqual([101, 101]);
      expect(await upgradeStatus(fwd.wsUrl, 'up-1', token)).toBe(101);
      const metrics = await (await fetch(fwd.metricsUrl ?? '')).text();
      expect(metrics).toContain('forwarder_requests_limited_total{limit="upgrades_per_ip"} 1');
      expect(metrics).toContain('forwarder_upgrades_authenticating 0\n');
    } finally {
      redis.kill('SIGCONT');
      await fwd.stop();
      await stopChild(redis);
      dir.cleanup();
    }
  }, 30_000);
});

describe('/metrics', () => {
  const METRICS_TOKEN = 'metrics-token-0123456789abcdef';
  let fwd: Forwarder;
  beforeAll(async () => {
    fwd = await startForwarder({ dataDir: `${tmp.dir}/metrics`, webhookSecret: TEST_SECRET, quiet: true, metricsPort: 0, metricsToken: METRICS_TOKEN });
    await fwd.createToken('m-1');
  });
  afterAll(() => fwd.stop());

  it('/metrics is not served on the public port without the bearer token, and is on its loopback listener', async () => {
    const plain = await fetch(`${fwd.url}/metrics`);
    expect(plain.status).toBe(404);
    expect(await plain.text()).not.toContain('m-1');
    const wrong = await fetch(`${fwd.url}/metrics`, { headers: { authorization: 'Bearer wrong-token-0123456789abcdef' } });
    expect(wrong.status).toBe(404);
    const withToken = await fetch(`${fwd.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(withToken.status).toBe(200);
    expect(await withToken.text()).toContain('forwarder_terminal_backlog{terminal="m-1"} 0');
    expect(fwd.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    expect(new URL(fwd.metricsUrl ?? '').port).not.toBe(new URL(fwd.url).port);
    const own = await (await fetch(fwd.metricsUrl ?? '')).text();
    expect(own).toContain('forwarder_dead_letters_max 10000');
  });

  it('the CLI prints the metrics URL at start and serves nothing but 404 for /metrics publicly', async () => {
    const fwdChild = await spawnForwarder({ FORWARDER_DATA_DIR: `${tmp.dir}/metrics-cli`, OPN_WEBHOOK_SECRET: TEST_SECRET });
    children.push(fwdChild);
    expect(fwdChild.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    expect((await fetch(`${fwdChild.url}/metrics`)).status).toBe(404);
    expect((await fetch(fwdChild.metricsUrl)).status).toBe(200);
  }, 60_000);
});

describe.each([
  ['sqlite', true],
  ['redis', hasRedisServer() || process.env.REDIS_URL !== undefined],
] as const)('dead letters on %s', (store, available) => {
  it.skipIf(!available)(needsRedis.title(`dead letters past the count cap and past the retention are pruned (${store})`, !available), async () => {
    const redis = store === 'redis' ? await startRedis() : null;
    let clock = Date.now();
    const fwd = await startForwarder({
      store, dataDir: `${tmp.dir}/dead-${store}`, redisUrl: redis?.url, redisPrefix: uniquePrefix('dead'),
      webhookSecret: TEST_SECRET, quiet: true, metricsPort: 0, now: () => clock,
      deadLetterMax: 5, deadLetterRetentionMs: 3_600_000, pruneIntervalMs: 50,
    });
    try {
      for (let i = 0; i < 8; i++) {
        clock += 1000;
        const r = await postWebhook(fwd.webhookUrl, opnEvent(`evnt_dead_${i}`, i % 2 ? null : 'nobody-here'), { secret: TEST_SECRET, ts: Math.floor(clock / 1000) });
        expect(r.status).toBe(202);
      }
      // over the cap of 5: the oldest go first
      await waitFor(async () => (await fwd.listDeadLetters()).length === 5, 'pruning to the cap');
      expect((await fwd.listDeadLetters()).map((d) => d.eventId)).toEqual(['evnt_dead_3', 'evnt_dead_4', 'evnt_dead_5', 'evnt_dead_6', 'evnt_dead_7']);
      const metrics = await (await fetch(fwd.metricsUrl ?? '')).text();
      expect(metrics).toContain('forwarder_dead_letters_max 5');
      expect(metrics).toMatch(/forwarder_dead_letters [0-5]\n/);
      // past the retention: all go
      clock += 2 * 3_600_000;
      await waitFor(async () => (await fwd.listDeadLetters()).length === 0, 'pruning past the retention');
      await waitFor(async () => (await (await fetch(fwd.metricsUrl ?? '')).text()).includes('forwarder_dead_letters 0\n'), 'the gauge to follow');
      expect(await fwd.store.deadLetterCount()).toBe(0);
      // a pruned event's retry is kept again, as a new dead letter
      const again = await postWebhook(fwd.webhookUrl, opnEvent('evnt_dead_7', null), { secret: TEST_SECRET, ts: Math.floor(clock / 1000) });
      expect(again.json).toMatchObject({ duplicate: false });
    } finally {
      await fwd.stop();
      await redis?.stop();
    }
  }, 30_000);
});
