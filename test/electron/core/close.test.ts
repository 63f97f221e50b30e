// Closing the payment core ends its own timers first: a backup it scheduled never meets a closed receipt
// log (the demo restarting used to log "backup failed: The database connection is not open").
import { Writable } from 'node:stream';
import path from 'node:path';
import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createLogger, openPaymentCore } from '../../../electron/core/index';
import type { PaymentCore } from '../../../electron/core/index';
import { tempDir } from '../../support/temp';

function logged(): { lines: string[]; stream: Writable } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, stream };
}

function open(dir: string, stream: Writable): PaymentCore {
  return openPaymentCore({
    dbPath: path.join(dir, 'receipts.sqlite'),
    // Nothing here talks to Opn: the core is opened and closed.
    opn: { baseUrl: 'http://127.0.0.1:9', secretKey: 'skey_test_close', retries: 0 },
    terminal: { terminalId: 'T1', storeId: 'S1', country: 'SG', returnUri: 'https://shop.example/return', captureMode: 'automatic' },
    pollIntervalMs: 0,
    logger: createLogger({ level: 'info', destination: stream }),
  });
}

const turns = async (n: number): Promise<void> => {
  for (let i = 0; i < n; i += 1) await new Promise((r) => setImmediate(r));
};

describe('closing the payment core', () => {
  it('cancels the start-up backup it had scheduled', async () => {
    const { dir } = tempDir('core-close');
    const { lines, stream } = logged();
    const core = open(dir, stream);
    await core.close();
    // Long enough for a stray backup to reach the closed log and say so (it used to); an absence can
    // only be seen by waiting, and under load this errs towards passing, never towards failing.
    await new Promise((r) => setTimeout(r, 300));
    expect(lines.filter((l) => l.includes('backup failed'))).toEqual([]);
    expect(existsSync(path.join(dir, 'backups')) ? readdirSync(path.join(dir, 'backups')) : []).toEqual([]);
  });

  it('waits for a backup already running, which completes', async () => {
    const { dir } = tempDir('core-close');
    const { lines, stream } = logged();
    const core = open(dir, stream);
    await turns(1); // the scheduled backup has started
    await core.close();
    // close() returned after the backup finished: today's copy is there, and nothing failed.
    expect(readdirSync(path.join(dir, 'backups')).filter((f) => f.endsWith('.db'))).toHaveLength(1);
    expect(lines.filter((l) => l.includes('backup failed'))).toEqual([]);
  });
});
