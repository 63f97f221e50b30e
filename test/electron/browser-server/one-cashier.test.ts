// One cashier page at a time in browser mode (issue 12, point 6): a second cashier socket is closed with
// IN_USE and hears nothing; one that asks to take over replaces the first, which is closed with
// TAKEN_OVER and can neither call nor hear anything after. The customer display is never limited.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRIDGE_CLOSE_IN_USE, BRIDGE_CLOSE_STALE_LINK, BRIDGE_CLOSE_TAKEN_OVER } from '../../../shared';
import type { TerminalApp } from '../../../electron/app/terminal-app';
import { startBrowserServer, type BrowserServer } from '../../../electron/browser-server/server';
import { tempDir } from '../../support/temp';
import { terminalApps } from '../../support/terminal-app';
import { waitFor } from '../../support/wait';

let dir: string;
let app: TerminalApp;
let server: BrowserServer;
const apps = terminalApps('one-cashier', { scope: 'file' });
let token: string;

beforeAll(async () => {
  dir = tempDir('one-cashier').dir;
  const staticDir = path.join(dir, 'static');
  mkdirSync(staticDir);
  writeFileSync(path.join(staticDir, 'cashier.html'), '<!doctype html><title>c</title>');
  app = await apps.open({ dataDir: path.join(dir, 'data') });
  server = await startBrowserServer({ app, staticDir, port: 0 });
  token = new URL(server.cashierUrl).hash.slice('#token='.length);
});
afterAll(async () => {
  await server.close();
  await apps.closeAll();
  rmSync(dir, { recursive: true, force: true });
});

interface Page {
  ws: WebSocket;
  frames: { type: string; id?: number; event?: string; result?: unknown }[];
  closed: Promise<number>;
}

function open(query: string): Promise<Page> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/bridge?${query}`);
    const frames: Page['frames'] = [];
    const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)));
    ws.on('message', (d: Buffer) => frames.push(JSON.parse(d.toString('utf8')) as Page['frames'][number]));
    ws.on('open', () => resolve({ ws, frames, closed }));
    ws.on('error', reject);
  });
}

async function call(page: Page, id: number, channel: string): Promise<unknown> {
  page.ws.send(JSON.stringify({ type: 'call', id, channel, input: {} }));
  const hit = await waitFor(() => page.frames.find((f) => f.id === id), `the answer to call ${id}`, 2_000);
  return hit.result;
}

describe('one cashier page at a time', () => {
  it('refuses a second cashier page, lets a third take over explicitly, and the first is told and goes quiet', async () => {
    const first = await open(`role=cashier&token=${token}`);
    await waitFor(() => first.frames.find((f) => f.type === 'hello'), 'hello');
    expect(await call(first, 1, 'settings:get')).toMatchObject({ ok: true });

    const second = await open(`role=cashier&token=${token}`);
    expect(await second.closed).toBe(BRIDGE_CLOSE_IN_USE);
    expect(second.frames).toEqual([]);
    // The display is read-only and never limited.
    const display = await open('role=display');
    await waitFor(() => display.frames.find((f) => f.type === 'hello'), 'display hello');

    // The first page is still the cashier.
    expect(await call(first, 2, 'settings:get')).toMatchObject({ ok: true });

    const third = await open(`role=cashier&token=${token}&takeover=1`);
    expect(await first.closed).toBe(BRIDGE_CLOSE_TAKEN_OVER);
    await waitFor(() => third.frames.find((f) => f.type === 'hello'), 'hello on the page that took over');
    expect(await call(third, 1, 'settings:get')).toMatchObject({ ok: true });
    // Events reach the new page only.
    const heardBefore = first.frames.length;
    await app.invoke('settings:update', { managerPin: '582901', shopName: 'Takeover Deli' });
    await waitFor(() => third.frames.find((f) => f.event === 'settings:changed'), 'settings:changed on the new page');
    expect(first.frames.length).toBe(heardBefore);
    // With the cashier page gone, the next one opens normally.
    third.ws.close();
    await third.closed;
    const fourth = await open(`role=cashier&token=${token}`);
    await waitFor(() => fourth.frames.find((f) => f.type === 'hello'), 'hello after the cashier page closed');
    fourth.ws.close();
    display.ws.close();
  });

  it('a takeover request still needs the token: another token is closed as a stale link and moves nothing', async () => {
    const first = await open(`role=cashier&token=${token}`);
    await waitFor(() => first.frames.find((f) => f.type === 'hello'), 'hello');
    const stale = await open('role=cashier&token=wrong&takeover=1');
    expect(await stale.closed).toBe(BRIDGE_CLOSE_STALE_LINK);
    expect(stale.frames).toEqual([]);
    expect(await call(first, 1, 'settings:get')).toMatchObject({ ok: true });
    await expect(open('role=cashier&takeover=1')).rejects.toThrow(/403/);
    first.ws.close();
    await first.closed;
  });
});
