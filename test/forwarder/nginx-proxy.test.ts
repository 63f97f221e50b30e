// Issue 21 pt 1, end to end: the forwarder behind real nginx on loopback, configured with the very
// snippets docs/forwarder.md shows (docs/examples/nginx-forwarder-*.conf; only the upstream port and a
// plain loopback listener differ). One client (127.0.0.2) trickles many webhook bodies and holds many
// idle connections; a correctly signed webhook from another client (127.0.0.3, "Opn") is accepted.
// FORWARDER_TRUST_PROXY=127.0.0.1 makes the forwarder count the clients nginx reports.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startForwarder, type Forwarder, type ForwarderOptions } from '../../forwarder/index';
import { needsNginx, NGINX_PATH } from '../support/programs';
import { freePort, stopChild } from '../support/servers';
import { hasRedisServer, opnEvent, sign, startRedis, tempDir, TEST_SECRET, uniquePrefix, waitFor } from './helpers';

const ROOT = path.resolve(import.meta.dirname, '../..');
const HTTP_SNIPPET = readFileSync(path.join(ROOT, 'docs/examples/nginx-forwarder-http.conf'), 'utf8');
const SERVER_SNIPPET = readFileSync(path.join(ROOT, 'docs/examples/nginx-forwarder-server.conf'), 'utf8');
/** The issue asks for 1,000 of each; FORWARDER_PROXY_TEST_CLIENTS lowers it on a slow machine. */
const MANY = Number(process.env.FORWARDER_PROXY_TEST_CLIENTS ?? 1000);

it('docs/forwarder.md shows exactly the snippets this test runs', () => {
  const doc = readFileSync(path.join(ROOT, 'docs/forwarder.md'), 'utf8');
  expect(doc).toContain(HTTP_SNIPPET.trim());
  expect(doc).toContain(SERVER_SNIPPET.trim());
});

async function startNginx(dir: string, upstreamPort: number): Promise<{ port: number; child: ChildProcess }> {
  const port = await freePort();
  for (const sub of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi', 'logs']) mkdirSync(path.join(dir, sub), { recursive: true });
  const http = HTTP_SNIPPET.replace('server 127.0.0.1:8787;', `server 127.0.0.1:${upstreamPort};`);
  expect(http).not.toBe(HTTP_SNIPPET);
  const conf = `worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/logs/error.log warn;
worker_rlimit_nofile 16384;
events { worker_connections 8192; }
http {
  access_log off;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fastcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
${http}
  server {
    # The test connects 2,000 sockets in a burst: with nginx's default accept queue (511) a loaded machine
    # dropped SYNs, and their retransmits (1, 3, 7, 15 s) outlasted the wait for the 429s (once in CI).
    listen 127.0.0.1:${port} backlog=4096;
${SERVER_SNIPPET}
  }
}
`;
  writeFileSync(path.join(dir, 'nginx.conf'), conf);
  const child = spawn(NGINX_PATH ?? 'nginx', ['-p', dir, '-c', path.join(dir, 'nginx.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  await waitFor(async () => {
    if (child.exitCode !== null) throw new Error(`nginx exited: ${stderr}`);
    return fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
  }, 'nginx answering /healthz');
  return { port, child };
}

function signedPost(port: number, from: string, body: string): Promise<number> {
  const ts = Math.floor(Date.now() / 1000);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/webhooks/opn', method: 'POST', localAddress: from, agent: false, headers: { 'content-type': 'application/json', 'omise-signature': sign(TEST_SECRET, ts, body), 'omise-signature-timestamp': String(ts) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const stores: [string, boolean][] = [['sqlite', true], ['redis', hasRedisServer() || process.env.REDIS_URL !== undefined]];

describe.skipIf(needsNginx.missing).each(stores)(needsNginx.title('the forwarder behind nginx (%s)'), (store, available) => {
  const tmp = tempDir(`nginx-${store}`);
  let fwd: Forwarder;
  let nginx: { port: number; child: ChildProcess } | null = null;
  let redis: Awaited<ReturnType<typeof startRedis>> | null = null;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    if (!available) return;
    if (store === 'redis' && !process.env.REDIS_URL) redis = await startRedis();
    const storeOptions: Partial<ForwarderOptions> = store === 'redis' ? { store: 'redis', redisUrl: process.env.REDIS_URL ?? redis?.url, redisPrefix: uniquePrefix('nginx') } : { dataDir: `${tmp.dir}/data` };
    fwd = await startForwarder({ ...storeOptions, webhookSecret: TEST_SECRET, trustProxy: '127.0.0.1', quiet: true, metricsPort: 0 });
    nginx = await startNginx(`${tmp.dir}/nginx`, Number(new URL(fwd.url).port));
  }, 30_000);
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    if (nginx) await stopChild(nginx.child);
    await fwd?.stop();
    await redis?.stop();
  });

  it.skipIf(!available)(`a signed webhook is accepted while one client trickles ${MANY} bodies and holds ${MANY} idle connections`, async () => {
    const port = nginx?.port ?? 0;
    await fwd.createToken('px-1');
    const open = (): Socket => {
      const s = connect({ host: '127.0.0.1', port, localAddress: '127.0.0.2' });
      s.on('error', () => undefined);
      sockets.push(s);
      return s;
    };
    // Trickling bodies: headers and a first byte, then one byte a second.
    const answers: string[] = [];
    for (let i = 0; i < MANY; i++) {
      const s = open();
      s.on('data', (d: Buffer) => answers.push(d.toString().split('\r\n')[0] ?? ''));
      s.write('POST /webhooks/opn HTTP/1.1\r\nHost: forwarder.example.com\r\nContent-Type: application/json\r\nContent-Length: 4000\r\n\r\n{');
    }
    const drip = setInterval(() => sockets.forEach((s) => s.writable && s.write(' ')), 1000);
    // Idle connections: connected, and half of them after one finished request (keep-alive).
    for (let i = 0; i < MANY; i++) {
      const s = open();
      if (i % 2 === 0) s.write('GET /healthz HTTP/1.1\r\nHost: forwarder.example.com\r\n\r\n');
    }
    try {
      // nginx refuses what passes the per-client limit at once (429) and holds the rest without troubling the forwarder.
      await waitFor(() => answers.filter((a) => a.includes(' 429 ')).length >= MANY - 16, 'nginx refusing the trickles beyond the per-client limit');
      for (let i = 0; i < 3; i++) expect(await signedPost(port, '127.0.0.3', opnEvent(`evnt_px_${store}_${i}`, 'px-1'))).toBe(200);
      expect((await fwd.store.readAfter('px-1', 0, 10)).map((e) => e.eventId)).toEqual([0, 1, 2].map((i) => `evnt_px_${store}_${i}`));
      // The forwarder never saw a trickling body or had to refuse anything: nginx buffered and limited.
      const metrics = await (await fetch(fwd.metricsUrl ?? '')).text();
      expect(metrics).not.toContain('forwarder_requests_limited_total{');
    } finally {
      clearInterval(drip);
    }
  }, 60_000);
});
