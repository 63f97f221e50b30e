// Test helpers for the forwarder and the relay client: signed webhooks, a real terminal-side SQLite
// commit function, a durable redis-server that can be SIGKILLed, and a forwarder child process that can
// be SIGKILLed. Generic helpers (temp folders, waiting, ports, redis-server) live in test/support/ and
// are re-exported here for the forwarder's suites.
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { hasProgram } from '../support/programs';
import { forwarderCli } from '../support/node-bundle';
import { waitFor } from '../support/wait';
import type { ChildProcess } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import WebSocket from 'ws';
import type { RelayEvent } from '../../shared';

export const ROOT = resolve(import.meta.dirname, '../..');

export const TEST_SECRET = Buffer.from('forwarder-test-webhook-secret-32b').toString('base64');

export function opnEvent(id: string, terminalId: string | null, key = 'charge.complete', extra: Record<string, unknown> = {}): string {
  const metadata = terminalId === null ? {} : { terminal_id: terminalId, sale_id: `sale_${id}` };
  return JSON.stringify({
    object: 'event', id, livemode: false, location: `/events/${id}`, key, created_at: '2026-11-27T10:00:00Z',
    data: { object: 'charge', id: `chrg_test_${id}`, amount: 1000, currency: 'SGD', status: 'successful', metadata, ...extra },
  });
}

export function sign(secretB64: string, ts: number, body: string | Buffer): string {
  return createHmac('sha256', Buffer.from(secretB64, 'base64')).update(`${ts}.`).update(body).digest('hex');
}

export async function postWebhook(url: string, body: string, opts: { secret?: string; ts?: number; signature?: string } = {}): Promise<{ status: number; json: unknown }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (opts.secret !== undefined || opts.signature !== undefined) {
    const ts = opts.ts ?? Math.floor(Date.now() / 1000);
    headers['omise-signature-timestamp'] = String(ts);
    headers['omise-signature'] = opts.signature ?? sign(opts.secret ?? '', ts, body);
  }
  const res = await fetch(url, { method: 'POST', headers, body });
  const text = await res.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    // keep text
  }
  return { status: res.status, json };
}

/** The terminal's receipt DB, reduced to what the relay needs: events + cursor, one transaction each. */
export class TerminalDb {
  readonly db: Database.Database;
  duplicateCommits = 0;
  constructor(readonly file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec(`CREATE TABLE IF NOT EXISTS events (seq INTEGER PRIMARY KEY, event_id TEXT NOT NULL UNIQUE, raw_body TEXT NOT NULL, signature TEXT NOT NULL);
                  CREATE TABLE IF NOT EXISTS cursor (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL);
                  INSERT OR IGNORE INTO cursor (id, seq) VALUES (1, 0);`);
  }
  lastSeq = (): number => (this.db.prepare('SELECT seq FROM cursor WHERE id = 1').get() as { seq: number }).seq;
  commit = (e: RelayEvent): Promise<void> => {
    try {
      this.db.transaction(() => {
        // Plain INSERT: committing an event twice would violate the keys and fail loudly.
        this.db.prepare('INSERT INTO events (seq, event_id, raw_body, signature) VALUES (?, ?, ?, ?)').run(e.seq, e.eventId, e.rawBody, e.signature);
        this.db.prepare('UPDATE cursor SET seq = ? WHERE id = 1').run(e.seq);
      })();
    } catch (err) {
      this.duplicateCommits++;
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
    return Promise.resolve();
  };
  rows(): { seq: number; event_id: string; raw_body: string; signature: string }[] {
    return this.db.prepare('SELECT seq, event_id, raw_body, signature FROM events ORDER BY seq').all() as { seq: number; event_id: string; raw_body: string; signature: string }[];
  }
  close(): void {
    this.db.close();
  }
}

export function uniquePrefix(label: string): string {
  return `test:${label}:${randomBytes(4).toString('hex')}`;
}

/** Whether redis-server is on PATH (tests that start their own skip without it, saying so). */
export function hasRedisServer(): boolean {
  return hasProgram('redis-server');
}

/**
 * Our own redis-server with AOF + appendfsync always in `dir`, on `port`: killable and restartable on
 * the same data, so a test can show what survives a SIGKILL.
 */
export async function startDurableRedis(dir: string, port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--appendfsync', 'always', '--dir', dir], { stdio: 'ignore' });
  await waitFor(
    () =>
      new Promise<boolean>((res) => {
        const c = connect(port, '127.0.0.1', () => {
          c.write('PING\r\n');
          c.once('data', (d) => {
            c.end();
            res(d.toString().startsWith('+PONG'));
          });
        });
        c.on('error', () => res(false));
      }),
    'redis-server to answer PING',
  );
  return child;
}

export { tempDir } from '../support/temp';
export { waitFor } from '../support/wait';
export { freePort, startRedis, stopChild } from '../support/servers';
export interface ForwarderChild {
  child: ChildProcess;
  url: string;
  stderr: () => string;
  /** the separate metrics listener's URL (loopback), as printed at start */
  metricsUrl: string;
  /** everything printed so far (the start lines, and the log when FORWARDER_QUIET=0) */
  stdout: () => string;
}

/** Runs the forwarder's CLI (bundled once per file: test/support/node-bundle.ts) and resolves with its URL once it prints it. */
export async function spawnForwarder(env: Record<string, string>, args: string[] = []): Promise<ForwarderChild> {
  const child = spawn(process.execPath, [await forwarderCli(), '--port', '0', ...args], {
    cwd: ROOT,
    env: { ...process.env, FORWARDER_QUIET: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((res, rej) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/[^\s]+)/.exec(out);
      const metrics = /metrics on (http:\/\/[^\s]+)/.exec(out);
      if (m?.[1] && metrics?.[1]) res({ child, url: m[1], metricsUrl: metrics[1], stderr: () => err, stdout: () => out });
    });
    child.once('exit', (code) => rej(new Error(`forwarder exited ${code}: ${err}`)));
  });
}

export async function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [await forwarderCli(), ...args], { cwd: ROOT, env: { ...process.env, FORWARDER_QUIET: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((res) => child.once('exit', (code) => res({ code, stdout, stderr })));
}

/** HTTP status of a /terminals upgrade with these credentials: 101 when accepted, else the refusal's status. */
export function upgradeStatus(url: string, id: string, token: string): Promise<number> {
  return new Promise((res) => {
    const ws = new WebSocket(url, { headers: { 'x-terminal-id': id, authorization: `Bearer ${token}` } });
    ws.on('unexpected-response', (_req, r) => {
      res(r.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('open', () => {
      res(101);
      ws.terminate();
    });
    ws.on('error', () => undefined);
  });
}

/** A forwarder database's issued tokens and schema version, read through its own read-only connection. */
export function issuedTokens(dataDir: string): { tokens: number; version: number } {
  const db = new Database(resolve(dataDir, 'forwarder.sqlite'), { readonly: true });
  try {
    const { n } = db.prepare('SELECT count(*) AS n FROM terminals WHERE token_hash IS NOT NULL').get() as { n: number };
    return { tokens: n, version: Number(db.pragma('user_version', { simple: true })) };
  } finally {
    db.close();
  }
}
