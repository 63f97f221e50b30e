// `npm run forwarder` as an operator runs it: env + flags validated (exit 2), tokens, dead letters.
import { afterAll, expect, it } from 'vitest';
import { stopChild } from '../support/servers';
import { tempDir } from '../support/temp';
import { waitFor } from '../support/wait';
import { opnEvent, postWebhook, runCli, spawnForwarder, TEST_SECRET, upgradeStatus } from './helpers';
import type { ForwarderChild } from './helpers';

const tmp = tempDir('cli');
const children: ForwarderChild[] = [];
afterAll(async () => {
  for (const c of children) await stopChild(c.child);
  tmp.cleanup();
});

it('refuses bad configuration with exit code 2 and a clear message that never echoes a secret', async () => {
  const [badPort, badStore, badSecret, badTerminal] = await Promise.all([
    runCli(['--port', 'eighty'], { FORWARDER_DATA_DIR: tmp.dir }),
    runCli([], { FORWARDER_STORE: 'redis', REDIS_URL: '', FORWARDER_DATA_DIR: tmp.dir }),
    runCli(['token', 'create', 'x'], { OPN_WEBHOOK_SECRET: 'sec ret!with spaces', FORWARDER_DATA_DIR: tmp.dir }),
    runCli(['token', 'create', 'no spaces allowed'], { FORWARDER_DATA_DIR: tmp.dir }),
  ]);
  expect(badPort.code).toBe(2);
  expect(badPort.stderr).toContain('bad_config');
  expect(badStore.code).toBe(2);
  expect(badStore.stderr).toContain('REDIS_URL');
  expect(badSecret.code).toBe(2);
  expect(badSecret.stderr).toContain('OPN_WEBHOOK_SECRET');
  expect(badSecret.stderr).not.toContain('sec ret!with spaces');
  expect(badTerminal.code).toBe(2);
}, 90_000);

it('--help (and -h) prints the usage on stdout and exits 0, starting nothing', async () => {
  for (const flag of ['--help', '-h']) {
    const r = await runCli([flag], { FORWARDER_DATA_DIR: `${tmp.dir}/help` });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('usage: forwarder');
    expect(r.stdout).toContain('token create <terminal>');
    expect(r.stderr).toBe('');
  }
}, 60_000);

it('creates a token once (it authenticates), revokes it, lists and replays dead letters', async () => {
  const env = { FORWARDER_DATA_DIR: `${tmp.dir}/ops`, OPN_WEBHOOK_SECRET: TEST_SECRET, FORWARDER_HEARTBEAT_MS: '200' };
  const created = await runCli(['token', 'create', 'cli-1'], env);
  expect(created.code).toBe(0);
  const token = created.stdout.trim();
  expect(token).toMatch(/^ftok_[A-Za-z0-9_-]{43}$/);

  const fwd = await spawnForwarder(env);
  children.push(fwd);
  const wsUrl = `${fwd.url.replace('http', 'ws')}/terminals`;
  expect(await upgradeStatus(wsUrl, 'cli-1', token)).toBe(101);

  expect((await postWebhook(`${fwd.url}/webhooks/opn`, opnEvent('evnt_test_cli_dl', 'cli-nobody'), { secret: TEST_SECRET })).status).toBe(202);
  const listed = await runCli(['dead-letter', 'list'], env);
  expect(listed.code).toBe(0);
  const dead = JSON.parse(listed.stdout.trim()) as { id: string; eventId: string; reason: string };
  expect(dead).toMatchObject({ eventId: 'evnt_test_cli_dl', reason: 'unknown_terminal' });
  const replayed = await runCli(['dead-letter', 'replay', dead.id, '--terminal', 'cli-1'], env);
  expect(replayed.code).toBe(0);
  expect(JSON.parse(replayed.stdout)).toMatchObject({ terminalId: 'cli-1', seq: 1, duplicate: false });
  const metrics = async () => (await fetch(fwd.metricsUrl)).text();
  expect(await metrics()).toContain('forwarder_terminal_backlog{terminal="cli-1"} 1');

  const revoked = await runCli(['token', 'revoke', 'cli-1'], env);
  expect(revoked.code).toBe(0);
  expect(await upgradeStatus(wsUrl, 'cli-1', token)).toBe(401);
  await waitFor(async () => (await metrics()).includes('forwarder_connections_refused_total 1'), 'refusal counted');
}, 90_000); // five CLI process starts: slow on a busy machine
