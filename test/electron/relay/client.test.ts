// The relay client against a scripted websocket server on loopback (the real forwarder is exercised
// in test/forwarder/): ordering, ack-after-commit, heartbeats, staleness, reconnects, final closes.
import { createServer } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import { backoffDelay } from '../../../shared';
import { RelayClient } from '../../../electron/relay/client';
import type { RelayClientOptions } from '../../../electron/relay/client';
import type { LinkStatus } from '../../../shared';
import { terminalMessageSchema } from '../../../shared';
import type { ForwarderMessage, RelayEvent, TerminalMessage } from '../../../shared';
import { listenLoopback } from '../../support/servers';
import { waitFor } from '../../support/wait';

interface Conn { ws: WebSocket; req: IncomingMessage; received: TerminalMessage[]; send: (m: ForwarderMessage | string) => void }

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function fakeForwarder(opts: { refuse?: boolean } = {}): Promise<{ url: string; conns: Conn[] }> {
  const server: Server = createServer();
  const wss = new WebSocketServer({ noServer: true });
  const conns: Conn[] = [];
  server.on('upgrade', (req, socket, head) => {
    if (opts.refuse) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const conn: Conn = { ws, req, received: [], send: (m) => ws.send(typeof m === 'string' ? m : JSON.stringify(m)) };
      ws.on('message', (d) => conn.received.push(terminalMessageSchema.parse(JSON.parse((d as Buffer).toString('utf8')))));
      conns.push(conn);
    });
  });
  const { port, close } = await listenLoopback(server);
  cleanups.push(async () => {
    for (const c of wss.clients) c.terminate();
    await close();
  });
  return { url: `ws://127.0.0.1:${port}/terminals`, conns };
}

const event = (seq: number): RelayEvent => ({ type: 'event', seq, eventId: `evnt_${seq}`, eventKey: 'charge.complete', receivedAt: '2026-11-27T10:00:00.000Z', signature: 'verified', rawBody: `{"id":"evnt_${seq}"}` });

function client(url: string, o: Partial<RelayClientOptions> = {}): { c: RelayClient; statuses: LinkStatus[]; committed: number[] } {
  const committed: number[] = [];
  const statuses: LinkStatus[] = [];
  const c = new RelayClient({
    url, terminalId: 'term-1', token: 'tok',
    lastSeq: () => committed.at(-1) ?? 0,
    onEvent: (e) => {
      committed.push(e.seq);
      return Promise.resolve();
    },
    onStatus: (s) => statuses.push(s),
    backoff: { initialMs: 10, maxMs: 50 },
    ...o,
  });
  cleanups.push(() => c.stop());
  return { c, statuses, committed };
}

const welcome: ForwarderMessage = { type: 'welcome', terminalId: 'term-1', resumeAfter: 0, replacedPrevious: false };

describe('RelayClient', () => {
  it('authenticates in the upgrade, says hello with its cursor, commits one event at a time in order, acks after each commit', async () => {
    const f = await fakeForwarder();
    let active = 0;
    let maxActive = 0;
    const log: string[] = [];
    let cursor = 4;
    const { c } = client(f.url, {
      lastSeq: () => cursor,
      onEvent: async (e) => {
        active++;
        maxActive = Math.max(maxActive, active);
        await new Promise((r) => setTimeout(r, 5));
        log.push(`commit ${e.seq}`);
        cursor = e.seq;
        active--;
      },
    });
    c.start();
    const conn = await waitFor(() => f.conns[0], 'connection');
    expect(conn.req.headers['x-terminal-id']).toBe('term-1');
    expect(conn.req.headers.authorization).toBe('Bearer tok');
    await waitFor(() => conn.received[0], 'hello');
    expect(conn.received[0]).toMatchObject({ type: 'hello', lastSeq: 4 });
    conn.send({ ...welcome, resumeAfter: 4 });
    await waitFor(() => c.status.state === 'connected', 'connected');
    conn.ws.on('message', (d) => {
      const m = JSON.parse((d as Buffer).toString('utf8')) as TerminalMessage;
      if (m.type === 'ack') log.push(`ack ${m.seq}`);
    });
    for (const seq of [5, 6, 7]) conn.send(event(seq));
    await waitFor(() => log.length === 6, 'three commits and acks');
    expect(log).toEqual(['commit 5', 'ack 5', 'commit 6', 'ack 6', 'commit 7', 'ack 7']);
    expect(maxActive).toBe(1);
    expect(c.status.lastEventAt).not.toBeNull();
  });

  it('acks without committing again an event at or below its cursor', async () => {
    const f = await fakeForwarder();
    const { c, committed } = client(f.url);
    c.start();
    const conn = await waitFor(() => f.conns[0], 'connection');
    conn.send(welcome);
    conn.send(event(1));
    conn.send(event(1));
    await waitFor(() => conn.received.filter((m) => m.type === 'ack').length === 2, 'two acks');
    expect(committed).toEqual([1]);
  });

  it('answers pings, and sends its own', async () => {
    const f = await fakeForwarder();
    const { c } = client(f.url, { heartbeatMs: 50 });
    c.start();
    const conn = await waitFor(() => f.conns[0], 'connection');
    conn.send(welcome);
    conn.send({ type: 'ping', t: 12345 });
    await waitFor(() => conn.received.some((m) => m.type === 'pong' && m.t === 12345), 'pong');
    await waitFor(() => conn.received.some((m) => m.type === 'ping'), 'client ping');
  });

  it('declares a silent link stale, drops it and reconnects', async () => {
    const f = await fakeForwarder();
    const { c, statuses } = client(f.url, { heartbeatMs: 50, staleAfterMs: 300 });
    c.start();
    const first = await waitFor(() => f.conns[0], 'connection');
    first.send(welcome); // then silence
    await waitFor(() => statuses.some((s) => s.state === 'stale'), 'stale');
    expect(statuses.find((s) => s.state === 'stale')).toMatchObject({ polling: true });
    const second = await waitFor(() => f.conns[1], 'reconnection');
    second.send(welcome);
    // this link stays alive (pings), so a slow machine cannot make it stale too
    const keepAlive = setInterval(() => second.send({ type: 'ping', t: Date.now() }), 50);
    cleanups.push(() => clearInterval(keepAlive));
    await waitFor(() => c.status.state === 'connected', 'connected again');
    expect(statuses.map((s) => s.state)).toEqual(expect.arrayContaining(['connecting', 'connected', 'stale', 'reconnecting']));
  });

  it('treats a malformed frame as a protocol error and reconnects; a failed commit is not acked and is redelivered', async () => {
    const f = await fakeForwarder();
    let fail = true;
    const committed: number[] = [];
    const { c } = client(f.url, {
      lastSeq: () => committed.at(-1) ?? 0,
      onEvent: (e) => {
        if (fail) {
          fail = false;
          return Promise.reject(new Error('disk full'));
        }
        committed.push(e.seq);
        return Promise.resolve();
      },
    });
    c.start();
    const a = await waitFor(() => f.conns[0], 'connection');
    a.send(welcome);
    a.send('{"type":"event","seq":"one"}');
    const b = await waitFor(() => f.conns[1], 'reconnect after protocol error');
    b.send(welcome);
    b.send(event(1));
    const d = await waitFor(() => f.conns[2], 'reconnect after failed commit');
    expect(b.received.some((m) => m.type === 'ack')).toBe(false);
    // The socket is registered before its first frame arrives: wait for the hello itself.
    await waitFor(() => d.received[0], 'hello after reconnect');
    expect(d.received[0]).toMatchObject({ type: 'hello', lastSeq: 0 });
    d.send(welcome);
    d.send(event(1));
    await waitFor(() => d.received.some((m) => m.type === 'ack' && m.seq === 1), 'ack of redelivery');
    expect(committed).toEqual([1]);
  });

  it('never stops on its own: replaced (often by a dead attempt of its own) or revoked, it connects again and says why', async () => {
    const f = await fakeForwarder();
    const { c, statuses } = client(f.url, { backoff: { initialMs: 10, maxMs: 50, random: () => 1 } });
    c.start();
    const first = await waitFor(() => f.conns[0], 'connection');
    first.send(welcome);
    await waitFor(() => c.status.state === 'connected', 'connected');
    first.send({ type: 'closing', code: 'replaced', message: 'another connection took over' });
    first.ws.close(4001);
    await waitFor(() => statuses.some((s) => s.state === 'reconnecting' && s.detail?.includes('another connection')), 'reconnecting, saying why');
    const second = await waitFor(() => f.conns[1], 'a new connection after the replacement');
    await waitFor(() => second.received[0], 'hello');
    expect(second.received[0]).toMatchObject({ type: 'hello' });
    second.send(welcome);
    await waitFor(() => c.status.state === 'connected', 'connected again');
    second.send({ type: 'closing', code: 'revoked', message: 'the terminal token was revoked' });
    second.ws.close(4003);
    await waitFor(() => statuses.some((s) => s.state === 'reconnecting' && s.detail?.includes('revoked')), 'reconnecting after a revocation');
    await waitFor(() => f.conns[2], 'a new connection after the revocation');
    expect(statuses.some((s) => s.state === 'offline')).toBe(false);
    await c.stop();
    expect(c.status.state).toBe('offline');
  });

  it('keeps retrying, with the reason, when the forwarder refuses the token', async () => {
    const f = await fakeForwarder({ refuse: true });
    const { c, statuses } = client(f.url);
    c.start();
    await waitFor(() => statuses.filter((s) => s.state === 'reconnecting').length >= 3, 'retries');
    expect(c.status.detail).toContain('401');
    await c.stop();
    expect(c.status.state).toBe('offline');
  });

  it('with an older forwarder (no headSeq) counts the events it received and has not committed', async () => {
    const f = await fakeForwarder();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    let cursor = 4;
    const { c } = client(f.url, {
      lastSeq: () => cursor,
      onEvent: async (e) => {
        await gate;
        cursor = e.seq;
      },
    });
    c.start();
    const conn = await waitFor(() => f.conns[0], 'connection');
    expect(c.pendingCount()).toBeNull();
    conn.send({ ...welcome, resumeAfter: 4 });
    await waitFor(() => c.status.state === 'connected', 'connected');
    expect(c.pendingCount()).toBe(0);
    conn.send(event(5));
    conn.send(event(6));
    await waitFor(() => c.pendingCount() === 2, 'two received, none committed');
    release();
    await waitFor(() => conn.received.filter((m) => m.type === 'ack').length === 2, 'two acks');
    expect(c.pendingCount()).toBe(0);
    conn.ws.close(1001);
    await waitFor(() => c.status.state === 'reconnecting', 'link lost');
    expect(c.pendingCount()).toBeNull();
  });
});

describe('backoffDelay', () => {
  it('grows exponentially up to the cap, with equal jitter (never below half the step)', () => {
    const o = { initialMs: 100, maxMs: 5000 };
    expect([0, 1, 2, 3, 10].map((n) => backoffDelay(n, { ...o, random: () => 0.999 }))).toEqual([99, 199, 399, 799, 4997]);
    expect([0, 5, 10].map((n) => backoffDelay(n, { ...o, random: () => 0 }))).toEqual([50, 1600, 2500]);
    for (let n = 0; n < 50; n++) expect(backoffDelay(n, o)).toBeLessThanOrEqual(5000);
  });
});
