// A fake network ESC/POS printer on loopback for tests: it accepts TCP jobs like a printer on port
// 9100 and parses the byte stream into what a printer would do: initialise, print text runs, print
// GS v 0 raster images (decoded to width × height dots), cut. Unknown commands fail the parse, so an
// encoder change that sends something a printer would not understand is noticed.
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export type PrinterOp =
  | { readonly op: 'init' }
  /** A run of text in one style (GS ! scale, ESC E bold), as received. */
  | { readonly op: 'text'; readonly text: string; readonly scaleW: number; readonly scaleH: number; readonly bold: boolean }
  | { readonly op: 'feed' }
  | { readonly op: 'raster'; readonly width: number; readonly height: number; readonly bits: Uint8Array }
  | { readonly op: 'cut'; readonly partial: boolean }
  | { readonly op: 'style'; readonly command: string; readonly value: number };

export interface ParsedJob {
  readonly ops: readonly PrinterOp[];
  /** Text lines, in order, as the printer would print them. */
  readonly lines: readonly string[];
  readonly rasters: readonly { width: number; height: number; bits: Uint8Array }[];
  readonly cut: boolean;
}

const ESC = 0x1b;
const FS = 0x1c;
const GS = 0x1d;
// Commands with one parameter byte: ESC a/E/M/t/-/d/J/!/G/3/4, GS !/B, FS C.
const ONE_ARG: Record<number, readonly number[]> = {
  [ESC]: [0x61, 0x45, 0x4d, 0x74, 0x2d, 0x64, 0x4a, 0x21, 0x47, 0x33, 0x34, 0x56, 0x72],
  [GS]: [0x21, 0x42],
  [FS]: [0x43],
};
const NO_ARG: Record<number, readonly number[]> = { [ESC]: [0x32], [FS]: [0x2e, 0x26], [GS]: [] };

export function parseEscPos(bytes: Uint8Array): ParsedJob {
  const ops: PrinterOp[] = [];
  const lines: string[] = [];
  let text = '';
  let line = '';
  let scaleW = 1;
  let scaleH = 1;
  let bold = false;
  const flushRun = (): void => {
    if (text) ops.push({ op: 'text', text, scaleW, scaleH, bold });
    line += text;
    text = '';
  };
  const flushText = (): void => {
    flushRun();
    lines.push(line);
    ops.push({ op: 'feed' });
    line = '';
  };
  let i = 0;
  const need = (n: number): void => {
    if (i + n > bytes.length) throw new Error(`truncated command at byte ${i}`);
  };
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    if (b === 0x0a) {
      flushText();
      i++;
    } else if (b === 0x0d) {
      i++;
    } else if (b === ESC || b === FS || b === GS) {
      need(2);
      const c = bytes[i + 1] ?? 0;
      if (b === ESC && c === 0x40) {
        ops.push({ op: 'init' });
        i += 2;
      } else if (b === GS && c === 0x76) {
        flushRun();
        // GS v 0 m xL xH yL yH d1..dk
        need(8);
        if (bytes[i + 2] !== 0x30) throw new Error('GS v: only GS v 0 is known');
        const widthBytes = (bytes[i + 4] ?? 0) + (bytes[i + 5] ?? 0) * 256;
        const height = (bytes[i + 6] ?? 0) + (bytes[i + 7] ?? 0) * 256;
        const size = widthBytes * height;
        need(8 + size);
        ops.push({ op: 'raster', width: widthBytes * 8, height, bits: bytes.slice(i + 8, i + 8 + size) });
        i += 8 + size;
      } else if (b === GS && c === 0x56) {
        need(3);
        const m = bytes[i + 2] ?? 0;
        ops.push({ op: 'cut', partial: m === 1 || m === 0x31 || m === 66 });
        i += m === 65 || m === 66 ? 4 : 3;
      } else if (ONE_ARG[b]?.includes(c)) {
        need(3);
        flushRun();
        const value = bytes[i + 2] ?? 0;
        if (b === GS && c === 0x21) {
          scaleW = (value >> 4) + 1;
          scaleH = (value & 0x0f) + 1;
        }
        if (b === ESC && c === 0x45) bold = value === 1;
        ops.push({ op: 'style', command: `${b.toString(16)} ${String.fromCharCode(c)}`, value });
        i += 3;
      } else if (NO_ARG[b]?.includes(c)) {
        i += 2;
      } else {
        throw new Error(`unknown command ${b.toString(16)} ${c.toString(16)} at byte ${i}`);
      }
    } else if (b < 0x20) {
      throw new Error(`unexpected control byte ${b.toString(16)} at ${i}`);
    } else {
      text += String.fromCharCode(b);
      i++;
    }
  }
  if (text || line) flushText();
  // GS v 0 prints images of at most 255 rows per command: consecutive strips of one image join.
  const rasters: { width: number; height: number; bits: Uint8Array }[] = [];
  let prev: PrinterOp | null = null;
  for (const op of ops) {
    if (op.op === 'raster') {
      const last = rasters.at(-1);
      if (prev?.op === 'raster' && last && last.width === op.width && prev.height === 255) {
        const bits = new Uint8Array(last.bits.length + op.bits.length);
        bits.set(last.bits);
        bits.set(op.bits, last.bits.length);
        rasters[rasters.length - 1] = { width: last.width, height: last.height + op.height, bits };
      } else rasters.push({ width: op.width, height: op.height, bits: op.bits });
    }
    prev = op;
  }
  return { ops, lines, rasters, cut: ops.some((o) => o.op === 'cut') };
}

/** Count of black dots in a raster (a blank image means the text did not render). */
export function blackDots(r: { bits: Uint8Array }): number {
  let n = 0;
  for (const byte of r.bits) for (let v = byte; v; v >>= 1) n += v & 1;
  return n;
}

export type FakePrinterMode =
  /** Takes whole jobs and prints them. */
  | { readonly kind: 'ok' }
  /** Reads this many bytes of a job, then resets the connection (power cut, paper door opened). */
  | { readonly kind: 'close_mid_job'; readonly afterBytes: number };

export interface FakePrinter {
  readonly host: string;
  readonly port: number;
  /** Jobs received whole (connection closed by the sender after the last byte). */
  readonly jobs: ParsedJob[];
  readonly rawJobs: Buffer[];
  connections: number;
  mode: FakePrinterMode;
  /** Resolves when `n` whole jobs have arrived. */
  waitForJobs(n: number, timeoutMs?: number): Promise<ParsedJob[]>;
  stop(): Promise<void>;
}

export async function startFakePrinter(mode: FakePrinterMode = { kind: 'ok' }, port = 0): Promise<FakePrinter> {
  const waiters: { n: number; resolve: () => void }[] = [];
  const sockets = new Set<net.Socket>();
  const printer: FakePrinter = {
    host: '127.0.0.1',
    port: 0,
    jobs: [],
    rawJobs: [],
    connections: 0,
    mode,
    waitForJobs(n, timeoutMs = 10_000) {
      if (printer.jobs.length >= n) return Promise.resolve(printer.jobs.slice(0, n));
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`fake printer: ${printer.jobs.length} of ${n} jobs after ${timeoutMs} ms`)), timeoutMs);
        waiters.push({ n, resolve: () => (clearTimeout(timer), resolve(printer.jobs.slice(0, n))) });
      });
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  const server = net.createServer((socket) => {
    printer.connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    const chunks: Buffer[] = [];
    let received = 0;
    const current = printer.mode;
    socket.on('data', (d: Buffer) => {
      chunks.push(d);
      received += d.length;
      if (current.kind === 'close_mid_job' && received >= current.afterBytes) socket.resetAndDestroy();
    });
    socket.on('error', () => undefined);
    socket.on('end', () => {
      if (current.kind !== 'ok') return;
      const raw = Buffer.concat(chunks);
      printer.rawJobs.push(raw);
      printer.jobs.push(parseEscPos(raw));
      socket.end();
      for (const w of waiters.filter((x) => printer.jobs.length >= x.n)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  (printer as { port: number }).port = (server.address() as AddressInfo).port;
  return printer;
}
