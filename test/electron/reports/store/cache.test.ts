// The store report's cache against the sandbox over HTTP and a real cache file: after late payments,
// refunds and voids made after the first run, charges left pending for days, and new charges in the
// current hour, the cached report equals a full fetch (every terminal's figures and the totals) and a
// sum made here from the sandbox's own charges, while it asks Opn for less. A cache of another
// account, another version, a damaged file, and refunds that name no charge are never trusted.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpnClient } from '../../../../electron/core/opn/index';
import { createOpnClient } from '../../../../electron/core/opn/index';
import { STORE_CACHE_VERSION, clearStoreReportCache, storeDayReport } from '../../../../electron/reports/store/index';
import type { StoreReportInput } from '../../../../electron/reports/store/store-report';
import type { OpnCharge, StoreDayReport } from '../../../../shared';
import type { Sandbox } from '../../../../sandbox/index';
import { startSandbox } from '../../../../sandbox/index';

const DAY = '2026-11-27';
const FROM = Date.parse('2026-11-26T16:00:00Z'); // 27 Nov 00:00 in Singapore
const TO = Date.parse('2026-11-27T16:00:00Z');
const QR_MS = 5 * 60_000;

let sb: Sandbox;
let opn: OpnClient;
let dir: string;
let file: string;
let n = 0;
const paid: string[] = [];
const lingering: string[] = [];

async function charge(o: { terminal: string; store?: string; amount?: number; qr?: boolean }): Promise<OpnCharge> {
  n++;
  return opn.createCharge({
    amount: o.amount ?? 1_000 + n * 37, currency: 'SGD', returnUri: 'https://shop.example/r', platformType: 'WEB', capture: true,
    metadata: { terminal_id: o.terminal, store_id: o.store ?? 'store_1', sale_id: `sale_c_${n}` }, idempotencyKey: `idem-c-${n}`,
    // As the terminal does: the QR's validity as expires_at. Without it Opn keeps the charge pending 7 days.
    ...(o.qr === false ? {} : { expiresAt: new Date(sb.clock.now().getTime() + QR_MS).toISOString() }),
  });
}

const base = (over: Partial<StoreReportInput> = {}): StoreReportInput => ({
  opn, day: DAY, timeZone: 'Asia/Singapore', storeId: 'store_1', shopName: 'Kopi Corner', currency: 'SGD', terminalId: 'term_a',
  pageSize: 5, concurrency: 2, now: () => sb.clock.now(), ...over,
});
const full = (): Promise<StoreDayReport> => storeDayReport(base());
const cached = (over: Partial<StoreReportInput> = {}): Promise<StoreDayReport> => storeDayReport(base({ cache: { file, scope: 'acct_1' }, ...over }));

/** What the report must say, summed here from the sandbox's own records. */
function expected(): Record<string, number> {
  const mine = sb.charges().filter((c) => {
    const t = Date.parse(c.created_at);
    return t >= FROM && t < TO && c.metadata.store_id === 'store_1';
  });
  const ok = mine.filter((c) => c.status === 'successful');
  const refunds = mine.flatMap((c) => c.refunds?.data ?? []);
  const sum = (xs: { amount: number }[]): number => xs.reduce((s, x) => s + x.amount, 0);
  return {
    chargeCount: mine.length, successfulCount: ok.length, pendingCount: mine.filter((c) => c.status === 'pending').length,
    expiredCount: mine.filter((c) => c.status === 'expired').length, gross: sum(ok),
    refundCount: refunds.filter((r) => !r.voided).length, refundAmount: sum(refunds.filter((r) => !r.voided)),
    voidCount: refunds.filter((r) => r.voided).length, voidAmount: sum(refunds.filter((r) => r.voided)),
  };
}

/** The cached report says exactly what a full fetch says, terminal by terminal. */
async function sameAsFull(report: StoreDayReport): Promise<StoreDayReport> {
  const whole = await full();
  expect(report.terminals).toEqual(whole.terminals);
  expect(report.totals).toEqual(whole.totals);
  expect(report.otherStoreCount).toBe(whole.otherStoreCount);
  expect(report.totals).toMatchObject(expected());
  return whole;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'store-cache-'));
  file = path.join(dir, 'cache', 'store-report-cache.sqlite');
  // 27 Nov, 09:00 in Singapore; a charge every 5 minutes until 13:00.
  // A frozen clock: charges expire when the test moves time, never between a cached run and a full one.
  sb = await startSandbox({ country: 'SG', quiet: true, frozenClock: true, startTime: new Date('2026-11-27T01:00:00Z') });
  opn = createOpnClient({ baseUrl: sb.baseUrl, secretKey: sb.secretKey, retries: 0 });
  const terminals = ['term_a', 'term_b', 'term_c'];
  for (let i = 0; i < 48; i++) {
    const t = terminals[i % 3] ?? 'term_a';
    if (i % 8 === 0) lingering.push((await charge({ terminal: t, qr: false })).id); // left pending at Opn
    else {
      const c = await charge({ terminal: t });
      if (i % 8 === 3) await sb.completeCharge(c.id, { failureCode: 'payment_rejected' });
      else if (i % 8 !== 5) {
        await sb.completeCharge(c.id, 'successful');
        paid.push(c.id);
      } // i % 8 === 5: never paid, expires with its QR
    }
    if (i % 6 === 0) await sb.completeCharge((await charge({ terminal: 'term_x', store: 'store_2' })).id, 'successful');
    await sb.clock.advance(5 * 60_000);
  }
}, 60_000);

afterAll(async () => {
  await sb?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('store report cache', () => {
  it('gives a full fetch’s figures on the first run, then takes closed quarter hours from a 0600 file', async () => {
    const first = await cached();
    const whole = await sameAsFull(first);
    expect(first.cachedCharges).toBe(0);
    expect(first.opnRequests).toBe(whole.opnRequests);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);

    const again = await cached();
    expect(again.totals).toEqual(whole.totals);
    expect(again.terminals).toEqual(whole.terminals);
    // Quarter hours up to 12:45 are closed (listed after their end + 10 minutes); 12:45–13:00 ended just now.
    const closed = sb.charges().filter((c) => Date.parse(c.created_at) < Date.parse('2026-11-27T04:45:00Z')).length;
    expect(again.cachedCharges).toBe(closed);
    expect(again.opnRequests).toBeLessThan(whole.opnRequests);
  });

  it('counts late payments, refunds and voids made after a run, and new charges, as a full fetch does', async () => {
    await cached();
    // 13:10: two charges left pending in closed hours are paid late, one is expired; voids (same day,
    // before the 00:15 cut-off) on charges of closed hours; new charges in the current hour.
    await sb.clock.advance(10 * 60_000);
    await sb.completeCharge(lingering[0] ?? '', 'successful');
    await sb.completeCharge(lingering[1] ?? '', 'successful');
    await opn.expireCharge(lingering[2] ?? '');
    await opn.createRefund(paid[0] ?? '', { amount: 300 });
    await opn.createRefund(paid[5] ?? '', { amount: 600 });
    await sb.completeCharge((await charge({ terminal: 'term_b', amount: 4_321 })).id, 'successful');
    await charge({ terminal: 'term_c' }); // pending now, in the open hour
    const afterVoids = await cached();
    await sameAsFull(afterVoids);
    expect(afterVoids.totals.voidCount).toBe(2);
    expect(afterVoids.cachedCharges).toBeGreaterThan(0);

    // 28 Nov, 00:20: refunds (past the void cut-off) on the 27th's charges, one more late payment; the
    // whole day is closed now.
    await sb.clock.advance(TO + 20 * 60_000 - sb.clock.now().getTime());
    await opn.createRefund(paid[1] ?? '', { amount: 250 });
    await opn.createRefund(paid[20] ?? '', { amount: 400 });
    await opn.createRefund(paid[20] ?? '', { amount: 100 });
    await sb.completeCharge(lingering[3] ?? '', 'successful');
    const nextDay = await cached();
    const whole = await sameAsFull(nextDay);
    expect(nextDay.totals.refundCount).toBe(3);
    expect(nextDay.totals.pendingCount).toBe(lingering.length - 4);

    // Nothing changed since: every charge of the day comes from the cache; Opn is asked for the refund
    // list and the charges still pending only.
    const quiet = await cached();
    expect(quiet.totals).toEqual(whole.totals);
    expect(quiet.cachedCharges).toBe(whole.totals.chargeCount + whole.otherStoreCount);
    expect(quiet.opnRequests).toBe(1 + whole.totals.pendingCount);
  });

  it('never uses rows of another account or another cache version, and rebuilds a damaged file', async () => {
    const whole = await full();
    await cached();
    const other = await cached({ cache: { file, scope: 'acct_2' } });
    expect(other.cachedCharges).toBe(0);
    expect(other.totals).toEqual(whole.totals);
    // The file now belongs to acct_2: acct_1 starts over too.
    expect((await cached()).cachedCharges).toBe(0);
    expect((await cached()).cachedCharges).toBeGreaterThan(0);

    const db = new Database(file);
    db.pragma(`user_version = ${STORE_CACHE_VERSION + 1}`);
    db.close();
    const newer = await cached();
    expect(newer.cachedCharges).toBe(0);
    expect(newer.totals).toEqual(whole.totals);

    clearStoreReportCache(file);
    expect(fs.existsSync(file)).toBe(false);
    fs.writeFileSync(file, 'not a database, e.g. a file cut short by a power cut '.repeat(200));
    const damaged = await cached();
    expect(damaged.cachedCharges).toBe(0);
    expect(damaged.totals).toEqual(whole.totals);
    const rebuilt = await cached();
    expect(rebuilt.cachedCharges).toBeGreaterThan(0);
    expect(rebuilt.totals).toEqual(whole.totals);
  });

  it('lists every quarter hour again when Opn’s refund list does not say which charge a refund is of', async () => {
    const whole = await full();
    await cached();
    await opn.createRefund(paid[2] ?? '', { amount: 120 });
    // An answer where refunds carry neither `charge` nor a location naming it.
    const vague = createOpnClient({
      baseUrl: sb.baseUrl, secretKey: sb.secretKey, retries: 0,
      fetch: async (input, init) => {
        const res = await fetch(input, init);
        if (new URL(String(input)).pathname !== '/refunds') return res;
        const body = (await res.json()) as { data: Record<string, unknown>[] };
        for (const r of body.data) {
          delete r.charge;
          delete r.location;
        }
        return new Response(JSON.stringify(body), { status: res.status, headers: { 'content-type': 'application/json' } });
      },
    });
    const report = await cached({ opn: vague });
    expect(report.cachedCharges).toBe(0);
    await sameAsFull(report);
    expect(report.totals.refundAmount).toBe(whole.totals.refundAmount + 120);
  });
});
