// Payment-core benchmark: the local overhead of starting a sale (validation, two SQLite commits with
// synchronous=FULL, the Opn client's parsing) against the bare HTTP round trip of the same POST /charges
// to the sandbox in the same run, and how many sales per second the receipt log commits.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPaymentCore, openReceiptStore } from '../electron/core/index';
import { newIdempotencyKey, newSaleId } from '../electron/core/ids';
import { startSandbox } from '../sandbox/index';

const ITER = Number(process.env.CORE_BENCH_ITER ?? 400);
const WARMUP = 30;
const COMMITS = Number(process.env.CORE_BENCH_COMMITS ?? 2_000);

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}
const round = (n: number, d = 3) => Math.round(n * 10 ** d) / 10 ** d;
function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  return { n: s.length, p50: round(pct(s, 50)), p99: round(pct(s, 99)), mean: round(s.reduce((a, b) => a + b, 0) / s.length) };
}

export default async function bench(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'core-bench-'));
  const sandbox = await startSandbox({ quiet: true });
  const core = openPaymentCore({
    dbPath: path.join(dir, 'receipts.db'),
    opn: { baseUrl: sandbox.baseUrl, secretKey: sandbox.secretKey, timeoutMs: 10_000 },
    terminal: { terminalId: 'BENCH', storeId: 'S1', country: 'SG', returnUri: 'https://shop.example/return', captureMode: 'automatic' },
    pollIntervalMs: 0,
    backupCheckMs: 0,
  });
  await core.recover();
  const auth = `Basic ${Buffer.from(`${sandbox.secretKey}:`).toString('base64')}`;
  const bare = async (i: number) => {
    const res = await fetch(`${sandbox.baseUrl}/charges`, {
      method: 'POST',
      headers: { Authorization: auth, 'Omise-Version': '2019-05-29', 'Content-Type': 'application/json', 'Idempotency-Key': newIdempotencyKey() },
      body: JSON.stringify({ amount: 1000 + i, currency: 'SGD', return_uri: 'https://shop.example/return', source: { type: 'kakaopay', platform_type: 'WEB' }, metadata: { terminal_id: 'BENCH', store_id: 'S1', sale_id: `bare_${i}` }, capture: true }),
    });
    await res.text();
  };
  const bareMs: number[] = [];
  const startMs: number[] = [];
  for (let i = 0; i < WARMUP; i++) {
    await bare(i);
    await core.startSale({ amount: 1000 + i, currency: 'SGD' });
  }
  // Interleaved, so both see the same machine load and the same (growing) sandbox state.
  for (let i = 0; i < ITER; i++) {
    let t = performance.now();
    await bare(i);
    bareMs.push(performance.now() - t);
    t = performance.now();
    await core.startSale({ amount: 1000 + i, currency: 'SGD' });
    startMs.push(performance.now() - t);
  }
  await core.close();

  // The same on tmpfs (no fsync cost), to separate CPU overhead from durable-commit latency.
  const shm = fs.existsSync('/dev/shm') ? fs.mkdtempSync('/dev/shm/core-bench-') : null;
  const shmMs: number[] = [];
  if (shm) {
    const memCore = openPaymentCore({
      dbPath: path.join(shm, 'receipts.db'),
      opn: { baseUrl: sandbox.baseUrl, secretKey: sandbox.secretKey, timeoutMs: 10_000 },
      terminal: { terminalId: 'BENCH', storeId: 'S1', country: 'SG', returnUri: 'https://shop.example/return', captureMode: 'automatic' },
      pollIntervalMs: 0,
      backupCheckMs: 0,
    });
    await memCore.recover();
    for (let i = 0; i < ITER; i++) {
      const t = performance.now();
      await memCore.startSale({ amount: 1000 + i, currency: 'SGD' });
      shmMs.push(performance.now() - t);
    }
    await memCore.close();
    fs.rmSync(shm, { recursive: true, force: true });
  }
  await sandbox.stop();

  // Receipt-log throughput: each sale is two commits (the row, then the charge), as in startSale.
  const store = openReceiptStore(path.join(dir, 'commits.db'));
  const sync = store.pragmas().synchronous;
  const perSale: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < COMMITS; i++) {
    const ts = performance.now();
    const id = newSaleId();
    const at = new Date().toISOString();
    store.transaction(() => store.sales.insert({ id, terminalId: 'BENCH', storeId: 'S1', cashier: null, amount: 1000, currency: 'SGD', capture: true, idempotencyKey: newIdempotencyKey(), createdAt: at }));
    store.transaction(() => store.sales.update(id, { status: 'pending', chargeId: `chrg_${id}`, authorizeUri: 'https://x', expiresAt: at }, at));
    perSale.push(performance.now() - ts);
  }
  const elapsed = (performance.now() - t0) / 1000;
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });

  const b = stats(bareMs);
  const s = stats(startMs);
  const c = stats(perSale);
  const m = shmMs.length ? stats(shmMs) : null;
  const result = {
    when: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    iterations: ITER,
    bareRoundTripMs: b,
    startSaleMs: s,
    localOverheadMs: { p50: round(s.p50 - b.p50), p99: round(s.p99 - b.p99) },
    startSaleOnTmpfsMs: m,
    cpuOverheadOnTmpfsMs: m ? { p50: round(m.p50 - b.p50), p99: round(m.p99 - b.p99) } : null,
    commits: { sales: COMMITS, synchronous: sync === 2 ? 'FULL' : String(sync), seconds: round(elapsed), salesPerSecond: Math.round(COMMITS / elapsed), commitsPerSecond: Math.round((2 * COMMITS) / elapsed), twoCommitsMs: c },
  };
  const md = `# Payment core benchmark

${result.when}, Node ${result.node}, ${result.cpus} CPUs (shared machine; figures are indicative). Sandbox at zero latency on loopback.

| | n | p50 ms | p99 ms | mean ms |
|---|---:|---:|---:|---:|
| bare POST /charges round trip | ${b.n} | ${b.p50} | ${b.p99} | ${b.mean} |
| core.startSale (validate, commit row, POST, parse, commit charge) | ${s.n} | ${s.p50} | ${s.p99} | ${s.mean} |
| **local overhead** (difference) | | **${result.localOverheadMs.p50}** | **${result.localOverheadMs.p99}** | |
| core.startSale with the DB on tmpfs (no fsync) | ${m?.n ?? '-'} | ${m?.p50 ?? '-'} | ${m?.p99 ?? '-'} | ${m?.mean ?? '-'} |
| **CPU overhead** (tmpfs startSale − bare round trip) | | **${result.cpuOverheadOnTmpfsMs?.p50 ?? '-'}** | **${result.cpuOverheadOnTmpfsMs?.p99 ?? '-'}** | |
| two durable commits alone, back to back (insert + update) | ${c.n} | ${c.p50} | ${c.p99} | ${c.mean} |

The difference between the disk and tmpfs runs is the cost of two fsync'd commits (synchronous=FULL) on this VM's disk.

Receipt log, synchronous=${result.commits.synchronous}, WAL: ${COMMITS} sales (2 commits each) in ${result.commits.seconds} s →
**${result.commits.salesPerSecond} sales/s** (${result.commits.commitsPerSecond} commits/s).
`;
  const out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'core.json'), `${JSON.stringify(result, null, 2)}\n`);
  fs.writeFileSync(path.join(out, 'core.md'), md);
  console.log(md);
}
