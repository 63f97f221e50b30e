// `npm run electronegativity`: Doyensec's Electronegativity over electron/ (the sources) and the built
// main-process bundle (dist/electron, rebuilt first), for the Electron version this app ships. Fails on
// any finding of severity MEDIUM or higher that security/electronegativity-suppressions.json does not
// list with a reason, on any file it could not parse, and on any run that checked nothing.
// Each suppression names the line it accepts: "match" is text that must be on the finding's line (the
// exact option or call reviewed; "(global check)" for a finding about the app as a whole). A finding no
// suppression matches fails, and so does a suppression that matches no finding (stale or too loose).
//
// For its own test (test/security/electronegativity.test.ts) the sources scanned can be a copy
// (ELECTRONEGATIVITY_SOURCES=<dir>) and the build and bundle scan skipped (ELECTRONEGATIVITY_SKIP_DIST=1).
//
// Offline by construction: the tool's two network look-ups (its translations on S3, and Electron's
// release list for AvailableSecurityFixesGlobalCheck) go through `got`, which is replaced here by a
// function that refuses at once; the release-list check is excluded (the suppression file says why),
// and the English texts come from the package's own locale files.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const SUPPRESSIONS = path.resolve(root, process.env.ELECTRONEGATIVITY_SUPPRESSIONS ?? 'security/electronegativity-suppressions.json');
// The tool reads only .js/.jsx/.ts/.tsx/.html files, so the bundle's .cjs/.mjs files are scanned from a
// copy named .js, together with the built pages (dist/renderer): its global checks (CSP, navigation
// limits, permission handler) judge the app as a whole, main process and pages.
const SCANNED = /\.(js|jsx|ts|tsx|html|htm)$/;

function fail(message) {
  console.error(`electronegativity: ${message}`);
  process.exit(1);
}

let toolDir;
try {
  toolDir = path.dirname(require.resolve('@doyensec/electronegativity/package.json'));
} catch {
  fail('@doyensec/electronegativity is not installed (npm ci); refusing to pass without scanning.');
}

// 1. No network: `got` (the tool's only HTTP client) refuses every call.
const gotPath = require.resolve('got', { paths: [toolDir] });
const refuse = () => Promise.reject(new Error('electronegativity runs offline (scripts/electronegativity.mjs)'));
refuse.head = refuse;
refuse.get = refuse;
require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: Object.assign(refuse, { default: refuse }) };

// 2. The tool's texts, from its own locale folder (what its CLI would do after the failed download).
const i18n = require(require.resolve('i18n', { paths: [toolDir] }));
i18n.configure({ locales: ['en-US'], defaultLocale: 'en-US', directory: path.join(toolDir, 'dist/locales'), updateFiles: false, objectNotation: true, register: globalThis });
i18n.setLocale('en-US');

// 3. The suppression file: reviewed entries, each with a one-line reason.
const config = JSON.parse(readFileSync(SUPPRESSIONS, 'utf8'));
const excludedChecks = config.excludedChecks ?? [];
const suppressions = config.suppressions ?? [];
for (const entry of [...excludedChecks, ...suppressions]) {
  if (typeof entry.reason !== 'string' || entry.reason.trim().length < 10 || entry.reason.includes('\n')) {
    fail(`every entry in ${path.relative(root, SUPPRESSIONS)} needs a one-line reason: ${JSON.stringify(entry)}`);
  }
}
for (const s of suppressions) {
  if (typeof s.id !== 'string' || typeof s.file !== 'string') fail(`a suppression needs "id" and "file": ${JSON.stringify(s)}`);
  if (typeof s.match !== 'string' || s.match.trim().length < 4) fail(`every suppression needs "match", the exact option or call on the finding's line it accepts: ${JSON.stringify(s)}`);
}

const SOURCES = path.resolve(root, process.env.ELECTRONEGATIVITY_SOURCES ?? 'electron');
const SKIP_DIST = process.env.ELECTRONEGATIVITY_SKIP_DIST === '1';
const GLOBAL_LINE = '(global check)';

// 4. The built main bundle and pages, fresh.
const bundleCopy = SKIP_DIST ? null : buildAndCopy();
function buildAndCopy() {
  const build = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--quiet'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) fail('the build (scripts/build.mjs) failed.');
  if (!existsSync(path.join(root, 'dist/electron/main.cjs'))) fail('dist/electron/main.cjs is missing after the build.');
  const bundleCopy = mkdtempSync(path.join(os.tmpdir(), 'electronegativity-'));
  mkdirSync(path.join(bundleCopy, 'electron'));
  process.on('exit', () => rmSync(bundleCopy, { recursive: true, force: true }));
  // The tool's parser predates some syntax the bundle holds (class private fields from dependencies), so
  // each copy is lowered to ES2020 syntax with esbuild first: the same calls and options, nothing removed.
  const { transformSync } = require('esbuild');
  for (const name of readdirSync(path.join(root, 'dist/electron'))) {
    if (!/\.(cjs|mjs)$/.test(name)) continue;
    const source = readFileSync(path.join(root, 'dist/electron', name), 'utf8');
    const lowered = transformSync(source, { target: 'es2020', format: name.endsWith('.mjs') ? 'esm' : 'cjs', legalComments: 'inline' }).code;
    writeFileSync(path.join(bundleCopy, 'electron', name.replace(/\.(cjs|mjs)$/, '.js')), lowered);
  }
  cpSync(path.join(root, 'dist/renderer'), path.join(bundleCopy, 'renderer'), { recursive: true });
  return bundleCopy;
}
/** What is scanned, and the name findings are reported (and suppressed) under. */
const TARGETS = [
  { label: 'electron', dir: SOURCES },
  ...(bundleCopy ? [{ label: 'dist', dir: bundleCopy }] : []),
];

const squash = (text) => text.replace(/\s+/g, ' ').trim();

/**
 * The statement a finding points at, whitespace collapsed: its line, continued until the brackets
 * opened there are closed (a whole `new BrowserWindow({ … })` call), so "match" can name the reviewed
 * option itself. GLOBAL_LINE for a global finding, whose file is N/A.
 */
function findingText(file, line) {
  if (file.endsWith(`${path.sep}N/A`)) return GLOBAL_LINE;
  let lines;
  try {
    lines = readFileSync(file, 'utf8').split('\n');
  } catch {
    return '';
  }
  let depth = 0;
  let quote = null;
  const taken = [];
  for (let i = line - 1; i < lines.length && taken.length < 80; i++) {
    const text = lines[i] ?? '';
    taken.push(text);
    for (let c = 0; c < text.length; c++) {
      const ch = text[c];
      if (quote) {
        if (ch === '\\') c++;
        else if (ch === quote) quote = null;
      } else if (ch === "'" || ch === '"' || ch === '`') quote = ch;
      else if ('([{'.includes(ch)) depth++;
      else if (')]}'.includes(ch)) depth--;
    }
    if (quote !== '`') quote = null;
    if (depth <= 0) break;
  }
  return squash(taken.join('\n'));
}

function countScanned(dir) {
  return readdirSync(dir, { recursive: true }).filter((f) => SCANNED.test(String(f)) && !String(f).includes('node_modules')).length;
}

const electronVersion = process.env.ELECTRON_VERSION ?? JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const run = require(path.join(toolDir, 'dist/runner.js'));

const MEDIUM = 2; // the tool's severity values: INFORMATIONAL 0, LOW 1, MEDIUM 2, HIGH 3
let failures = 0;
const used = new Set();
for (const target of TARGETS) {
  const input = target.dir;
  const files = countScanned(input);
  if (files === 0) fail(`no file the tool reads in ${target.label}.`);
  const result = await run(
    {
      input,
      output: undefined,
      isSarif: false,
      customScan: [],
      excludeFromScan: excludedChecks.map((c) => c.check),
      severitySet: undefined,
      confidenceSet: undefined,
      isRelative: true,
      isVerbose: false,
      electronUpgrade: undefined,
      electronVersionOverride: electronVersion,
      parserPlugins: [],
    },
    false,
  );
  if (result.atomicChecks === 0) fail(`no checks ran over ${target.label}.`);
  const hard = result.errors.filter((e) => !e.tolerable);
  for (const e of hard) console.error(`electronegativity: could not parse ${e.file}: ${e.message}`);
  failures += hard.length;
  const counts = { scanned: 0, belowMedium: 0, suppressed: 0, failing: 0 };
  for (const issue of result.issues) {
    const file = path.posix.join(target.label, issue.file);
    if (issue.severity.value < MEDIUM) {
      counts.belowMedium += 1;
      continue;
    }
    const line = findingText(path.join(input, issue.file), issue.location.line);
    const hit = suppressions.findIndex((s) => s.id === issue.id && s.file === file && line.includes(squash(s.match)));
    if (hit >= 0) {
      used.add(hit);
      counts.suppressed += 1;
      continue;
    }
    counts.failing += 1;
    failures += 1;
    console.error(`electronegativity: ${issue.id} (${issue.severity.name ?? issue.severity.value}, ${issue.confidence.name ?? issue.confidence.value}) at ${file}:${issue.location.line}:${issue.location.column} — ${issue.description} — at: ${line.slice(0, 200)}`);
  }
  console.log(
    `electronegativity ${target.label}: ${files} files, Electron ${electronVersion}, ${result.atomicChecks} atomic + ${result.globalChecks} global checks, ${result.issues.length} findings (${counts.belowMedium} below medium, ${counts.suppressed} suppressed, ${counts.failing} failing), ${hard.length} unparsed files`,
  );
}
// A suppression for a scanned target that accepted nothing is stale or names the wrong line: it fails.
const scannedLabels = new Set(TARGETS.map((t) => t.label));
suppressions.forEach((s, i) => {
  if (used.has(i) || !scannedLabels.has(s.file.split('/')[0])) return;
  failures += 1;
  console.error(`electronegativity: suppression matches no finding (remove it, or fix its "match"): ${s.id} ${s.file} "${s.match}"`);
});
if (failures > 0) fail(`${failures} problem(s): fix them, or add a reviewed suppression with a one-line reason to ${path.relative(root, SUPPRESSIONS)}.`);
console.log('electronegativity: no unsuppressed finding of medium or higher.');
