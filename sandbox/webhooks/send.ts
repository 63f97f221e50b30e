// One webhook POST over http or https, with a timeout. Never throws: the outcome is recorded as a delivery.
import http from 'node:http';
import https from 'node:https';

export interface SendResult {
  readonly status: number; // 0 when there was no HTTP response
  readonly error: string | null;
}

export function postJson(uri: string, body: string, headers: Record<string, string>, timeoutMs: number, signal: AbortSignal): Promise<SendResult> {
  return new Promise((resolve) => {
    let url: URL;
    try {
      url = new URL(uri);
    } catch {
      resolve({ status: 0, error: 'invalid endpoint URL' });
      return;
    }
    const mod = url.protocol === 'https:' ? https : http;
    let settled = false;
    const done = (r: SendResult): void => {
      if (settled) return;
      settled = true;
      resolve(r);
    };
    const req = mod.request(
      url,
      {
        method: 'POST',
        signal,
        headers: { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)), 'User-Agent': 'OpnSandbox-Webhook/1.0', ...headers },
      },
      (res) => {
        res.resume();
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          done({ status, error: status >= 200 && status < 300 ? null : `endpoint answered HTTP ${status}` });
        });
        res.on('error', (err) => done({ status: res.statusCode ?? 0, error: err.message }));
      },
    );
    req.setTimeout(timeoutMs, () => {
      req.destroy();
      done({ status: 0, error: `no response within ${timeoutMs} ms` });
    });
    req.on('error', (err: NodeJS.ErrnoException) => done({ status: 0, error: err.code ?? err.message }));
    req.end(body);
  });
}
