// Group commit across connections: 64 webhooks posted at once, each on its own new TCP connection (as
// Opn and a proxy without upstream keep-alive deliver them), share a few durable commits, and each 2xx
// comes only once its event is readable from another connection to the store.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startForwarder } from '../../forwarder/index';
import { openRedisStore } from '../../forwarder/store/redis';
import { openSqliteStore } from '../../forwarder/store/sqlite';
import type { EventStore } from '../../forwarder/store/types';
import { hasRedisServer, opnEvent, ROOT, startRedis, tempDir, TEST_SECRET, uniquePrefix } from './helpers';
import { needsRedis } from '../support/programs';

const tmp = tempDir('group');
afterAll(() => tmp.cleanup());

// The client runs in its own process, as Opn's deliveries do: in this one, its own work would pace the
// arrivals. It opens 64 fresh connections, then writes one webhook on each, in 8 bursts of 8 spaced
// ~0.2 ms apart (a burst spans well under the 2 ms window), bursts 20 ms apart; each connection carries
// that one request (Connection: close). On each answer it checks through its own store connection
// that the event is already durable.
const CLIENT = `
const { connect } = require('node:net');
const { createHmac } = require('node:crypto');
const req = require('node:module').createRequire(process.env.ROOT + '/package.json');
const c = JSON.parse(process.env.CLIENT);
const sqlite = c.sqliteFile ? new (req('better-sqlite3'))(c.sqliteFile, { readonly: true }) : null;
const redis = c.redisUrl ? new (req('ioredis').Redis)(c.redisUrl) : null;
const stored = async (id) => sqlite ? sqlite.prepare('SELECT 1 FROM event_ids WHERE event_id = ?').get(id) !== undefined : (await redis.hexists(c.prefix + ':ids', id)) === 1;
const url = new URL(c.url);
const spin = (ms) => { const end = performance.now() + ms; while (performance.now() < end); };
(async () => {
  const conns = await Promise.all(c.bodies.map(([id, body]) => new Promise((res, rej) => {
    const s = connect(Number(url.port), url.hostname, () => res({ s, id, body }));
    s.on('error', rej);
  })));
  const answers = conns.map(({ s, id }) => new Promise((res) => {
    let got = '';
    s.on('data', (d) => (got += d.toString()));
    s.on('close', async () => res({ id, status: Number(/^HTTP\\/1\\.1 (\\d{3})/.exec(got)?.[1] ?? 0), durable: await stored(id) }));
  }));
  for (let i = 0; i < conns.length; i++) {
    const { s, body } = conns[i];
    const ts = Math.floor(Date.now() / 1000);
    const sig = createHmac('sha256', Buffer.from(c.secret, 'base64')).update(ts + '.' + body).digest('hex');
    s.setNoDelay(true);
    s.write('POST ' + url.pathname + ' HTTP/1.1\\r\\nHost: ' + url.host + '\\r\\nContent-Type: application/json\\r\\nConnection: close\\r\\nContent-Length: ' + Buffer.byteLength(body) + '\\r\\nOmise-Signature: ' + sig + '\\r\\nOmise-Signature-Timestamp: ' + ts + '\\r\\n\\r\\n' + body);
    spin(i % 8 === 7 ? 20 : 0.2);
  }
  const out = await Promise.all(answers);
  process.stdout.write(JSON.stringify(out));
  sqlite?.close();
  redis?.disconnect();
})();
`;

function runClient(config: Record<string, unknown>): Promise<{ id: string; status: number; durable: boolean }[]> {
  const child = spawn(process.execPath, ['-e', CLIENT], { env: { ...process.env, ROOT, CLIENT: JSON.stringify(config) }, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((res, rej) => child.once('exit', (code) => (code === 0 ? res(JSON.parse(out) as { id: string; status: number; durable: boolean }[]) : rej(new Error(`client exited ${code}`)))));
}

describe.each([
  ['sqlite', true],
  ['redis', hasRedisServer() || process.env.REDIS_URL !== undefined],
] as const)('%s', (store, available) => {
  it.skipIf(!available)(needsRedis.title(`64 webhooks on 64 new connections in bursts share durable commits, each answered 2xx only once durable (${store})`, !available), async () => {
    const redis = store === 'redis' ? await startRedis() : null;
    const prefix = uniquePrefix('group');
    const dataDir = join(tmp.dir, store);
    const fwd = await startForwarder({ store, dataDir, redisUrl: redis?.url, redisPrefix: prefix, webhookSecret: TEST_SECRET, quiet: true, groupCommitMs: 2 });
    try {
      for (let t = 0; t < 8; t++) await fwd.createToken(`g-${t}`);
      const before = fwd.store.commits;
      const bodies = Array.from({ length: 64 }, (_, i) => [`evnt_group_${i}`, opnEvent(`evnt_group_${i}`, `g-${i % 8}`)]);
      const answers = await runClient({ url: fwd.webhookUrl, secret: TEST_SECRET, bodies, sqliteFile: store === 'sqlite' ? join(dataDir, 'forwarder.sqlite') : null, redisUrl: redis?.url ?? null, prefix });
      expect(answers).toHaveLength(64);
      const commits = fwd.store.commits - before;
      console.log(`group commit on ${store}: ${commits} durable commits for 64 webhooks on 64 connections`);
      expect(answers.every((a) => a.status === 200)).toBe(true);
      expect(answers.every((a) => a.durable)).toBe(true);
      // Each burst of 8 spans < 2 ms: its first webhook may commit alone (a lone webhook waits for
      // nobody), the rest share the window's commit: ~2–3 commits per burst on a quiet machine. How many
      // share depends on scheduling (34–51 were seen with the machine's load at 20+), so only sharing
      // itself is asserted here: fewer commits than webhooks. The window is pinned below; the figure
      // on a quiet machine is measured by `npm run bench -- forwarder`.
      expect(commits).toBeGreaterThan(0);
      expect(commits).toBeLessThan(64);
      // each terminal's log is gap-free
      for (let t = 0; t < 8; t++) expect((await fwd.store.readAfter(`g-${t}`, 0, 100)).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    } finally {
      await fwd.stop();
      await redis?.stop();
    }
  }, 30_000);
});

const nextTurn = (): Promise<void> => new Promise((r) => setImmediate(r));
const ev = (i: number) => ({ terminalId: 'w-1', eventId: `evnt_window_${i}`, eventKey: 'charge.complete', receivedAt: new Date().toISOString(), signature: 'verified' as const, rawBody: `{"id":"evnt_window_${i}"}` });

describe.each([
  ['sqlite', true],
  ['redis', hasRedisServer() || process.env.REDIS_URL !== undefined],
] as const)('group commit window on %s', (store, available) => {
  it.skipIf(!available)(needsRedis.title(`appends in different event-loop turns (as from different connections) within the window share one commit; a lone one waits for nobody (${store})`, !available), async () => {
    const redis = store === 'redis' ? await startRedis() : null;
    let onTheWay = 1; // as the intake reports: other webhooks are being received
    const open = (windowMs: number): Promise<EventStore> =>
      store === 'sqlite'
        ? Promise.resolve(openSqliteStore(join(tmp.dir, `window-${windowMs}`), { windowMs, onTheWay: () => onTheWay }))
        : openRedisStore(redis?.url ?? '', uniquePrefix('window'), { windowMs, onTheWay: () => onTheWay });
    const s = await open(200);
    try {
      const before = s.commits;
      const appends = [];
      for (let i = 0; i < 8; i++) {
        appends.push(s.append(ev(i)));
        await nextTurn(); // each in its own turn: the old same-turn batching committed them one by one
      }
      const results = await Promise.all(appends);
      expect(results.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(s.commits - before).toBe(1);
      // alone (nobody on the way, no commit within the window): committed at the end of its turn, not after the window
      onTheWay = 0;
      await new Promise((r) => setTimeout(r, 250));
      // Committed on its own (one more commit); how soon is measured by `npm run bench -- forwarder`.
      await s.append(ev(100));
      expect(s.commits - before).toBe(2);
    } finally {
      await s.close();
      await redis?.stop();
    }
  }, 30_000);

  it.skipIf(!available)(needsRedis.title(`webhooks one at a time, each right after the last one's commit, wait for nobody (${store}, as served)`, !available), async () => {
    const redis = store === 'redis' ? await startRedis() : null;
    // A window far longer than the test may take: an append that waited for it would lose the race below.
    const windowMs = 60_000;
    const s = store === 'sqlite'
      ? openSqliteStore(join(tmp.dir, 'one-at-a-time'), { windowMs, onTheWay: () => 0 }, { writerThread: true })
      : await openRedisStore(redis?.url ?? '', uniquePrefix('one-at-a-time'), { windowMs, onTheWay: () => 0 });
    try {
      const before = s.commits;
      for (let i = 0; i < 5; i++) {
        // the next one starts as soon as the last one is durable (a commit well within the window)
        let timer: NodeJS.Timeout | undefined;
        const won = await Promise.race([s.append(ev(200 + i)).then((r) => r.seq), new Promise((r) => (timer = setTimeout(() => r('waited for the window'), 5_000)))]);
        clearTimeout(timer);
        expect(won).toBe(i + 1);
      }
      expect(s.commits - before).toBe(5);
    } finally {
      await s.close();
      await redis?.stop();
    }
  }, 30_000);
});
