// Sends a job to a network ESC/POS printer over raw TCP (port 9100, "JetDirect"). A printer that is
// off, unreachable, too slow, or that closes the connection before taking the whole job is reported
// as a typed error; the caller (the print queue) keeps the job and retries.
import net from 'node:net';

export type PrinterErrorCode =
  | 'printer_not_configured'
  | 'printer_unreachable' // refused, no route, DNS failure
  | 'printer_timeout' // no connection, or the printer stopped taking data (off, out of paper, buffer full)
  | 'printer_closed' // the printer closed or reset the connection before the job was sent
  | 'printer_failed'; // OS printer said no, or anything else

export class PrinterError extends Error {
  override readonly name = 'PrinterError';
  constructor(
    readonly code: PrinterErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface NetworkPrinterTarget {
  readonly host: string;
  readonly port: number;
  /** Default 3 s. */
  readonly connectTimeoutMs?: number;
  /** Longest wait for the printer to take the next chunk; default 10 s. */
  readonly writeTimeoutMs?: number;
}

const where = (t: NetworkPrinterTarget): string => `${t.host}:${t.port}`;

/** Resolves once every byte was handed to the printer and the connection was closed cleanly. */
export function sendToNetworkPrinter(target: NetworkPrinterTarget, bytes: Uint8Array): Promise<void> {
  if (!target.host) return Promise.reject(new PrinterError('printer_not_configured', 'No network printer is set in Settings.'));
  const connectTimeout = target.connectTimeoutMs ?? 3_000;
  const writeTimeout = target.writeTimeoutMs ?? 10_000;
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    let connected = false;
    let timer: NodeJS.Timeout | null = null;
    const socket = net.connect({ host: target.host, port: target.port });
    socket.setNoDelay(true);
    const arm = (ms: number, onFire: () => PrinterError): void => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => fail(onFire()), ms);
    };
    const finish = (err: PrinterError | null): void => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      if (err) {
        socket.destroy();
        reject(err);
      } else resolve();
    };
    const fail = (err: PrinterError): void => finish(err);

    arm(connectTimeout, () => new PrinterError('printer_timeout', `The printer at ${where(target)} did not answer within ${connectTimeout / 1000} s.`));
    socket.once('connect', () => {
      connected = true;
      arm(writeTimeout, () => new PrinterError('printer_timeout', `The printer at ${where(target)} stopped taking data (off, out of paper or busy?).`));
      // Writes in chunks so a stalled printer is noticed while the job is still being sent.
      const chunk = 16_384;
      let offset = 0;
      const pump = (): void => {
        while (offset < bytes.length) {
          const part = bytes.subarray(offset, offset + chunk);
          offset += part.length;
          if (!socket.write(part)) {
            socket.once('drain', () => {
              arm(writeTimeout, () => new PrinterError('printer_timeout', `The printer at ${where(target)} stopped taking data (off, out of paper or busy?).`));
              pump();
            });
            return;
          }
        }
        socket.end();
      };
      pump();
    });
    // 'finish': every byte flushed to the kernel and our FIN sent; 'close' follows when the printer closes.
    socket.once('finish', () => {
      arm(writeTimeout, () => new PrinterError('printer_timeout', `The printer at ${where(target)} did not finish the job.`));
    });
    socket.once('close', (hadError) => {
      if (settled) return;
      if (!hadError && socket.writableFinished) finish(null);
      else fail(new PrinterError('printer_closed', `The printer at ${where(target)} closed the connection before the job was sent.`));
    });
    socket.on('error', (e: NodeJS.ErrnoException) => {
      if (!connected) {
        const code = e.code === 'ETIMEDOUT' ? 'printer_timeout' : 'printer_unreachable';
        fail(new PrinterError(code, `The printer at ${where(target)} cannot be reached (${e.code ?? 'network error'}). Is it on and connected?`));
      } else {
        fail(new PrinterError('printer_closed', `The printer at ${where(target)} dropped the connection mid-job (${e.code ?? 'error'}).`));
      }
    });
  });
}
