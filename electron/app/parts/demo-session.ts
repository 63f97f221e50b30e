// The demo stack: the embedded sandbox and forwarder on loopback with test keys, started while the shop is
// in demo mode. Each demo start begins a fresh demo receipt log (its sandbox keeps charges in memory), so
// demo sales never mix with real ones; a reconfiguration keeps the stack unless the country or terminal
// changed or the shop went live.
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import type { Country } from '../../../shared';
import type { SettingsStore } from '../settings-store';
import type { RuntimePart } from './part';

/** What the demo launcher provides: test keys and a forwarder on loopback, and how to stop them. */
export interface DemoStack {
  readonly opnApiBase: string;
  readonly opnSecretKey: string;
  readonly opnPublicKey: string;
  readonly forwarderUrl: string;
  readonly forwarderToken: string;
  readonly returnUri: string;
  readonly country: Country;
  readonly terminalId: string;
  stop(): Promise<void>;
}
export type DemoLauncher = (input: { dataDir: string; country: Country; terminalId: string; shopName: string }) => Promise<DemoStack>;

const DEMO_DB = 'demo-receipts.sqlite';

/** The receipt log of a mode (the demo's is its own file, so demo sales never mix with real ones). */
export function receiptLogPath(dataDir: string, mode: 'demo' | 'live'): string {
  return path.join(dataDir, mode === 'demo' ? DEMO_DB : 'receipts.sqlite');
}

export interface DemoSession extends RuntimePart {
  /** The running stack's return page, or null outside the demo. */
  returnUri(): string | null;
  /**
   * The identity of the receipt log in use: new each time the demo log is made afresh (the print queue
   * prints only the jobs of the log in use); the live log is one log for the life of the install.
   */
  logId(): string;
}

export function createDemoSession(o: { dataDir: string; settings: SettingsStore; launcher: DemoLauncher | undefined }): DemoSession {
  let stack: DemoStack | null = null;
  let demoLogId = `demo:${randomUUID()}`;

  const stop = async (): Promise<void> => {
    const old = stack;
    stack = null;
    await old?.stop();
  };

  return {
    async open() {
      const s = o.settings.get();
      if (!o.launcher || s.mode !== 'demo') return;
      if (stack && stack.country === s.country && stack.terminalId === s.terminalId) return;
      await stop();
      for (const suffix of ['', '-wal', '-shm']) rmSync(path.join(o.dataDir, DEMO_DB + suffix), { force: true });
      demoLogId = `demo:${randomUUID()}`;
      stack = await o.launcher({ dataDir: o.dataDir, country: s.country, terminalId: s.terminalId, shopName: s.shopName });
      o.settings.update({ opnApiBase: stack.opnApiBase, opnSecretKey: stack.opnSecretKey, opnPublicKey: stack.opnPublicKey, forwarderUrl: stack.forwarderUrl, forwarderToken: stack.forwarderToken });
    },
    async close(why) {
      // Still in demo mode: open() decides whether the stack can stay.
      if (why === 'reconfigure' && o.settings.get().mode === 'demo') return;
      await stop();
    },
    returnUri: () => stack?.returnUri ?? null,
    logId: () => (o.settings.get().mode === 'demo' ? demoLogId : 'live'),
  };
}
