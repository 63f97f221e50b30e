// Store report benchmark: 20 terminals × 3,000 charges in one business day on the sandbox (plus a
// neighbouring store's charges), then the store day report through the payment core's Opn client:
// time and number of Opn requests, against a baseline in the same run (the same pages fetched and
// JSON-parsed one after another with no validation or grouping). Writes bench/results/store-report.{json,md}.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createOpnClient } from '../electron/core/opn/index';
import { storeDayReport } from '../electron/reports/store/index';
import { startSandbox } from '../sandbox/index';

const TERMINALS = Number(process.env.STORE_BENCH_TERMINALS ?? 20);
const PER_TERMINAL = Number(process.env.STORE_BENCH_CHARGES ?? 3_000);
const OTHER_STORE = Math.round((TERMINALS * PER_TERMINAL) / 20);
const DAY = '2026-11-27';
const TZ = 'Asia/Singapore';
const SEED_CONCURRENCY = Number(process.env.STORE_BENCH_SEED_CONCURRENCY ?? 4);

/** Seeding goes through node:http with keep-alive (cheaper per request than fetch; seeding is not measured). */
function poster(baseUrl: string, auth: string): { post: (path: string, body: string) => Promise<{ status: number; text: string }>; close: () => void } {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  const u = new URL(baseUrl);
  const post = (p: string, body: string) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = http.request(
        { host: u.hostname, port: u.port, path: p, method: 'POST', agent, headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (d: Buffer) => chunks.push(d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  return { post, close: () => agent.destroy() };
}

async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

export default async function storeReportBench(): Promise<void> {
  // 27 Nov 2026, 08:00 in Singapore; the day's charges are spread over the next 14 hours.
  const sb = await startSandbox({ country: 'SG', quiet: true, startTime: new Date('2026-11-27T00:00:00Z'), idempotency: false });
  try {
    const auth = `Basic ${Buffer.from(`${sb.secretKey}:`).toString('base64')}`;
    const total = TERMINALS * PER_TERMINAL + OTHER_STORE;
    const stepMs = Math.floor((14 * 3_600_000) / total) * 100; // clock advanced every 100 charges
    let made = 0;
    const http1 = poster(sb.baseUrl, auth);
    const seed = await time(async () => {
      let next = 0;
      const worker = async (): Promise<void> => {
        for (let i = next++; i < total; i = next++) {
          const other = i % 21 === 20 && i / 21 < OTHER_STORE;
          const terminal = `term_${String(i % TERMINALS).padStart(2, '0')}`;
          const body = new URLSearchParams({
            amount: String(1_000 + (i % 9_000)), currency: 'SGD', return_uri: 'https://shop.example/r',
            'source[type]': 'kakaopay', 'source[platform_type]': 'WEB',
            'metadata[store_id]': other ? 'store_other' : 'store_1', 'metadata[terminal_id]': other ? 'term_x' : terminal, 'metadata[sale_id]': `sale_${i}`,
          });
          const res = await http1.post('/charges', body.toString());
          if (res.status !== 200) throw new Error(`seed: ${res.status} ${res.text.slice(0, 200)}`);
          const charge = JSON.parse(res.text) as { id: string };
          // 90 % paid, 6 % failed, 4 % left pending.
          const r = i % 50;
          if (r < 45) await sb.completeCharge(charge.id, 'successful');
          else if (r < 48) await sb.completeCharge(charge.id, { failureCode: 'payment_rejected' });
          made++;
          if (made % 100 === 0) await sb.clock.advance(stepMs);
        }
      };
      await Promise.all(Array.from({ length: SEED_CONCURRENCY }, worker));
    });
    http1.close();
    console.log(`seeded ${made} charges in ${(seed.ms / 1000).toFixed(1)} s`);

    // Baseline: the same pages, fetched one after another and JSON-parsed only.
    const from = '2026-11-26T16:00:00Z';
    const to = '2026-11-27T15:59:59Z';
    const baseline = await time(async () => {
      let offset = 0;
      let requests = 0;
      for (;;) {
        requests++;
        const res = await fetch(`${sb.baseUrl}/charges?from=${from}&to=${to}&offset=${offset}&limit=100&order=chronological`, { headers: { authorization: auth } });
        const list = (await res.json()) as { data: unknown[]; total: number };
        offset += list.data.length;
        if (list.data.length === 0 || offset >= list.total) return requests;
      }
    });

    const opn = createOpnClient({ baseUrl: sb.baseUrl, secretKey: sb.secretKey, retries: 2 });
    const run = (concurrency: number) =>
      time(() => storeDayReport({ opn, day: DAY, timeZone: TZ, storeId: 'store_1', shopName: 'Bench', currency: 'SGD', terminalId: 'term_00', concurrency }));
    // One page at a time too, when asked (it adds about 40 s at full size).
    const sequential = process.env.STORE_BENCH_SEQUENTIAL === '1' ? await run(1) : null;
    const parallel = await run(3);
    const report = parallel.value;
    if (report.terminals.length !== TERMINALS || report.totals.chargeCount !== TERMINALS * PER_TERMINAL) {
      throw new Error(`store report counted ${report.totals.chargeCount} charges on ${report.terminals.length} terminals`);
    }
    if (sequential && JSON.stringify(sequential.value.totals) !== JSON.stringify(report.totals)) throw new Error('sequential and parallel reports differ');
    // Every paid charge is in gross: 45 of every 50 of the store's charges were paid.
    const paid = Array.from({ length: TERMINALS * PER_TERMINAL + OTHER_STORE }, (_, i) => i).filter((i) => !(i % 21 === 20 && i / 21 < OTHER_STORE) && i % 50 < 45);
    if (report.totals.successfulCount !== paid.length) throw new Error(`paid ${report.totals.successfulCount}, expected ${paid.length}`);

    const result = {
      terminals: TERMINALS, chargesPerTerminal: PER_TERMINAL, otherStoreCharges: report.otherStoreCount, day: DAY,
      seedMs: Math.round(seed.ms),
      baseline: { ms: Math.round(baseline.ms), requests: baseline.value },
      reportSequential: sequential ? { ms: Math.round(sequential.ms), requests: sequential.value.opnRequests, ratioToBaseline: +(sequential.ms / baseline.ms).toFixed(2) } : null,
      report: { ms: Math.round(parallel.ms), requests: report.opnRequests, concurrency: 3, ratioToBaseline: +(parallel.ms / baseline.ms).toFixed(2) },
      totals: { charges: report.totals.chargeCount, successful: report.totals.successfulCount, gross: report.totals.gross, net: report.totals.net },
      machine: { cpus: os.cpus().length, node: process.version },
      measuredAt: new Date().toISOString(),
    };
    console.log(JSON.stringify(result, null, 2));
    const out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, 'store-report.json'), `${JSON.stringify(result, null, 2)}\n`);
    fs.writeFileSync(path.join(out, 'store-report.md'), [
      '# Store report benchmark',
      '',
      `${TERMINALS} terminals × ${PER_TERMINAL.toLocaleString('en')} charges of store_1 in business day ${DAY} (${TZ}), plus ${report.otherStoreCount.toLocaleString('en')} charges of another store on the same account, in the sandbox over HTTP on loopback (sandbox and report in one process); ${os.cpus().length} CPUs, Node ${process.version}, ${result.measuredAt}.`,
      '',
      '| measure | time | Opn requests | ratio to baseline |',
      '|---|---|---|---|',
      `| baseline: the day's pages (limit 100) fetched one by one, JSON-parsed only | ${result.baseline.ms} ms | ${result.baseline.requests} | 1 |`,
      ...(result.reportSequential ? [`| store report, one page at a time (\`STORE_BENCH_SEQUENTIAL=1\`) | ${result.reportSequential.ms} ms | ${result.reportSequential.requests} | ${result.reportSequential.ratioToBaseline} |`] : []),
      `| store report (core Opn client: zod-validated pages; grouping; 3 pages in flight after the first) | ${result.report.ms} ms | ${result.report.requests} | ${result.report.ratioToBaseline} |`,
      '',
      `Requests = ceil(charges in the window / 100), the minimum offset paging allows; the other store's charges are in Opn's list too, so they cost pages. Most of the time is the sandbox answering: it filters and sorts all its charges for every page (about ${Math.round(result.baseline.ms / result.baseline.requests)} ms a page here, in the same process as the report). Seeding ${made.toLocaleString('en')} charges took ${(result.seedMs / 1000).toFixed(1)} s (not measured).`,
      '',
    ].join('\n'));
  } finally {
    await sb.stop();
  }
}
