// The benchmark's traffic: Opn-like signed webhooks posted on keep-alive or new connections, and the
// simulated terminals (RelayClients in this process) committing each event to their own SQLite, each
// delivery timed from the POST to the terminal's commit. Used by forwarder.bench.ts for the floor and
// the forwarders alike.
import { createHmac } from 'node:crypto';
import { Agent, request } from 'node:http';
import Database from 'better-sqlite3';
import { RelayClient } from '../electron/relay/client';
import type { RelayEvent } from '../shared';
import { SECRET, sleep } from './forwarder-processes';

export const TERMINALS = Number(process.env.BENCH_TERMINALS ?? 1000);

export function body(id: string, terminal: string): string {
  return JSON.stringify({ object: 'event', id, livemode: false, key: 'charge.complete', created_at: new Date().toISOString(), data: { object: 'charge', id: `chrg_${id}`, amount: 1000, currency: 'SGD', status: 'successful', metadata: { terminal_id: terminal, sale_id: `sale_${id}` } } });
}
export function signedHeaders(raw: string): Record<string, string> {
  const ts = Math.floor(Date.now() / 1000);
  return { 'content-type': 'application/json', 'omise-signature-timestamp': String(ts), 'omise-signature': createHmac('sha256', Buffer.from(SECRET, 'base64')).update(`${ts}.${raw}`).digest('hex') };
}

/**
 * The terminal side: event + cursor in one transaction. 1,000 simulated terminals share one process
 * and one disk here, where each real terminal has its own, so they commit with synchronous=NORMAL
 * (WAL); the floor's terminals commit exactly the same way.
 */
export interface ReceiptDb {
  db: Database.Database;
  commit: (terminalId: string, seq: number, eventId: string) => void;
}
export function receiptDb(file: string): ReceiptDb {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE events (terminal_id TEXT, seq INTEGER, event_id TEXT UNIQUE, PRIMARY KEY (terminal_id, seq)); CREATE TABLE cursors (terminal_id TEXT PRIMARY KEY, seq INTEGER)');
  const ins = db.prepare('INSERT INTO events VALUES (?, ?, ?)');
  const cur = db.prepare('INSERT INTO cursors VALUES (?, ?) ON CONFLICT (terminal_id) DO UPDATE SET seq = excluded.seq');
  return { db, commit: db.transaction((t: string, seq: number, id: string) => void (ins.run(t, seq, id), cur.run(t, seq))) };
}

export type Mode = 'keepAlive' | 'newConnection';
export const agent = new Agent({ keepAlive: true, maxSockets: 128 });
export function post(url: string, raw: string, mode: Mode): Promise<number> {
  return new Promise((res, rej) => {
    const headers = { ...signedHeaders(raw), 'content-length': String(Buffer.byteLength(raw)), ...(mode === 'newConnection' ? { connection: 'close' } : {}) };
    const req = request(url, { method: 'POST', agent: mode === 'keepAlive' ? agent : false, headers }, (r) => {
      r.resume();
      r.on('end', () => res(r.statusCode ?? 0));
    });
    req.on('error', rej);
    req.end(raw);
  });
}

export async function metric(metricsUrl: string, name: string): Promise<number> {
  const m = new RegExp(`^${name} (\\d+(?:\\.\\d+)?)$`, 'm').exec(await (await fetch(metricsUrl)).text());
  return Number(m?.[1] ?? NaN);
}

export async function pool(n: number, concurrency: number, task: () => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next++ < n) await task();
  }));
}

const waiters = new Map<string, () => void>();
/** Connects `ids.length` RelayClients to wsUrls (round robin), each committing to `receipts`. */
export async function connectTerminals(wsUrls: string[], tokens: Map<string, string>, ids: string[], receipts: ReceiptDb): Promise<RelayClient[]> {
  const cursors = new Map<string, number>();
  const clients = ids.map((terminalId, i) => {
    const c = new RelayClient({
      url: wsUrls[i % wsUrls.length] ?? '', terminalId, token: tokens.get(terminalId) ?? 'floor',
      lastSeq: () => cursors.get(terminalId) ?? 0,
      onEvent: (e: RelayEvent) => {
        receipts.commit(terminalId, e.seq, e.eventId);
        cursors.set(terminalId, e.seq);
        waiters.get(e.eventId)?.();
        waiters.delete(e.eventId);
        return Promise.resolve();
      },
    });
    return c;
  });
  for (let i = 0; i < clients.length; i++) {
    clients[i]?.start();
    if (i % 100 === 99) await sleep(20);
  }
  // Never wait forever: name what the stragglers report (a bench that hangs tells nobody anything).
  const deadline = Date.now() + 120_000;
  while (clients.some((c) => c.status.state !== 'connected')) {
    if (Date.now() > deadline) {
      const stuck = clients.filter((c) => c.status.state !== 'connected');
      const why = new Map<string, number>();
      for (const c of stuck) why.set(`${c.status.state}: ${c.status.detail ?? '-'}`, (why.get(`${c.status.state}: ${c.status.detail ?? '-'}`) ?? 0) + 1);
      throw new Error(`${stuck.length} of ${clients.length} terminals not connected after 120 s: ${[...why].map(([w, n]) => `${n}× ${w}`).join('; ')}`);
    }
    await sleep(50);
  }
  return clients;
}

let seqId = 0;
/** One webhook to one of `urls`, timed from the POST to the terminal's commit. */
export async function deliverOne(urls: string[], mode: Mode): Promise<number> {
  const id = `evnt_b${seqId++}`;
  const raw = body(id, `t${Math.floor(Math.random() * TERMINALS)}`);
  const committed = new Promise<void>((r) => waiters.set(id, r));
  const start = performance.now();
  // Any instance, as a load balancer would send it. Not by seqId (until 2026-12-07): one at a time, the floor's
  // delivery and the forwarder's alternate, so every forwarder webhook of that phase went to instance 0.
  const status = await post(urls[Math.floor(Math.random() * urls.length)] ?? '', raw, mode);
  if (status !== 200) throw new Error(`answered ${status}`);
  await committed;
  return performance.now() - start;
}
