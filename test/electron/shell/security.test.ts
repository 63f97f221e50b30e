// The desktop window's security settings, asserted without launching Electron.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { appPageRole, appResponseHeaders, externalUrlAllowed, secureWebPreferences, trustedSender } from '../../../electron/shell/security';

const rendererDir = path.resolve('/opt/kakaopay/resources/app/dist/renderer');
const page = (name: string): string => pathToFileURL(path.join(rendererDir, name)).href;

describe('window security settings', () => {
  it('every window is sandboxed and isolated, with no Node and no webview', () => {
    const prefs = secureWebPreferences('/x/preload.cjs');
    expect(prefs).toMatchObject({
      preload: '/x/preload.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
    });
  });

  it('the CSP header on our pages allows only the app itself (no remote scripts, frames, forms or plugins)', () => {
    for (const name of ['cashier.html', 'display.html']) {
      const headers = appResponseHeaders(page(name), { 'content-security-policy': ['default-src *'], 'X-Other': ['1'] }, rendererDir);
      expect(headers?.['X-Other']).toEqual(['1']);
      expect(headers?.['content-security-policy']).toBeUndefined();
      const [csp] = headers?.['Content-Security-Policy'] ?? [];
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self';");
      expect(csp).toContain("connect-src 'self';");
      expect(csp).toContain("form-action 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toMatch(/unsafe-eval|unsafe-inline|ws:/);
      // Only the customer display frames anything: the hosted checkout's https hosts and the demo's loopback sandbox.
      const frames = /frame-src ([^;]*)/.exec(csp ?? '')?.[1] ?? '';
      if (name === 'cashier.html') expect(frames).toBe("'none'");
      else for (const source of frames.split(' ')) expect(source).toMatch(/^(https:\/\/(\*\.)?[a-z0-9.-]+|http:\/\/(127\.0\.0\.1|localhost):\*)$/);
      expect(csp?.replace(/frame-src [^;]*/, '')).not.toMatch(/https?:\/\/|\*/);
    }
  });

  it('leaves the headers of any other page (a hosted checkout in its own view) as its server sent them', () => {
    const theirs = { 'Content-Security-Policy': ["frame-ancestors 'self'"] };
    expect(appResponseHeaders('https://pay.example/checkout', theirs, rendererDir)).toBe(theirs);
    expect(appResponseHeaders('file:///etc/cashier.html', theirs, rendererDir)).toBe(theirs);
  });

  it('recognises only its own two pages as trusted IPC senders, in main frames', () => {
    expect(appPageRole(page('cashier.html'), rendererDir)).toBe('cashier');
    expect(appPageRole(page('display.html'), rendererDir)).toBe('display');
    expect(appPageRole(`${page('cashier.html')}?x=1#t`, rendererDir)).toBe('cashier');
    for (const spoof of [
      'https://evil.example/cashier.html',
      'file://evil-host' + page('cashier.html').slice('file://'.length),
      pathToFileURL('/tmp/cashier.html').href,
      page('../cashier.html'),
      page('assets/cashier.html'),
      'data:text/html,<p>x',
      'not a url',
    ]) {
      expect(appPageRole(spoof, rendererDir), spoof).toBeNull();
    }
    expect(trustedSender({ url: page('cashier.html'), parent: null }, rendererDir)).toBe('cashier');
    expect(trustedSender({ url: page('cashier.html'), parent: {} }, rendererDir)).toBeNull();
    expect(trustedSender(null, rendererDir)).toBeNull();
  });

  it('opens only https links externally (and the loopback sandbox page in demo mode)', () => {
    expect(externalUrlAllowed('https://dashboard.omise.co/', { allowLoopbackHttp: false })).toBe(true);
    expect(externalUrlAllowed('http://example.com/', { allowLoopbackHttp: true })).toBe(false);
    expect(externalUrlAllowed('http://127.0.0.1:4000/payments/x/authorize', { allowLoopbackHttp: false })).toBe(false);
    expect(externalUrlAllowed('http://127.0.0.1:4000/payments/x/authorize', { allowLoopbackHttp: true })).toBe(true);
    for (const bad of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'https://user:pw@example.com/', 'nonsense']) {
      expect(externalUrlAllowed(bad, { allowLoopbackHttp: true }), bad).toBe(false);
    }
  });
});
