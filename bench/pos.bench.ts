// POS link benchmark (`npm run bench -- pos`): the whole demo terminal in-process (embedded sandbox and
// forwarder, real relay, real SQLite files), a paired till over loopback HTTP, and the cashier's own path
// through the gate, interleaved in the same run:
//   create → QR: till POST /v1/checkouts (cashier: `sale:start` at the gate) until the customer display's
//                state machine emits the pending screen (QR and countdown) for that sale;
//   pay → told: the customer pays (the sandbox completes the charge: webhook → forwarder → relay → core)
//                until the till's event stream delivers `completed` (cashier: `sale:updated` successful).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CustomerDisplayState, PosCheckout, PosEvent, Sale } from '../shared';
import { silentLogger } from '../electron/core';
import { createTerminalApp } from '../electron/app/terminal-app';
import { openFileSecretBox } from '../electron/app/file-secret-box';
import { demoLauncher, type DemoHandles } from '../electron/demo/index';
import { followEvents } from '../tools/pos-till/events';

const ITER = Number(process.env.POS_BENCH_ITER ?? 60);
const WARMUP = 5;

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}
const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;
function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  return { n: s.length, p50: round(pct(s, 50)), p99: round(pct(s, 99)), mean: round(s.reduce((a, b) => a + b, 0) / s.length) };
}

/** Resolves with the time of the first event `match` accepts. */
function when<T>(subscribe: (fn: (x: T) => void) => () => void, match: (x: T) => boolean): Promise<number> {
  return new Promise((resolve) => {
    const off = subscribe((x) => {
      if (!match(x)) return;
      off();
      resolve(performance.now());
    });
  });
}

export default async function bench(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pos-bench-'));
  let handles: DemoHandles | null = null;
  const app = await createTerminalApp({ dataDir, shell: 'browser', secretBox: openFileSecretBox(dataDir), demo: demoLauncher({ onStart: (h) => (handles = h) }), logger: silentLogger(), displayHoldMs: 1 });
  for (let i = 0; i < 500 && app.runtime.link().state !== 'connected'; i++) await new Promise((r) => setTimeout(r, 20));
  while (app.runtime.recovering()) await new Promise((r) => setTimeout(r, 20));
  const control = app.runtime.posLink();
  const status = await control.configure({ enabled: true, allowLan: false, port: 0 });
  const base = status.loopbackUrl ?? '';
  const code = control.createPairingCode({ name: 'Bench till', scopes: ['payments'] });
  const pair = (await (await fetch(`${base}/v1/pair`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: code.code }) })).json()) as { api_key: string };
  const conn = { url: base, apiKey: pair.api_key };
  const tillListeners = new Set<(e: PosEvent) => void>();
  const stream = await followEvents(conn, { onEvent: (e) => tillListeners.forEach((l) => l(e)) });
  const onTill = (fn: (e: PosEvent) => void) => (tillListeners.add(fn), () => void tillListeners.delete(fn));
  const onDisplay = (fn: (d: CustomerDisplayState) => void) => app.events.on('display:changed', fn);
  const onSale = (fn: (s: Sale) => void) => app.events.on('sale:updated', fn);
  const sandbox = () => handles!.sandbox;
  // When the display first showed each sale's QR (the till learns the sale id only after that).
  const pendingAt = new Map<string, number>();
  onDisplay((d) => {
    if (d.screen === 'pending' && !pendingAt.has(d.saleId)) pendingAt.set(d.saleId, performance.now());
  });

  const till = { qr: [] as number[], told: [] as number[] };
  const cashier = { qr: [] as number[], told: [] as number[] };

  const tillRound = async (i: number, record: boolean) => {
    const inProgress = new Promise<PosCheckout>((resolve) => {
      const off = onTill((e) => {
        if (e.type === 'checkout.updated' && e.data.status === 'in_progress') {
          off();
          resolve(e.data);
        }
      });
    });
    const t0 = performance.now();
    const res = await fetch(`${base}/v1/checkouts`, { method: 'POST', headers: { authorization: `Bearer ${conn.apiKey}`, 'content-type': 'application/json' }, body: JSON.stringify({ amount: 1000 + i, currency: 'SGD', reference_id: `B-${i}`, idempotency_key: `bench-${i}`, line_items: [{ name: 'Coffee', quantity: 1, unit_amount: 1000 + i }] }) });
    if (res.status !== 201) throw new Error(`create answered ${res.status}: ${await res.text()}`);
    const ck = await inProgress;
    for (let w = 0; w < 250 && !pendingAt.has(ck.sale_id ?? ''); w++) await new Promise((r) => setTimeout(r, 20));
    const shownAt = pendingAt.get(ck.sale_id ?? '') ?? NaN;
    const completed = when(onTill, (e) => e.type === 'checkout.updated' && e.data.id === ck.id && e.data.status === 'completed');
    const t1 = performance.now();
    await sandbox().completeCharge(ck.charge_id ?? '', 'successful');
    const told = await completed;
    if (record) {
      if (Number.isFinite(shownAt)) till.qr.push(shownAt - t0);
      till.told.push(told - t1);
    }
  };

  const cashierRound = async (i: number, record: boolean) => {
    const t0 = performance.now();
    const r = (await app.invoke('sale:start', { amount: 1000 + i, currency: 'SGD' })) as { ok: boolean; value?: Sale };
    if (!r.ok || !r.value) throw new Error(`sale:start failed: ${JSON.stringify(r)}`);
    const sale = r.value;
    for (let w = 0; w < 250 && !pendingAt.has(sale.id); w++) await new Promise((r2) => setTimeout(r2, 20));
    const shownAt = pendingAt.get(sale.id) ?? NaN;
    const paid = when(onSale, (s) => s.id === sale.id && s.status === 'successful');
    const t1 = performance.now();
    await sandbox().completeCharge(sale.chargeId ?? '', 'successful');
    const told = await paid;
    if (record) {
      if (Number.isFinite(shownAt)) cashier.qr.push(shownAt - t0);
      cashier.told.push(told - t1);
    }
  };

  for (let i = 0; i < WARMUP; i++) {
    await tillRound(i, false);
    await cashierRound(i, false);
  }
  for (let i = WARMUP; i < WARMUP + ITER; i++) {
    await tillRound(i, true);
    await cashierRound(i, true);
  }
  stream.close();
  await app.close();
  fs.rmSync(dataDir, { recursive: true, force: true });

  const result = {
    when: new Date().toISOString(),
    machine: { cpus: os.cpus().length, node: process.version },
    iterations: ITER,
    createToQrMs: { till: stats(till.qr), cashier: stats(cashier.qr) },
    payToToldMs: { till: stats(till.told), cashier: stats(cashier.told) },
  };
  const row = (what: string, s: ReturnType<typeof stats>) => `| ${what} | ${s.p50} | ${s.p99} | ${s.mean} | ${s.n} |`;
  const md = `# POS link benchmark

${result.when}, ${result.machine.cpus} cores, Node ${result.machine.node}; ${ITER} payments each way, interleaved, after ${WARMUP} warm-up rounds.
The whole demo terminal in-process (embedded sandbox and forwarder, relay, SQLite with synchronous=FULL).

| path | p50 ms | p99 ms | mean ms | n |
|---|---|---|---|---|
${row('till: POST /v1/checkouts → QR on the customer display', result.createToQrMs.till)}
${row('cashier: sale:start at the gate → QR on the customer display', result.createToQrMs.cashier)}
${row('customer pays → till told (SSE checkout.updated completed)', result.payToToldMs.till)}
${row('customer pays → cashier told (sale:updated successful)', result.payToToldMs.cashier)}

"QR on the customer display" is the display state machine's pending screen (what the display page renders
at once); "customer pays" is the sandbox completing the charge, whose webhook goes through the forwarder
and the relay to the core, which re-reads the charge from Opn and commits before anyone is told. The
till's figure adds the POS link's own work (its SQLite event log and the loopback SSE hop).
`;
  const out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'pos.json'), `${JSON.stringify(result, null, 2)}\n`);
  fs.writeFileSync(path.join(out, 'pos.md'), md);
  console.log(md);
}
