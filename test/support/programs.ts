// System programs some suites need (redis-server, Chromium). A suite that needs a missing one is
// skipped with the reason and the enabling command in its title, in the form the skip reporter
// (skip-reporter.ts) reads: `[skipped: <reason>; enable: <command>]`.
// TEST_HIDE_PROGRAMS=redis-server,chromium pretends those are missing (to check a fresh machine).
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

function hidden(name: string): boolean {
  return (process.env.TEST_HIDE_PROGRAMS ?? '').split(',').map((s) => s.trim()).includes(name);
}

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Full path of `name` on PATH, or null (also when hidden by TEST_HIDE_PROGRAMS). */
export function findProgram(name: string): string | null {
  if (hidden(name)) return null;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && executable(path.join(dir, name))) return path.join(dir, name);
  }
  return null;
}

export function hasProgram(name: string): boolean {
  return findProgram(name) !== null;
}

/** CHROMIUM_PATH, else /usr/bin/chromium, else chromium or chromium-browser on PATH; null when none (or hidden). */
export function chromiumPath(): string | null {
  if (hidden('chromium')) return null;
  for (const file of [process.env.CHROMIUM_PATH, '/usr/bin/chromium']) if (file && executable(file)) return file;
  return findProgram('chromium') ?? findProgram('chromium-browser');
}

export interface Requirement {
  /** True when the program is missing: pass to describe.skipIf / it.skipIf. */
  readonly missing: boolean;
  /** The title, with `[skipped: …; enable: …]` appended when the program is missing (and `applies`). */
  title(name: string, applies?: boolean): string;
}

function requirement(missing: boolean, reason: string, enable: string): Requirement {
  return { missing, title: (name, applies = true) => (missing && applies ? `${name} [skipped: ${reason}; enable: ${enable}]` : name) };
}

export const CHROMIUM_PATH = chromiumPath();

export const needsChromium: Requirement = requirement(CHROMIUM_PATH === null, 'Chromium not found (CHROMIUM_PATH, /usr/bin/chromium, PATH)', 'apt-get install -y chromium');

/** A Redis: REDIS_URL, or a redis-server on PATH for the suite to start. */
export const needsRedis: Requirement = requirement(!process.env.REDIS_URL && !hasProgram('redis-server'), 'redis-server not found and REDIS_URL unset', 'apt-get install -y redis-server');

/** A redis-server binary of the test's own (it starts, kills and restarts it; REDIS_URL is not enough). */
export const needsRedisServer: Requirement = requirement(!hasProgram('redis-server'), 'redis-server not found (this suite starts and kills its own)', 'apt-get install -y redis-server');

/** nginx: on PATH, else Debian's /usr/sbin/nginx (not on a normal user's PATH); null when none (or hidden). */
export const NGINX_PATH: string | null = findProgram('nginx') ?? (!hidden('nginx') && executable('/usr/sbin/nginx') ? '/usr/sbin/nginx' : null);
export const needsNginx: Requirement = requirement(NGINX_PATH === null, 'nginx not found (PATH, /usr/sbin/nginx)', 'apt-get install -y nginx');
/** redis-server and redis-sentinel binaries of the test's own (a primary, a replica and three sentinels it starts and kills). */
export const needsRedisSentinel: Requirement = requirement(
  !hasProgram('redis-server') || !hasProgram('redis-sentinel'),
  'redis-server or redis-sentinel not found (this suite starts its own primary, replica and sentinels)',
  'apt-get install -y redis-server redis-sentinel',
);

/** poppler-utils (pdftoppm, pdffonts): a PDF drawn by the app rasterised and its embedded fonts listed. */
export const needsPoppler: Requirement = requirement(!hasProgram('pdftoppm') || !hasProgram('pdffonts'), 'pdftoppm or pdffonts not found', 'apt-get install -y poppler-utils');
