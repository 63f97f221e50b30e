// Runs `fixtures/crash-child.ts` (one sale by a real core in its own process) and kills it with SIGKILL
// at a mark it prints, as the crash and late-request suites need. `stopCrashChild()` in afterEach kills
// one a failed test left running.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Sandbox } from '../../../sandbox/index';
import { nodeBundle } from '../../support/node-bundle';

const CHILD = path.join(import.meta.dirname, 'fixtures', 'crash-child.ts');
let running: ChildProcess | null = null;

export type Mark = Record<string, unknown> & { mark?: string; saleId?: string };

/**
 * Starts the child with `crashAt` for `dbPath` against `sb`, and kills it at the first `killOn` mark, once
 * `before` (e.g. "the sandbox holds the request") has settled. Resolves to every mark printed and the
 * signal the child ended with; rejects with its stderr when it exits on its own first.
 */
export async function runCrashChild(dbPath: string, sb: Sandbox, crashAt: string, killOn: string, before: Promise<void> = Promise.resolve()): Promise<{ marks: Mark[]; signal: NodeJS.Signals | null }> {
  const proc = spawn(process.execPath, [await nodeBundle(CHILD)], {
    env: { ...process.env, CRASH_DB: dbPath, CRASH_BASE_URL: sb.baseUrl, CRASH_SECRET: sb.secretKey, CRASH_AT: crashAt },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running = proc;
  let stderr = '';
  proc.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const marks: Mark[] = [];
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    createInterface({ input: proc.stdout }).on('line', (line) => {
      const m = JSON.parse(line) as Mark;
      marks.push(m);
      if (m.mark !== killOn) return;
      void before.then(() => {
        proc.kill('SIGKILL');
        resolve();
      });
    });
    proc.once('exit', () => reject(new Error(`child exited before '${killOn}': ${stderr.slice(-2000)}`)));
  });
  await exited;
  return { marks, signal: proc.signalCode };
}

export function stopCrashChild(): void {
  if (running && running.exitCode === null && running.signalCode === null) running.kill('SIGKILL');
  running = null;
}
