// Issue 21 pt 1: the forwarder counts per real client. Behind a proxy listed in trustProxy the client
// is read from X-Forwarded-For / Forwarded (never from a hop the client wrote); per-client caps on
// pending webhooks, sockets and idle keep-alive sockets; idle sockets closed first under pressure; a
// correctly signed webhook from another client still accepted. Clients are told apart by their
// loopback source address (127.0.0.2, 127.0.0.3, …), as real clients are by theirs.
import { request, type IncomingHttpHeaders } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { startForwarder, type Forwarder, type ForwarderOptions } from '../../forwarder/index';
import { clientAddress, parseTrustedProxies } from '../../forwarder/client-address';
import { ConfigError, loadConfig } from '../../forwarder/config';
import { opnEvent, sign, tempDir, TEST_SECRET, waitFor } from './helpers';

const tmp = tempDir('client-limits');
const started: Forwarder[] = [];
afterAll(async () => {
  for (const f of started) await f.stop();
});

async function forwarder(o: Partial<ForwarderOptions>): Promise<Forwarder> {
  const f = await startForwarder({ dataDir: `${tmp.dir}/${started.length}`, webhookSecret: TEST_SECRET, quiet: true, metricsPort: 0, ...o });
  started.push(f);
  return f;
}

/** A POST from a chosen loopback source address, with extra headers; resolves with the status. */
function post(f: Forwarder, body: string, o: { from: string; headers?: Record<string, string>; signed?: boolean }): Promise<number> {
  const ts = Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = { 'content-type': 'application/json', ...o.headers };
  if (o.signed !== false) Object.assign(headers, { 'omise-signature': sign(TEST_SECRET, ts, body), 'omise-signature-timestamp': String(ts) });
  const { port } = new URL(f.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/webhooks/opn', method: 'POST', localAddress: o.from, agent: false, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A webhook body that never finishes, from `from`, with these headers. */
function trickle(f: Forwarder, from: string, headers: Record<string, string> = {}): Socket {
  const { port } = new URL(f.url);
  const socket = connect({ host: '127.0.0.1', port: Number(port), localAddress: from });
  socket.on('error', () => undefined);
  const extra = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('');
  socket.write(`POST /webhooks/opn HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 4000\r\n${extra}\r\n{`);
  return socket;
}

/** A keep-alive socket that made one GET /healthz and now sits idle; `closed` tells when the server closed it. */
async function idleKeepAlive(f: Forwarder, from: string): Promise<{ socket: Socket; closed: () => boolean }> {
  const { port } = new URL(f.url);
  const socket = connect({ host: '127.0.0.1', port: Number(port), localAddress: from });
  let closed = false;
  socket.on('error', () => undefined);
  socket.on('close', () => (closed = true));
  await new Promise<void>((resolve) => {
    socket.once('data', () => resolve());
    socket.once('close', () => resolve());
    socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n');
  });
  return { socket, closed: () => closed };
}

const metrics = async (f: Forwarder): Promise<string> => (await fetch(f.metricsUrl ?? '')).text();
const limited = async (f: Forwarder, what: string): Promise<number> => Number(new RegExp(`forwarder_requests_limited_total\\{limit="${what}"\\} (\\d+)`).exec(await metrics(f))?.[1] ?? 0);

describe('the client address', () => {
  const req = (remote: string, headers: IncomingHttpHeaders) => ({ socket: { remoteAddress: remote }, headers }) as never;
  it('is read from X-Forwarded-For / Forwarded only through trusted proxies, walking from the right', () => {
    const trust = parseTrustedProxies('127.0.0.1, 10.0.0.0/8, ::1');
    expect(clientAddress(req('::ffff:127.0.0.1', { 'x-forwarded-for': '6.6.6.6, 203.0.113.7' }), trust)).toBe('203.0.113.7');
    expect(clientAddress(req('127.0.0.1', { 'x-forwarded-for': '203.0.113.7, 10.1.2.3' }), trust)).toBe('203.0.113.7');
    expect(clientAddress(req('127.0.0.1', { forwarded: 'for=6.6.6.6, for="[2001:db8::7]:4711"' }), trust)).toBe('2001:db8::7');
    // An untrusted peer's header is its own writing: ignored.
    expect(clientAddress(req('198.51.100.1', { 'x-forwarded-for': '203.0.113.7' }), trust)).toBe('198.51.100.1');
    // Garbage where the proxy should have written an address: the proxy itself is the client.
    expect(clientAddress(req('127.0.0.1', { 'x-forwarded-for': '203.0.113.7, not-an-ip' }), trust)).toBe('127.0.0.1');
    expect(() => parseTrustedProxies('10.0.0.0/33')).toThrow(/prefix/);
    expect(() => parseTrustedProxies('proxy.example')).toThrow(/not an IP/);
  });

  it('FORWARDER_TRUST_PROXY is validated at start (a bad entry is a config error, exit 2)', () => {
    expect(loadConfig({ FORWARDER_TRUST_PROXY: '127.0.0.1, 10.0.0.0/8' }, {}).trustProxy).toBe('127.0.0.1, 10.0.0.0/8');
    expect(() => loadConfig({ FORWARDER_TRUST_PROXY: '127.0.0.1, nginx' }, {})).toThrow(ConfigError);
    expect(() => loadConfig({ FORWARDER_TRUST_PROXY: '127.0.0.1, nginx' }, {})).toThrow(/FORWARDER_TRUST_PROXY: "nginx" is not an IP address or CIDR/);
  });
});

describe('per-client caps behind a trusted proxy', () => {
  it('pending webhooks are counted per forwarded client: one trickling client gets 429, another client through the same proxy is accepted', async () => {
    const f = await forwarder({ trustProxy: '127.0.0.1', maxPendingWebhooksPerIp: 3 });
    await f.createToken('cl-1');
    const slow = [1, 2, 3].map(() => trickle(f, '127.0.0.1', { 'X-Forwarded-For': '203.0.113.7' }));
    await waitFor(async () => (await metrics(f)).includes('forwarder_events_received_total 3'), 'three pending bodies');
    expect(await post(f, opnEvent('evnt_cl_refused', 'cl-1'), { from: '127.0.0.1', headers: { 'X-Forwarded-For': '203.0.113.7' } })).toBe(429);
    expect(await post(f, opnEvent('evnt_cl_opn', 'cl-1'), { from: '127.0.0.1', headers: { 'X-Forwarded-For': '198.51.100.9' } })).toBe(200);
    for (const s of slow) s.destroy();
  });

  it('an untrusted client cannot pose as many by writing X-Forwarded-For itself', async () => {
    const f = await forwarder({ trustProxy: '127.0.0.1', maxPendingWebhooksPerIp: 3 });
    const slow = [1, 2, 3].map((i) => trickle(f, '127.0.0.2', { 'X-Forwarded-For': `203.0.113.${i}` }));
    await waitFor(async () => (await metrics(f)).includes('forwarder_events_received_total 3'), 'three pending bodies');
    expect(await post(f, opnEvent('evnt_cl_spoof', null), { from: '127.0.0.2', headers: { 'X-Forwarded-For': '203.0.113.99' } })).toBe(429);
    expect(await post(f, opnEvent('evnt_cl_other', null), { from: '127.0.0.3' })).toBe(202);
    for (const s of slow) s.destroy();
  });

  it('one client holds at most its share of sockets and of idle keep-alive sockets (oldest closed first)', async () => {
    const f = await forwarder({ maxConnectionsPerIp: 6, maxIdlePerIp: 3 });
    const idle: { socket: Socket; closed: () => boolean }[] = [];
    for (let i = 0; i < 5; i++) idle.push(await idleKeepAlive(f, '127.0.0.2'));
    await waitFor(() => idle.filter((s) => s.closed()).length === 2, 'the two oldest idle sockets closed');
    expect(idle.map((s) => s.closed())).toEqual([true, true, false, false, false]);
    expect(await limited(f, 'idle_per_ip')).toBe(2);
    // Sockets that never send a request count toward the client's sockets: the 7th is refused at once.
    const held = [1, 2, 3].map(() => trickle(f, '127.0.0.2'));
    const extra = connect({ host: '127.0.0.1', port: Number(new URL(f.url).port), localAddress: '127.0.0.2' });
    extra.on('error', () => undefined);
    await new Promise((r) => extra.once('close', r));
    expect(await limited(f, 'connections_per_ip')).toBeGreaterThanOrEqual(1);
    expect(await post(f, opnEvent('evnt_cl_room', null), { from: '127.0.0.3' })).toBe(202);
    for (const s of [...held, ...idle.map((i) => i.socket)]) s.destroy();
  });

  it('near the connection limit, idle keep-alive sockets are closed first and a signed webhook gets in', async () => {
    // 40 sockets at most (36 before relief); each client may hold 10 (a quarter).
    const f = await forwarder({ maxConnections: 40, maxConnectionsPerIp: 100, maxIdlePerIp: 100 });
    const idle: { socket: Socket; closed: () => boolean }[] = [];
    for (const from of ['127.0.0.2', '127.0.0.3', '127.0.0.4', '127.0.0.5']) for (let i = 0; i < 9; i++) idle.push(await idleKeepAlive(f, from));
    expect(idle.every((s) => !s.closed())).toBe(true);
    for (let i = 0; i < 4; i++) expect(await post(f, opnEvent(`evnt_cl_press_${i}`, null), { from: '127.0.0.9' })).toBe(202);
    await waitFor(async () => (await limited(f, 'idle_under_pressure')) > 0, 'idle sockets closed under pressure');
    expect(idle.some((s) => s.closed())).toBe(true);
    for (const s of idle) s.socket.destroy();
  });
});
