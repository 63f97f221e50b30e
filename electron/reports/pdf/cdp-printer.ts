// Prints report HTML with the system Chromium, spoken to directly over its DevTools pipe
// (--remote-debugging-pipe: JSON messages ending in NUL on fds 3 and 4), so browser mode needs no
// playwright-core at run time. One browser and ONE page stay warm for the session: a print after the
// first is a navigation and Page.printToPDF, not a browser start. JavaScript is off in the page, the
// network is offline, and the HTML is loaded from a 0600 temp file (a busy day's data: URL would near
// Chromium's 2 MB URL limit).
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { ReportError } from '../errors';
import { CHROMIUM_ARGS } from './chromium-args';
import type { PdfPrinter } from './printer';

export interface CdpPrinterOptions {
  /** Default: env CHROMIUM_PATH, else /usr/bin/chromium. */
  readonly executablePath?: string;
  readonly timeoutMs?: number;
}

export interface CdpPrinter extends PdfPrinter {
  close(): Promise<void>;
}

interface Pending {
  resolve: (v: Record<string, unknown>) => void;
  reject: (e: Error) => void;
}

/** One Chromium over its DevTools pipe: commands by id, events to listeners. */
class Pipe {
  private nextId = 1;
  private buffer = '';
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Set<(msg: { method: string; sessionId?: string }) => void>();
  private dead: Error | null = null;

  constructor(
    private readonly out: Writable,
    input: Readable,
  ) {
    input.setEncoding('utf8');
    input.on('data', (chunk: string) => {
      this.buffer += chunk;
      let end: number;
      while ((end = this.buffer.indexOf('\0')) >= 0) {
        const raw = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end + 1);
        this.dispatch(JSON.parse(raw) as { id?: number; method?: string; sessionId?: string; result?: Record<string, unknown>; error?: { message: string } });
      }
    });
    input.on('close', () => this.fail(new Error('Chromium closed its DevTools pipe')));
  }

  private dispatch(msg: { id?: number; method?: string; sessionId?: string; result?: Record<string, unknown>; error?: { message: string } }): void {
    if (msg.id !== undefined) {
      const p = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      if (msg.error) p?.reject(new Error(msg.error.message));
      else p?.resolve(msg.result ?? {});
    } else if (msg.method) {
      for (const l of this.listeners) l({ method: msg.method, ...(msg.sessionId ? { sessionId: msg.sessionId } : {}) });
    }
  }

  fail(e: Error): void {
    this.dead ??= e;
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }

  get alive(): boolean {
    return this.dead === null;
  }

  send(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Record<string, unknown>> {
    if (this.dead) return Promise.reject(this.dead);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.out.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });
  }

  /** Resolves on the next event `method` of `sessionId`. */
  once(method: string, sessionId: string): Promise<void> {
    return new Promise((resolve) => {
      const l = (m: { method: string; sessionId?: string }): void => {
        if (m.method === method && m.sessionId === sessionId) {
          this.listeners.delete(l);
          resolve();
        }
      };
      this.listeners.add(l);
    });
  }
}

interface Warm {
  child: ChildProcess;
  pipe: Pipe;
  sessionId: string;
  profile: string;
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
    }),
  ]);
}

export function createCdpPrinter(options: CdpPrinterOptions = {}): CdpPrinter {
  const executablePath = options.executablePath ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const timeout = options.timeoutMs ?? 60_000;
  let warm: Promise<Warm> | null = null;
  // One print at a time on the one warm page.
  let queue: Promise<unknown> = Promise.resolve();

  const start = async (): Promise<Warm> => {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'kp-pdf-'));
    const child = spawn(executablePath, [...CHROMIUM_ARGS, '--remote-debugging-pipe', '--no-first-run', '--no-default-browser-check', `--user-data-dir=${profile}`, 'about:blank'], {
      stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'],
    });
    const pipe = new Pipe(child.stdio[3] as Writable, child.stdio[4] as Readable);
    child.once('error', (e) => pipe.fail(e));
    child.once('exit', () => pipe.fail(new Error('Chromium exited')));
    const { targetId } = (await pipe.send('Target.createTarget', { url: 'about:blank' })) as { targetId: string };
    const { sessionId } = (await pipe.send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string };
    await pipe.send('Page.enable', {}, sessionId);
    await pipe.send('Emulation.setScriptExecutionDisabled', { value: true }, sessionId);
    await pipe.send('Network.enable', {}, sessionId);
    await pipe.send('Network.emulateNetworkConditions', { offline: true, latency: 0, downloadThroughput: -1, uploadThroughput: -1 }, sessionId);
    return { child, pipe, sessionId, profile };
  };

  const getWarm = (): Promise<Warm> => {
    warm ??= withTimeout(start(), timeout, 'starting Chromium').catch((e: unknown) => {
      warm = null;
      throw new ReportError('print_failed', `Could not start Chromium at ${executablePath}: ${e instanceof Error ? e.message.split('\n')[0] : 'unknown error'}`);
    });
    return warm;
  };

  const printOnce = async (html: string): Promise<Buffer> => {
    let w = await getWarm();
    if (!w.pipe.alive) {
      warm = null;
      w = await getWarm();
    }
    const file = path.join(w.profile, `report-${process.pid}-${Date.now()}.html`);
    fs.writeFileSync(file, html, { mode: 0o600 });
    try {
      const loaded = w.pipe.once('Page.loadEventFired', w.sessionId);
      await w.pipe.send('Page.navigate', { url: pathToFileURL(file).href }, w.sessionId);
      await withTimeout(loaded, timeout, 'loading the report');
      const { data } = (await withTimeout(
        w.pipe.send('Page.printToPDF', { printBackground: true, preferCSSPageSize: true, paperWidth: 8.27, paperHeight: 11.69, generateTaggedPDF: false, generateDocumentOutline: false, transferMode: 'ReturnAsBase64' }, w.sessionId),
        timeout,
        'printing the report',
      )) as { data: string };
      return Buffer.from(data, 'base64');
    } catch (e) {
      throw e instanceof ReportError ? e : new ReportError('print_failed', `Chromium could not print the report: ${e instanceof Error ? e.message.split('\n')[0] : 'unknown error'}`);
    } finally {
      fs.rmSync(file, { force: true });
    }
  };

  return {
    print(html) {
      const run = queue.then(() => printOnce(html));
      queue = run.catch(() => undefined);
      return run;
    },
    async close() {
      const pending = warm;
      warm = null;
      const w = await pending?.catch(() => null);
      if (!w) return;
      await w.pipe.send('Browser.close').catch(() => undefined);
      if (w.child.exitCode === null) await new Promise<void>((r) => {
        const t = setTimeout(() => {
          w.child.kill('SIGKILL');
          r();
        }, 3_000);
        w.child.once('exit', () => {
          clearTimeout(t);
          r();
        });
      });
      fs.rmSync(w.profile, { recursive: true, force: true });
    },
  };
}
