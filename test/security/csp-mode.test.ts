// Issue 21 pt 6: the display's frame policy follows the terminal's mode. Live: only the https checkout
// hosts; the demo's loopback sandbox only while the demo runs, and the display page learns "demo" from
// the policy it was served with, never from the payment link.
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { serveStatic } from '../../electron/browser-server/static-files';
import { DEMO_FRAME_SOURCES, metaCspOf, pageCsp, policyAllowsDemoFrames } from '../../shared';
import { tempDir } from '../support/temp';

const frameSrc = (policy: string): string => policy.split('; ').find((d) => d.startsWith('frame-src ')) ?? '';

describe('the display frame policy follows the mode', () => {
  it('live allows no loopback frame; the demo adds exactly the loopback sandbox; the cashier frames nothing either way', () => {
    const live = pageCsp('display');
    const demo = pageCsp('display', { demo: true });
    expect(frameSrc(live)).not.toMatch(/127\.0\.0\.1|localhost|http:/);
    expect(frameSrc(live)).toMatch(/^frame-src https:\/\//);
    expect(frameSrc(demo)).toBe(`${frameSrc(live)} ${DEMO_FRAME_SOURCES.join(' ')}`);
    expect(frameSrc(pageCsp('cashier', { demo: true }))).toBe("frame-src 'none'");
    expect(policyAllowsDemoFrames(live)).toBe(false);
    expect(policyAllowsDemoFrames(demo)).toBe(true);
    expect(policyAllowsDemoFrames(null)).toBe(false);
  });

  it('browser mode serves the display with the policy of the current mode, header and meta tag alike', async () => {
    const root = tempDir('csp-mode').dir;
    writeFileSync(`${root}/display.html`, '<!doctype html><html><head><meta charset="utf-8" /></head><body></body></html>');
    let demo = false;
    const server = createServer((req, res) => void serveStatic(root, req, res, { demo }));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/display.html`;
    try {
      for (const mode of [false, true]) {
        demo = mode;
        const res = await fetch(url);
        const header = res.headers.get('content-security-policy') ?? '';
        expect(metaCspOf(await res.text())).toBe(header);
        expect(policyAllowsDemoFrames(header)).toBe(mode);
      }
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
