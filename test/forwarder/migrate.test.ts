// Concurrent first starts on a new data dir: the schema migration reads user_version inside its
// BEGIN IMMEDIATE transaction, so eight `token create` at once never race to create the tables.
// In one process: eight worker threads, each opening the store with its own SQLite connections, released
// together by a barrier every round (the runner's forced interleavings are in
// test/shared/migrations.test.ts; separate processes, whose locks go through the OS, in
// migrate-processes.test.ts).
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { nodeBundle } from '../support/node-bundle';
import { issuedTokens, tempDir } from './helpers';
import { SQLITE_SCHEMA_VERSION } from '../../forwarder/store/sqlite';

type Answer = { token?: string; error?: string };

const tmp = tempDir('migrate');
const workers: Worker[] = [];
beforeAll(async () => {
  // Plain ESM for the workers (they do not go through vitest's TypeScript transform), loaded once: the
  // rounds then cost only the opens.
  const entry = await nodeBundle('test/forwarder/fixtures/token-create-worker.ts');
  for (let i = 0; i < 8; i++) workers.push(new Worker(entry));
});
afterAll(async () => {
  await Promise.all(workers.map((w) => w.terminate()));
  tmp.cleanup();
});

function tokenCreate(worker: Worker, dataDir: string, terminal: string, barrier: SharedArrayBuffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const onError = (e: Error) => reject(e);
    worker.once('error', onError);
    worker.once('message', (m: Answer) => {
      worker.off('error', onError);
      resolve(m);
    });
    worker.postMessage({ dataDir, terminal, barrier });
  });
}

it('8 `token create` at once on a new data dir succeed, 5 times over', async () => {
  for (let round = 0; round < 5; round++) {
    const dataDir = join(tmp.dir, `round-${round}`);
    const barrier = new SharedArrayBuffer(8);
    new Int32Array(barrier)[1] = workers.length;
    const runs = await Promise.all(workers.map((w, i) => tokenCreate(w, dataDir, `counter-${i}`, barrier)));
    for (const r of runs) {
      expect(r.error).toBeUndefined();
      expect(r.token).toMatch(/^\S{20,}$/);
    }
    expect(issuedTokens(dataDir)).toEqual({ tokens: 8, version: SQLITE_SCHEMA_VERSION });
  }
}, 120_000);
