// Servers and child processes for tests: loopback ports, stopping children, and a real redis-server
// (REDIS_URL when set, else our own on a free port) that stops by itself after the test file.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { connect, createServer } from 'node:net';
import type { AddressInfo, Server } from 'node:net';
import { afterAll, beforeAll } from 'vitest';
import { atFileEnd } from './cleanup';
import { needsRedis } from './programs';
import { tempDir } from './temp';
import { waitFor } from './wait';

/** A TCP port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => res(port));
    });
    srv.on('error', rej);
  });
}

export interface Listening {
  readonly port: number;
  /** Closes the server (and, for an HTTP server, its open connections); also done after the test file. */
  readonly close: () => Promise<void>;
}

/** Listens on 127.0.0.1 on a free port; the server is closed by `close()` or after the test file. */
export async function listenLoopback(server: Server): Promise<Listening> {
  await new Promise<void>((res, rej) => {
    server.once('error', rej);
    server.listen(0, '127.0.0.1', () => res());
  });
  const { port } = server.address() as AddressInfo;
  const close = atFileEnd(
    () =>
      new Promise<void>((res) => {
        if (!server.listening) return res();
        server.close(() => res());
        // An http.Server keeps idle keep-alive sockets open; close them so close() completes.
        (server as Server & { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  );
  return { port, close };
}

/** Resolves once something accepts TCP connections on 127.0.0.1:port. */
export async function waitForPort(port: number, what: string, timeoutMs = 15_000): Promise<void> {
  await waitFor(
    () =>
      new Promise<boolean>((res) => {
        const c = connect(port, '127.0.0.1', () => {
          c.end();
          res(true);
        });
        c.on('error', () => res(false));
      }),
    what,
    timeoutMs,
  );
}

/** Signals the child and resolves when it has exited (at once if it already has). */
export function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((res) => {
    child.once('exit', () => res());
    child.kill(signal);
  });
}

export interface RedisServer {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * REDIS_URL when set (test:all and CI start one) unless `own` (a test that kills its Redis); otherwise a
 * throwaway redis-server on a free port.
 */
export async function startRedis(opts: { own?: boolean } = {}): Promise<RedisServer> {
  if (process.env.REDIS_URL && !opts.own) return { url: process.env.REDIS_URL, stop: () => Promise.resolve() };
  if (needsRedis.missing) throw new Error('redis-server not found and REDIS_URL unset (skip the suite with needsRedis)');
  const port = await freePort();
  const dir = tempDir('redis');
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir.dir], { stdio: 'ignore' });
  const stop = atFileEnd(async () => {
    await stopChild(child);
    dir.cleanup();
  });
  const exited = new Promise<never>((_, rej) => child.once('exit', (code) => rej(new Error(`redis-server exited with ${code} before listening`))));
  exited.catch(() => undefined);
  await Promise.race([waitForPort(port, 'redis-server to listen'), exited]);
  return { url: `redis://127.0.0.1:${port}`, stop };
}

/**
 * A Redis for this file (or describe block): started in beforeAll when available, stopped in afterAll.
 * Read `.url` inside tests; pair with `describe.skipIf(needsRedis.missing)`.
 */
export function useRedis(): { readonly url: string } {
  let server: RedisServer | null = null;
  beforeAll(async () => {
    if (!needsRedis.missing) server = await startRedis();
  });
  afterAll(async () => {
    await server?.stop();
  });
  return {
    get url(): string {
      if (!server) throw new Error('Redis not started (redis-server missing?)');
      return server.url;
    },
  };
}
