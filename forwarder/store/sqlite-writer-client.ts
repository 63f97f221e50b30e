// The SQLite writer as the store calls it: in a worker thread (serving: a commit's fsync never blocks
// the event loop) or in this thread (CLI subcommands, which write once and exit). Same operations,
// same order: the worker answers requests one at a time as they were sent.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { openWriteConnection, SqliteWriter } from './sqlite-writer';
import type { WriterOp, WriterOpName } from './sqlite-writer';

export interface WriterClient {
  /** true: commits run on a worker thread; false: on the caller's event loop */
  readonly threaded: boolean;
  /** Writes sent and not yet answered, checkpoints not counted (always 0 in this thread). */
  readonly pendingWrites: number;
  call<K extends WriterOpName>(op: K, ...args: WriterOp[K]['args']): Promise<WriterOp[K]['result']>;
  close(): Promise<void>;
}

export function inThreadWriter(file: string): WriterClient {
  const db = openWriteConnection(file);
  const writer = new SqliteWriter(db);
  const fns = writer as unknown as Record<WriterOpName, (...args: unknown[]) => unknown>;
  return {
    threaded: false,
    pendingWrites: 0,
    call: (op, ...args) => {
      try {
        return Promise.resolve(fns[op].apply(writer, args) as never);
      } catch (err) {
        return Promise.reject(err instanceof Error ? err : new Error(String(err)));
      }
    },
    close: () => {
      db.close();
      return Promise.resolve();
    },
  };
}

// The worker loads the TypeScript entry through tsx when it runs from source (npm run forwarder, tests).
const BOOT = `const { workerData } = require('node:worker_threads');
const f = workerData.entry;
(f.endsWith('.ts') ? import('tsx/esm/api').then((m) => m.register()) : Promise.resolve()).then(() => import(f));`;

interface Reply { id: number; ok: boolean; value?: unknown; error?: string }

/** `autoCheckpoint` false: the thread's commits never checkpoint; the caller sends `checkpoint` when due. */
export function workerWriter(file: string, { autoCheckpoint = true }: { autoCheckpoint?: boolean } = {}): WriterClient {
  // From source, the .ts beside this file; in the forwarder's build (forwarder/build.mjs), the .mjs it
  // writes beside dist/cli.mjs. The app's bundle (browser mode, embedded demo forwarder) has no thread
  // entry beside it: it writes in this thread, as the forwarder did before the worker.
  const entry = new URL(`./sqlite-writer-thread${import.meta.url.endsWith('.ts') ? '.ts' : '.mjs'}`, import.meta.url).href;
  if (!existsSync(fileURLToPath(entry))) return inThreadWriter(file);
  const worker = new Worker(BOOT, { eval: true, workerData: { file, entry, autoCheckpoint } });
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; write: boolean }>();
  let writes = 0;
  let next = 0;
  let dead: Error | null = null;
  const failAll = (err: Error): void => {
    dead = err;
    for (const w of waiting.values()) w.reject(err);
    waiting.clear();
    writes = 0;
  };
  worker.on('message', (r: Reply) => {
    const w = waiting.get(r.id);
    waiting.delete(r.id);
    if (w?.write) writes--;
    if (r.ok) w?.resolve(r.value);
    else w?.reject(new Error(r.error ?? 'sqlite writer failed'));
  });
  worker.on('error', (err) => failAll(err));
  worker.on('exit', (code) => failAll(new Error(`sqlite writer thread exited (${code})`)));
  const send = (op: string, args: unknown[]): Promise<unknown> => {
    if (dead) return Promise.reject(dead);
    const id = next++;
    const write = op !== 'checkpoint';
    if (write) writes++;
    return new Promise((resolve, reject) => {
      waiting.set(id, { resolve, reject, write });
      worker.postMessage({ id, op, args });
    });
  };
  return {
    threaded: true,
    get pendingWrites() {
      return writes;
    },
    call: (op, ...args) => send(op, args),
    close: async () => {
      if (!dead) await send('close', []).catch(() => undefined);
      await worker.terminate();
    },
  };
}
