// Issue 21 pt 6: a packaged release refuses remote debugging, the inspector and DevTools unless it was
// built as a developer build; the Linux `basic_text` safeStorage backend is not taken for a keychain.
import { buildSync } from 'esbuild';
import path from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { devToolsAllowed, refusedDebugSwitches } from '../../../electron/shell/debug-policy';
import { keychainProtects } from '../../../electron/shell/keychain';
import { secureWebPreferences } from '../../../electron/shell/security';

const release = { packaged: true, developerBuild: false, env: { KAKAOPAY_DEVTOOLS: '1' } };
const ARGV = ['/opt/KakaoPay Counter/kakaopay-counter', '--remote-debugging-port=9222', '--inspect=9229', '--inspect-brk', '--remote-debugging-pipe', '--data-dir=/var/lib/x', '--remote-allow-origins=*'];

describe('debugging a packaged terminal', () => {
  it('a packaged release refuses every debugging switch and DevTools, even with KAKAOPAY_DEVTOOLS=1', () => {
    expect(refusedDebugSwitches(ARGV, release)).toEqual(['--remote-debugging-port', '--inspect', '--inspect-brk', '--remote-debugging-pipe', '--remote-allow-origins']);
    expect(devToolsAllowed(release)).toBe(false);
  });

  it('a developer build, or an unpackaged run (npm start), allows them; DevTools still only with KAKAOPAY_DEVTOOLS=1', () => {
    for (const run of [{ ...release, developerBuild: true }, { ...release, packaged: false }]) {
      expect(refusedDebugSwitches(ARGV, run)).toEqual([]);
      expect(devToolsAllowed(run)).toBe(true);
      expect(devToolsAllowed({ ...run, env: {} })).toBe(false);
    }
    // Under plain Node (not Electron) nothing is packaged: the window preferences follow the env.
    expect(secureWebPreferences('/x/preload.cjs').devTools).toBe(process.env.KAKAOPAY_DEVTOOLS === '1');
  });

  it('the switch is fixed at build time: the bundle says false unless KAKAOPAY_DEVELOPER_BUILD=1 (scripts/build.mjs)', () => {
    const entry = path.resolve(import.meta.dirname, '../../../electron/shell/debug-policy.ts');
    const bundled = (flag: string | undefined): boolean => {
      const out = buildSync({ entryPoints: [entry], bundle: true, write: false, format: 'cjs', platform: 'node', define: { __KAKAOPAY_DEVELOPER_BUILD__: flag === '1' ? 'true' : 'false' } });
      const mod = { exports: {} as { DEVELOPER_BUILD?: boolean } };
      runInNewContext(out.outputFiles[0]?.text ?? '', { module: mod, exports: mod.exports, process });
      return mod.exports.DEVELOPER_BUILD === true;
    };
    expect(bundled(undefined)).toBe(false);
    expect(bundled('1')).toBe(true);
  });
});

describe('the Linux secret store', () => {
  it('refuses basic_text (and an undetermined backend); a real keychain is used', () => {
    expect(keychainProtects('linux', true, 'basic_text')).toBe(false);
    expect(keychainProtects('linux', true, 'unknown')).toBe(false);
    expect(keychainProtects('linux', true, 'gnome_libsecret')).toBe(true);
    expect(keychainProtects('linux', true, 'kwallet5')).toBe(true);
    expect(keychainProtects('linux', false, 'gnome_libsecret')).toBe(false);
    expect(keychainProtects('darwin', true, undefined)).toBe(true);
    expect(keychainProtects('win32', false, undefined)).toBe(false);
  });
});
