// The slow project's global setup: the renderer (vite build of the cashier and display pages) built once
// per run, for every browser suite, instead of once per file (seconds each, a dozen files). Files read it
// through buildRenderer() (test/e2e/stack.ts), which builds its own when run without this setup.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A built renderer shared by the run's files; they must not change or remove it. */
    rendererDir: string;
  }
}

const ROOT = path.resolve(import.meta.dirname, '../..');

export default async function setup(project: TestProject): Promise<() => void> {
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'kp-renderer-shared-'));
  await build({ configFile: path.join(ROOT, 'vite.config.ts'), logLevel: 'error', build: { outDir, emptyOutDir: true } });
  project.provide('rendererDir', outDir);
  return () => rmSync(outDir, { recursive: true, force: true });
}
