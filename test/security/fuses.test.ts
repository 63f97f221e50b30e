// Electron fuses at packaging: electron-builder.yml, read and schema-checked by electron-builder's own
// loader, turned into the fuse wires its packager flips (the same code path `npm run dist` takes).
// Electron's binary cannot be downloaded here, so the wires are asserted, not read back from a binary.
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(import.meta.dirname, '../..');

interface BuilderConfig {
  electronFuses?: Record<string, unknown> | null;
  asar?: unknown;
}
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig: (this: void, projectDir: string, configPath: string | null, configFromOptions: unknown) => Promise<BuilderConfig>;
  validateConfiguration: (this: void, config: BuilderConfig, debugLogger: { isEnabled: boolean; add(k: string, v: unknown): void }) => Promise<void>;
};
const { PlatformPackager } = require('app-builder-lib') as { PlatformPackager: { prototype: { generateFuseConfig(f: unknown): Promise<Record<string, unknown>> } } };
const { FuseV1Options, FuseVersion } = require('@electron/fuses') as { FuseV1Options: Record<string, string | number>; FuseVersion: Record<string, string | number> };

describe('electron fuses', () => {
  it('electron-builder.yml sets exactly the six fuses, and electron-builder accepts the config', async () => {
    const config = await getConfig(ROOT, path.join(ROOT, 'electron-builder.yml'), null);
    await validateConfiguration(config, { isEnabled: false, add: () => undefined });
    expect(config.asar).toBe(true); // onlyLoadAppFromAsar needs the app in an asar
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('the packager flips exactly those wires (RunAsNode, NODE_OPTIONS, --inspect off; cookies, asar integrity, asar-only on)', async () => {
    const config = await getConfig(ROOT, path.join(ROOT, 'electron-builder.yml'), null);
    const wires = await PlatformPackager.prototype.generateFuseConfig.call({}, config.electronFuses);
    const { version, resetAdHocDarwinSignature, ...set } = wires;
    expect(version).toBe(FuseVersion.V1);
    expect(resetAdHocDarwinSignature).toBeUndefined();
    const o = FuseV1Options;
    expect(set).toEqual({
      [String(o.RunAsNode)]: false,
      [String(o.EnableNodeOptionsEnvironmentVariable)]: false,
      [String(o.EnableNodeCliInspectArguments)]: false,
      [String(o.EnableCookieEncryption)]: true,
      [String(o.EnableEmbeddedAsarIntegrityValidation)]: true,
      [String(o.OnlyLoadAppFromAsar)]: true,
    });
  });
});
