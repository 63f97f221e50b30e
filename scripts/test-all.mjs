// `npm run test:all`: every test, none skipped but the Electron-binary one. Installs the Debian
// packages the tests need when they are missing (apt-get as root, else `sudo -n`; otherwise prints the
// exact command and exits 2), starts a redis-server on a free loopback port (REDIS_URL; stopped at
// exit), runs the browser project beside the fast and then the slow one with TEST_REQUIRE_ALL=1 (a skip
// is a failure) and ends with one plain line:
// `tests: N passed, N failed, N skipped`. Extra arguments go to vitest (e.g. a folder).
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SUMMARY = path.join(root, 'test-results/summary.json');

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name) {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => {
    if (dir === '') return false;
    try {
      accessSync(path.join(dir, name), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

function hasChromium() {
  for (const file of [process.env.CHROMIUM_PATH, '/usr/bin/chromium']) {
    try {
      if (file) {
        accessSync(file, constants.X_OK);
        return true;
      }
    } catch {
      // next candidate
    }
  }
  return onPath('chromium') || onPath('chromium-browser');
}

const dpkgHas = (pkg) => spawnSync('dpkg-query', ['-s', pkg], { stdio: 'ignore' }).status === 0;

/** Debian packages the tests need: browser tests, the forwarder on Redis (and Sentinel) and behind nginx, Korean and Thai text in screenshots and PDFs, PDFs read back. */
function missingPackages() {
  const missing = [];
  if (!hasChromium()) missing.push('chromium');
  if (!process.env.REDIS_URL && !onPath('redis-server')) missing.push('redis-server');
  if (!onPath('nginx') && !isExecutable('/usr/sbin/nginx')) missing.push('nginx'); // the forwarder behind its documented proxy
  // the Sentinel failover suite starts its own sentinels (Debian ships them in their own package)
  if (!onPath('redis-sentinel')) missing.push('redis-sentinel');
  // the day's PDF rasterised and its embedded fonts listed (test/support/programs.ts: needsPoppler)
  if (!onPath('pdftoppm') || !onPath('pdffonts')) missing.push('poppler-utils');
  if (onPath('dpkg-query')) for (const font of ['fonts-nanum', 'fonts-thai-tlwg']) if (!dpkgHas(font)) missing.push(font);
  return missing;
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return r.status === 0;
}

function install(packages) {
  const command = `apt-get update && apt-get install -y --no-install-recommends ${packages.join(' ')}`;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const sudo = !isRoot && onPath('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
  if (!onPath('apt-get') || (!isRoot && !sudo)) {
    console.error(`test:all: missing ${packages.join(', ')}. Install them, then run again:\n  sudo sh -c '${command}'`);
    process.exit(2);
  }
  const prefix = sudo ? ['sudo', '-n'] : [];
  console.log(`test:all: installing ${packages.join(' ')}`);
  const [cmd, ...rest] = [...prefix, 'apt-get'];
  if (!run(cmd, [...rest, 'update', '-qq']) || !run(cmd, [...rest, 'install', '-y', '-qq', '--no-install-recommends', ...packages])) {
    console.error(`test:all: installing failed; run it yourself:\n  sudo sh -c '${command}'`);
    process.exit(2);
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

async function waitForPort(port, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise((resolve) => {
      const c = connect(port, '127.0.0.1', () => {
        c.end();
        resolve(true);
      });
      c.on('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`redis-server did not listen on 127.0.0.1:${port} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A throwaway redis-server on loopback; the returned function stops it and removes its folder. */
async function startRedis() {
  const port = await freePort();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kp-test-all-redis-'));
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', stop);
  await waitForPort(port, 15_000);
  return { url: `redis://127.0.0.1:${port}`, stop };
}

const missing = missingPackages();
if (missing.length) install(missing);
const stillMissing = missingPackages();
if (stillMissing.length) {
  console.error(`test:all: still missing after installing: ${stillMissing.join(', ')}`);
  process.exit(2);
}

const env = { ...process.env, TEST_REQUIRE_ALL: '1' };
delete env.TEST_HIDE_PROGRAMS;
let redis = null;
if (!env.REDIS_URL) {
  redis = await startRedis();
  env.REDIS_URL = redis.url;
}

// Two lanes side by side, one core each: the browser project (Chromium, one file at a time) in one, the
// fast project (in-process, one file at a time here) and then the slow one (Redis, process kills, fuzz
// runs; one file at a time) in the other, so that at most two heavy things run at once and the lanes end
// close together. (`npm test`, one `vitest run`, runs the fast project first on both workers, then the
// browser and slow ones side by side: a minute longer, one process.) The browser lane prints live; the other
// lane's output is held and printed in one piece per project, so the two never interleave line by line.
const STREAMS = [
  { name: 'browser', args: ['--project', 'browser'], live: true },
  { name: 'fast', args: ['--project', 'fast', '--maxWorkers', '1'], live: false },
  { name: 'slow', args: ['--project', 'slow'], live: false },
];
const LANES = [['browser'], ['fast', 'slow']];
const summaryOf = (name) => path.join(root, `test-results/summary-${name}.json`);

function runStream({ name, args, live }) {
  rmSync(summaryOf(name), { force: true });
  const started = Date.now();
  const child = spawn(process.execPath, [path.join(root, 'node_modules/vitest/vitest.mjs'), 'run', ...args, '--passWithNoTests', ...process.argv.slice(2)], {
    cwd: root,
    env: { ...env, TEST_SUMMARY_FILE: summaryOf(name) },
    stdio: live ? 'inherit' : ['ignore', 'pipe', 'pipe'],
  });
  const held = [];
  if (!live) for (const stream of [child.stdout, child.stderr]) stream.on('data', (d) => held.push(d));
  const forward = (signal) => child.kill(signal);
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, forward);
  return new Promise((resolve) => {
    child.on('exit', (c, signal) => {
      for (const sig of ['SIGINT', 'SIGTERM']) process.off(sig, forward);
      const took = `${Math.round((Date.now() - started) / 1000)} s`;
      if (!live) process.stdout.write(`\n──── ${name} project (${took}, beside the browser one) ────\n${Buffer.concat(held).toString()}──── end of the ${name} project ────\n\n`);
      else console.log(`──── ${name} project: ${took} ────`);
      resolve(c ?? (signal ? 1 : 0));
    });
  });
}

let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => (interrupted = true));

async function runLane(names) {
  const codes = [];
  for (const name of names) if (!interrupted) codes.push(await runStream(STREAMS.find((x) => x.name === name)));
  return codes;
}

rmSync(SUMMARY, { force: true });
const codes = (await Promise.all(LANES.map(runLane))).flat();
redis?.stop();

const summaries = STREAMS.map(({ name }) => {
  try {
    return JSON.parse(readFileSync(summaryOf(name), 'utf8'));
  } catch {
    return null; // vitest ended before reporting: a failure
  }
});
if (summaries.some((x) => x === null)) {
  const missing = STREAMS.filter((_, i) => summaries[i] === null).map((x) => x.name);
  console.log(`tests: vitest ended without a summary for the ${missing.join(' and ')} project (see above)`);
  process.exit(Math.max(1, ...codes));
}
// One summary for both, where CI's closing check reads it.
const summary = summaries.reduce((a, b) => ({
  passed: a.passed + b.passed,
  failed: a.failed + b.failed,
  skipped: a.skipped + b.skipped,
  forbiddenSkips: a.forbiddenSkips + b.forbiddenSkips,
  skips: [...a.skips, ...b.skips],
}));
mkdirSync(path.dirname(SUMMARY), { recursive: true });
writeFileSync(SUMMARY, `${JSON.stringify(summary, null, 2)}\n`);
console.log(`tests: ${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped`);
process.exit(codes.some((c) => c !== 0) || summary.failed > 0 || summary.forbiddenSkips > 0 ? 1 : 0);
