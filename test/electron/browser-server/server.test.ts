// Browser mode's server: the cashier socket needs this run's token and a loopback peer, the display
// socket is read-only, every frame is validated, and static files never leave the renderer folder.
import { rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import path from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TerminalApp } from '../../../electron/app/terminal-app';
import { lanAddress, startBrowserServer, type BrowserServer } from '../../../electron/browser-server/server';
import { FlagError, defaultDataDir, parseStartFlags } from '../../../electron/app/start-flags';
import { BRIDGE_CLOSE_STALE_LINK } from '../../../shared';
import { tempDir } from '../../support/temp';
import { terminalApps } from '../../support/terminal-app';
import { waitFor } from '../../support/wait';

let dir: string;
let app: TerminalApp;
let server: BrowserServer;
const apps = terminalApps('server', { scope: 'file' });

beforeAll(async () => {
  dir = tempDir('server').dir;
  const staticDir = path.join(dir, 'static');
  const dataDir = path.join(dir, 'data');
  await import('node:fs').then((fs) => fs.mkdirSync(staticDir));
  writeFileSync(path.join(staticDir, 'cashier.html'), '<!doctype html><title>c</title>');
  writeFileSync(path.join(staticDir, 'display.html'), '<!doctype html><title>d</title>');
  writeFileSync(path.join(dir, 'secret.txt'), 'outside');
  app = await apps.open({ dataDir });
  server = await startBrowserServer({ app, staticDir, port: 0 });
});
afterAll(async () => {
  await server.close();
  await apps.closeAll();
  rmSync(dir, { recursive: true, force: true });
});

function socket(query: string, origin?: string): Promise<{ ws: WebSocket; frames: unknown[]; closed: Promise<number> } | { refused: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/bridge?${query}`, origin ? { origin } : {});
    const frames: unknown[] = [];
    const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)));
    ws.on('message', (d: Buffer) => frames.push(JSON.parse(d.toString('utf8'))));
    ws.on('open', () => resolve({ ws, frames, closed }));
    ws.on('unexpected-response', (_q, res) => resolve({ refused: res.statusCode ?? 0 }));
    ws.on('error', () => resolve({ refused: -1 }));
  });
}

async function call(ws: WebSocket, frames: unknown[], id: number, channel: string, input: unknown): Promise<unknown> {
  ws.send(JSON.stringify({ type: 'call', id, channel, input }));
  const hit = await waitFor(() => frames.find((f) => (f as { id?: number }).id === id), `the answer to call ${id} (${channel})`, 2_000);
  return (hit as { result: unknown }).result;
}

describe('browser mode server', () => {
  it('prints a cashier URL with a token in the fragment and a display URL without one', () => {
    expect(server.cashierUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/cashier\.html#token=[\w-]{20,}$/);
    expect(server.displayUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/display\.html$/);
  });

  it('refuses a cashier socket without the right token or from another origin', async () => {
    const token = new URL(server.cashierUrl).hash.slice('#token='.length);
    expect(await socket('role=cashier')).toEqual({ refused: 403 });
    // Another token from this machine and site: closed at once as a stale link, never a cashier.
    const wrong = await socket('role=cashier&token=wrong');
    if (!('ws' in wrong)) throw new Error('a wrong token must get the stale-link close, not a refusal');
    expect(await wrong.closed).toBe(BRIDGE_CLOSE_STALE_LINK);
    expect(wrong.frames).toEqual([]);
    expect(await socket(`role=cashier&token=${token}`, 'https://evil.example')).toEqual({ refused: 403 });
    expect(await socket('role=cashier&token=wrong', 'https://evil.example')).toEqual({ refused: 403 });
    const ok = await socket(`role=cashier&token=${token}`, `http://127.0.0.1:${server.port}`);
    expect('ws' in ok).toBe(true);
    if ('ws' in ok) {
      expect(await call(ok.ws, ok.frames, 1, 'settings:get', {})).toMatchObject({ ok: true, value: { country: 'SG' } });
      expect(await call(ok.ws, ok.frames, 2, 'sale:start', { amount: -5, currency: 'SGD' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      ok.ws.close();
    }
  });

  it('keeps the display read-only and closes a socket that sends a malformed frame', async () => {
    const d = await socket('role=display');
    if (!('ws' in d)) throw new Error('display refused');
    expect(await call(d.ws, d.frames, 1, 'display:get', {})).toMatchObject({ ok: true, value: { screen: 'idle' } });
    expect(await call(d.ws, d.frames, 2, 'settings:get', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const closed = new Promise<number>((r) => d.ws.on('close', (code) => r(code)));
    d.ws.send('{"type":"call","id":"x"}');
    expect(await closed).toBe(1008);
  });

  it('serves the pages with a CSP and never a file outside the renderer folder', async () => {
    const base = `http://127.0.0.1:${server.port}`;
    const page = await fetch(`${base}/cashier.html`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/settings.json']) {
      expect((await fetch(`${base}${p}`)).status, p).toBe(404);
    }
  });
});

describe('start flags', () => {
  it('accepts --port, --data and --browser, and refuses anything else with a clear message', () => {
    expect(parseStartFlags(['--port', '8080', '--data', '/tmp/shop', '--browser'])).toEqual({ port: 8080, dataDir: '/tmp/shop', browser: true, newCashierLink: false });
    expect(parseStartFlags(['--port=0'], { HOME: '/home/k' }, 'linux')).toEqual({ port: 0, dataDir: '/home/k/.config/kakaopay-counter', browser: false, newCashierLink: false });
    // No --port: browser mode reuses the last run's port; --new-cashier-link makes a new token.
    expect(parseStartFlags(['--new-cashier-link', '--data', '/tmp/shop'])).toEqual({ dataDir: '/tmp/shop', browser: false, newCashierLink: true });
    expect(() => parseStartFlags(['--port', '70000'])).toThrow(FlagError);
    expect(() => parseStartFlags(['--port', 'abc'])).toThrow(/port/);
    expect(() => parseStartFlags(['--data'])).toThrow(/needs a value/);
    expect(() => parseStartFlags(['--evil'])).toThrow(/Unknown flag --evil/);
    expect(() => parseStartFlags(['stray'])).toThrow(/Unexpected argument/);
    // The Electron shell keeps only its own flags among Chromium's switches.
    const electronArgv = ['--inspect=9229', '--remote-debugging-port', '9222', '--data=/tmp/shop', '--no-sandbox', '--port', '81'];
    expect(parseStartFlags(electronArgv, {}, 'linux', { others: 'ignore' })).toEqual({ port: 81, dataDir: '/tmp/shop', browser: false, newCashierLink: false });
    expect(() => parseStartFlags(['--data'], {}, 'linux', { others: 'ignore' })).toThrow(/--data needs a value/);
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\k\\AppData\\Roaming', HOME: 'C:\\Users\\k' }, 'win32')).toContain('kakaopay-counter');
    expect(defaultDataDir({ HOME: '/Users/k' }, 'darwin')).toBe('/Users/k/Library/Application Support/kakaopay-counter');
  });
});

describe('DNS rebinding: only the server own host names', () => {
  /** A GET with the given Host header (fetch cannot set Host), answered with its status. */
  function getWithHost(port: number, hostHeader: string, path = '/display.html'): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path, headers: { host: hostHeader } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
  }
  /** A display socket upgrade with the given Host header (and the matching Origin a page there would send). */
  function upgradeWithHost(port: number, hostHeader: string): Promise<number> {
    return new Promise((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/bridge?role=display`, { headers: { host: hostHeader }, origin: `http://${hostHeader}` });
      ws.on('open', () => {
        ws.close();
        resolve(101);
      });
      ws.on('unexpected-response', (_q, res) => resolve(res.statusCode ?? 0));
      ws.on('error', () => resolve(-1));
    });
  }

  it('accepts 127.0.0.1:<port> and localhost:<port>, refuses evil.example:<port> and the LAN address for HTTP and the websocket', async () => {
    const port = server.port;
    const lan = lanAddress();
    for (const ok of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`]) {
      expect(await getWithHost(port, ok), ok).toBe(200);
      expect(await upgradeWithHost(port, ok), ok).toBe(101);
    }
    const refused = [`evil.example:${port}`, 'evil.example', `127.0.0.1:${port + 1}`, `127.0.0.1`, `localhost.evil.example:${port}`, ...(lan ? [`${lan}:${port}`] : [])];
    for (const bad of refused) {
      expect(await getWithHost(port, bad), bad).toBe(421);
      expect(await upgradeWithHost(port, bad), bad).toBe(403);
    }
  });

  it('accepts the LAN address only while display sharing is on', async () => {
    const lan = lanAddress();
    // This machine must have a LAN address for the claim to mean anything (CI has one: eth0).
    expect(lan).not.toBeNull();
    const shared = await startBrowserServer({ app, staticDir: path.join(dir, 'static'), port: 0, shareDisplay: true });
    try {
      const host = `${lan}:${shared.port}`;
      expect(shared.displayUrl).toBe(`http://${host}/display.html`);
      expect(await getWithHost(shared.port, host)).toBe(200);
      expect(await upgradeWithHost(shared.port, host)).toBe(101);
      expect(await getWithHost(shared.port, `evil.example:${shared.port}`)).toBe(421);
      expect(await upgradeWithHost(shared.port, `evil.example:${shared.port}`)).toBe(403);
    } finally {
      await shared.close();
    }
  });
});
