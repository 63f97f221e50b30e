// The LAN listener: HTTPS with the per-install certificate, whose SHA-256 fingerprint Settings shows and
// the till pins (a real TLS socket); plain HTTP stays on loopback; the certificate survives a restart;
// the file holding keys and the certificate's private key is 0600.
import { statSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { posTerminalSchema } from '../../../shared';
import { call, PosApiError } from '../../../tools/pos-till/client';
import { startPosRig, type PosRig } from './rig';

let t: PosRig | null = null;
afterEach(async () => {
  await t?.stop();
  t = null;
});

const peerFingerprint = (port: number): Promise<string> =>
  new Promise((resolve, reject) => {
    const s = connect({ host: '127.0.0.1', port, rejectUnauthorized: false }, () => {
      resolve(s.getPeerCertificate().fingerprint256);
      s.end();
    });
    s.once('error', reject);
  });

describe('POS link over HTTPS on the LAN', () => {
  it('serves the API over TLS with the certificate whose fingerprint the status shows; a till pinning it gets through, another pin is refused before sending', async () => {
    t = await startPosRig({ session: { lanHost: '127.0.0.1', httpsPort: 0 } });
    const status = await t.session.control.configure({ enabled: true, allowLan: true });
    expect(status.state).toBe('listening');
    expect(status.certFingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    const lan = status.lanUrls[0]!;
    expect(lan).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const port = Number(new URL(lan).port);
    expect(await peerFingerprint(port)).toBe(status.certFingerprint);

    const ok = await call({ url: lan, apiKey: t.key, fingerprint: status.certFingerprint! }, 'GET', '/v1/terminal', posTerminalSchema);
    expect(ok.data.currency).toBe('SGD');
    const wrong = '00:' + status.certFingerprint!.slice(3);
    const refused = await call({ url: lan, apiKey: t.key, fingerprint: wrong }, 'GET', '/v1/terminal', posTerminalSchema).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PosApiError);
    expect(refused).toMatchObject({ code: 'fingerprint_mismatch' });
    // Plain HTTP is never offered on the LAN port.
    await expect(fetch(`http://127.0.0.1:${port}/v1/terminal`)).rejects.toThrow();
  });

  it('keeps its certificate across restarts; turning the LAN off closes the port; the file is 0600', async () => {
    t = await startPosRig({ session: { lanHost: '127.0.0.1', httpsPort: 0 } });
    const before = await t.session.control.configure({ enabled: true, allowLan: true });
    const session = await t.restart({ lanHost: '127.0.0.1', httpsPort: 0 });
    const after = session.control.status();
    expect(after.config).toMatchObject({ enabled: true, allowLan: true });
    expect(after.certFingerprint).toBe(before.certFingerprint);
    const port = Number(new URL(after.lanUrls[0]!).port);
    expect(await peerFingerprint(port)).toBe(before.certFingerprint);
    const off = await session.control.configure({ enabled: true, allowLan: false });
    expect(off.lanUrls).toEqual([]);
    await expect(peerFingerprint(port)).rejects.toThrow();
    expect(statSync(t.dbFile).mode & 0o777).toBe(0o600);
    const disabled = await session.control.configure({ enabled: false, allowLan: false });
    expect(disabled).toMatchObject({ state: 'off', loopbackUrl: null });
    await expect(fetch(`${t.base}/v1/terminal`)).rejects.toThrow();
  });

  it('the loopback listener refuses other host names (DNS rebinding) and browser origins', async () => {
    t = await startPosRig();
    // fetch may not set Host: a raw request, as a rebound browser's would arrive.
    const port = Number(new URL(t.base).port);
    const rebinding = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/v1/terminal', headers: { host: `evil.example:${port}`, authorization: `Bearer ${t!.key}` } }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.once('error', reject);
      req.end();
    });
    expect(rebinding.status).toBe(403);
    expect(JSON.parse(rebinding.body)).toMatchObject({ error: { code: 'forbidden' } });
    const browser = await t.api('GET', '/v1/terminal', { headers: { origin: 'https://evil.example' } });
    expect(browser.body).toMatchObject({ error: { code: 'forbidden' } });
  });
});
