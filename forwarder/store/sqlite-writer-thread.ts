// Worker-thread entry of the SQLite writer: one request at a time, in arrival order, each answered
// with its result or its error message. Started by sqlite-writer-client.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { openWriteConnection, SqliteWriter } from './sqlite-writer';
import type { WriterOpName } from './sqlite-writer';

interface Request { id: number; op: WriterOpName | 'close'; args: unknown[] }

const data = workerData as { file: string; autoCheckpoint: boolean };
const db = openWriteConnection(data.file, { autoCheckpoint: data.autoCheckpoint });
const writer = new SqliteWriter(db);
const call = writer as unknown as Record<WriterOpName, (...args: unknown[]) => unknown>;

parentPort?.on('message', (req: Request) => {
  if (req.op === 'close') {
    db.close();
    parentPort?.postMessage({ id: req.id, ok: true, value: null });
    parentPort?.close();
    return;
  }
  try {
    parentPort?.postMessage({ id: req.id, ok: true, value: call[req.op].apply(writer, req.args) });
  } catch (err) {
    parentPort?.postMessage({ id: req.id, ok: false, error: err instanceof Error ? err.message : String(err) });
  }
});
