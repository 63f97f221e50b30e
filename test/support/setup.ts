// Loaded before every test file (vitest.config.ts setupFiles): after the file, remove the folders and
// stop the servers it registered with atFileEnd.
import { afterAll } from 'vitest';
import { runFileCleanups } from './cleanup';

afterAll(runFileCleanups, 60_000);
