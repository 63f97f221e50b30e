// Browser mode as its own process (a terminal that can be SIGKILLed and started again on the same data
// folder), run from its bundle (built once per file); resolves once it printed its two URLs.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { expect } from 'vitest';
import { nodeBundle } from '../support/node-bundle';
import { ROOT } from './stack';

export interface TerminalProcess {
  readonly proc: ChildProcessWithoutNullStreams;
  readonly cashierUrl: string;
  readonly displayUrl: string;
}

export async function startTerminalProcess(o: { port: number; dataDir: string; rendererDir: string; onStderr: (text: string) => void }): Promise<TerminalProcess> {
  const proc = spawn(process.execPath, [await nodeBundle('electron/browser-server/main.ts'), '--port', String(o.port), '--data', o.dataDir], {
    cwd: ROOT,
    env: { ...process.env, KAKAOPAY_RENDERER_DIR: o.rendererDir, LOG_LEVEL: 'error' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
  proc.stderr.on('data', (d: Buffer) => o.onStderr(d.toString('utf8')));
  await expect.poll(() => out.split('\n').filter(Boolean).length, { timeout: 45_000, interval: 100 }).toBe(2);
  const [cashier, display] = out.trim().split('\n');
  return { proc, cashierUrl: cashier!.slice('cashier: '.length), displayUrl: display!.slice('customer display: '.length) };
}
