// `node scripts/repeat-tests.mjs N [--install] [--keep]`: clones this repository's committed HEAD into a
// temporary folder and runs `npm test` there N times in a row, stopping at the first failure, then prints
// a tally (runs, passes, the failing run, each run's time). How the "20 consecutive clean-clone runs" of
// issue #19 are made: `node scripts/repeat-tests.mjs 20`.
// The clone gets this checkout's node_modules as a hard-linked copy (cp -al: seconds, no network); with
// --install it runs `npm ci` instead (the registry must be reachable). Uncommitted changes are not in the
// clone. The environment passes through (e.g. TEST_HIDE_PROGRAMS=redis-server,chromium to play a machine
// without them). Each run's output goes to <clone>/repeat-<i>.log; the clone is removed at the end unless
// --keep or a run failed (its log is worth reading).
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values, positionals } = parseArgs({ allowPositionals: true, options: { install: { type: 'boolean' }, keep: { type: 'boolean' } } });
const runs = Number(positionals[0] ?? '1');
if (!Number.isInteger(runs) || runs < 1) {
  console.error('usage: node scripts/repeat-tests.mjs N [--install] [--keep]   (N >= 1 runs of npm test in a fresh clone)');
  process.exit(2);
}

function must(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.status !== 0) {
    console.error(`repeat-tests: ${cmd} ${args.join(' ')} failed (${r.status ?? r.signal})`);
    process.exit(2);
  }
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'kp-repeat-'));
const clone = path.join(dir, 'repo');
must('git', ['clone', '--quiet', '--no-hardlinks', root, clone]);
const head = spawnSync('git', ['-C', clone, 'log', '-1', '--format=%h %s'], { encoding: 'utf8' }).stdout.trim();
console.log(`repeat-tests: ${runs} × npm test in ${clone} at ${head}`);
if (values.install) must('npm', ['ci', '--no-audit', '--no-fund'], { cwd: clone });
else if (existsSync(path.join(root, 'node_modules'))) {
  must('cp', ['-al', path.join(root, 'node_modules'), path.join(clone, 'node_modules')]);
  // Vite's caches are rewritten in place: a hard link would write through to this checkout's.
  rmSync(path.join(clone, 'node_modules/.vite'), { recursive: true, force: true });
} else {
  console.error('repeat-tests: this checkout has no node_modules; run npm ci here first, or pass --install');
  process.exit(2);
}

function npmTest(i) {
  const log = path.join(clone, `repeat-${i}.log`);
  const out = createWriteStream(log);
  const started = Date.now();
  const child = spawn('npm', ['test'], { cwd: clone, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(out, { end: false });
  child.stderr.pipe(out, { end: false });
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      out.end();
      resolve({ ok: code === 0, code: code ?? signal, seconds: Math.round((Date.now() - started) / 1000), log });
    });
  });
}

const results = [];
for (let i = 1; i <= runs; i++) {
  const r = await npmTest(i);
  results.push(r);
  console.log(`repeat-tests: run ${i}/${runs} ${r.ok ? 'passed' : `FAILED (exit ${r.code}; ${r.log})`} in ${r.seconds} s`);
  if (!r.ok) break;
}

const passed = results.filter((r) => r.ok).length;
const failed = results.find((r) => !r.ok);
const times = results.map((r) => r.seconds);
console.log(
  `repeat-tests: ${passed} of ${runs} passed in a row${failed ? `, run ${results.length} failed (log kept: ${failed.log})` : ''}; ` +
    `time per run min ${Math.min(...times)} s, max ${Math.max(...times)} s`,
);
if (!failed && !values.keep) rmSync(dir, { recursive: true, force: true });
process.exit(failed ? 1 : 0);
