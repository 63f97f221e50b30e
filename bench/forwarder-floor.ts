// The floor for the forwarder benchmark: a bare Node http + ws relay with no storage. It speaks the
// same relay protocol (hello → welcome → event frames), so the same RelayClient terminals connect to
// it; a webhook is parsed, routed by metadata.terminal_id, sent, and answered 200 at once. No
// signature check, no store, no ack tracking: what any relay must at least do, and nothing more.
// Run as a child process by the benchmark (`node --import tsx bench/forwarder-floor.ts`), like the
// forwarder, so neither shares the bench process's CPU with the load generator and the terminals.
// The durable floor (FLOOR_DURABLE_DIR, for bench/forwarder-pair.ts) also writes each body to disk and waits
// for fdatasync before relaying it: the least any relay that answers 2xx only when durable must do.
import { closeSync, fdatasyncSync, openSync, writeSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';

export interface Floor {
  url: string;
  wsUrl: string;
  stop(): Promise<void>;
}

/** One page per webhook, written in place in a file allocated up front (as a WAL is reused), then flushed. */
const PAGE = 4096;
const SLOTS = 4096;
function durableLog(dir: string): { write(body: string): void; close(): void } {
  const fd = openSync(`${dir}/floor.log`, 'w+');
  const page = Buffer.alloc(PAGE);
  for (let i = 0; i < SLOTS; i++) writeSync(fd, page, 0, PAGE, i * PAGE);
  fdatasyncSync(fd);
  let slot = 0;
  return {
    write(body) {
      page.fill(0);
      page.write(body.slice(0, PAGE), 'utf8');
      writeSync(fd, page, 0, PAGE, (slot++ % SLOTS) * PAGE);
      fdatasyncSync(fd);
    },
    close: () => closeSync(fd),
  };
}

export async function startFloor(options: { durableDir?: string } = {}): Promise<Floor> {
  const log = options.durableDir ? durableLog(options.durableDir) : null;
  const sockets = new Map<string, WebSocket>();
  const seqs = new Map<string, number>();
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      log?.write(rawBody);
      const e = JSON.parse(rawBody) as { id: string; key: string; data: { metadata: { terminal_id: string } } };
      const t = e.data.metadata.terminal_id;
      const seq = (seqs.get(t) ?? 0) + 1;
      seqs.set(t, seq);
      sockets.get(t)?.send(JSON.stringify({ type: 'event', seq, eventId: e.id, eventKey: e.key, receivedAt: new Date().toISOString(), signature: 'unsigned', rawBody, headSeq: seq }));
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  server.keepAliveTimeout = 65_000;
  server.on('upgrade', (req, socket, head) => {
    const terminalId = String(req.headers['x-terminal-id'] ?? '');
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.set(terminalId, ws);
      ws.on('message', (d: Buffer) => {
        const m = JSON.parse(d.toString()) as { type: string; lastSeq?: number; t?: number };
        if (m.type === 'hello') {
          seqs.set(terminalId, Math.max(seqs.get(terminalId) ?? 0, m.lastSeq ?? 0));
          ws.send(JSON.stringify({ type: 'welcome', terminalId, resumeAfter: m.lastSeq ?? 0, replacedPrevious: false, headSeq: seqs.get(terminalId) ?? 0 }));
        } else if (m.type === 'ping') ws.send(JSON.stringify({ type: 'pong', t: m.t }));
      });
      ws.on('close', () => sockets.get(terminalId) === ws && sockets.delete(terminalId));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/terminals`,
    stop: async () => {
      for (const ws of wss.clients) ws.terminate();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      log?.close();
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  void startFloor({ durableDir: process.env.FLOOR_DURABLE_DIR }).then((floor) => {
    process.stdout.write(`floor listening on ${floor.url}\n`);
    process.once('SIGTERM', () => void floor.stop().then(() => process.exit(0)));
  });
}
