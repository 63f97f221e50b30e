// A refund made at Opn (the dashboard: no terminal metadata on the refund) reaches the terminal that took
// the sale (issue 20, point 1). Live-shaped: a standalone sandbox posting signed webhooks to a standalone
// forwarder (SQLite, then Redis), the terminal's payment core on its own SQLite receipt log connected by
// the relay client, both API versions of the account. The refund.create event names only the charge id;
// the forwarder routes it by the charge → terminal map it remembered from the sale's charge events.
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openPaymentCore, silentLogger } from '../../electron/core/index';
import type { PaymentCore } from '../../electron/core/index';
import { RelayClient } from '../../electron/relay/client';
import { createReportService } from '../../electron/reports/service';
import { createChromiumPrinter } from '../../electron/reports/pdf/chromium-printer';
import { startForwarder } from '../../forwarder/index';
import type { Forwarder } from '../../forwarder/index';
import { startSandbox } from '../../sandbox/index';
import type { ApiVersion, Sandbox } from '../../sandbox/index';
import { businessDayOf } from '../../shared';
import { CHROMIUM_PATH, needsRedis } from '../support/programs';
import { pdfText } from '../support/pdf-text';
import { useRedis } from '../support/servers';
import { tempDir } from '../support/temp';
import { waitFor } from '../support/wait';

const redis = useRedis();
let stops: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const s of stops.reverse()) await s();
  stops = [];
});

interface Live { sandbox: Sandbox; forwarder: Forwarder; core: PaymentCore; dir: string }

async function startLive(store: 'sqlite' | 'redis', apiVersion: ApiVersion): Promise<Live> {
  const dir = tempDir('refund-at-opn').dir;
  const sandbox = await startSandbox({ quiet: true, apiVersion, ignoreExpiresAt: true, webhookRetryScheduleMs: [0, 200, 500, 1000] });
  stops.push(() => sandbox.stop());
  const forwarder = await startForwarder({
    quiet: true, webhookSecret: sandbox.webhookSecret, store, dataDir: path.join(dir, 'fwd'),
    ...(store === 'redis' ? { redisUrl: redis.url, redisPrefix: `refund-${Date.now()}-${Math.random().toString(36).slice(2)}` } : {}),
  });
  stops.push(() => forwarder.stop());
  sandbox.setWebhookEndpoints([forwarder.webhookUrl]);
  const core = openPaymentCore({
    dbPath: path.join(dir, 'receipts.db'),
    opn: { baseUrl: sandbox.baseUrl, secretKey: sandbox.secretKey, timeoutMs: 5_000 },
    terminal: { terminalId: 'till-1', storeId: 'S1', country: 'SG', returnUri: 'https://shop.example/return', captureMode: 'automatic' },
    now: () => sandbox.clock.now(),
    pollIntervalMs: 0,
    backupCheckMs: 0,
    logger: silentLogger(),
  });
  stops.push(() => core.close());
  await core.recover();
  const token = await forwarder.createToken('till-1');
  const relay = new RelayClient({ url: forwarder.wsUrl, terminalId: 'till-1', token, lastSeq: () => core.relayCursor(), onEvent: (e) => core.handleRelayEvent(e) });
  relay.start();
  stops.push(() => relay.stop());
  return { sandbox, forwarder, core, dir };
}

/** A refund as the Opn dashboard makes it: the plain API, no metadata at all. */
async function refundAtOpn(sandbox: Sandbox, chargeId: string, amount: number): Promise<{ id: string }> {
  const res = await fetch(`${sandbox.baseUrl}/charges/${chargeId}/refunds`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${sandbox.secretKey}:`).toString('base64')}`, 'content-type': 'application/json' },
    body: JSON.stringify({ amount }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { id: string };
}

const cases: ['sqlite' | 'redis', ApiVersion][] = [['sqlite', '2019-05-29'], ['sqlite', '2017-11-02'], ['redis', '2019-05-29'], ['redis', '2017-11-02']];

for (const [store, version] of cases) {
  describe.skipIf(store === 'redis' && needsRedis.missing)(needsRedis.title(`${store} forwarder, account API ${version}`, store === 'redis'), () => {
    it('a refund made at Opn with no terminal metadata appears on the sale within 5 s and in X, Z and CSV', async () => {
      const { sandbox, forwarder, core, dir } = await startLive(store, version);
      const sale = await core.startSale({ amount: 5000, currency: 'SGD' });
      expect(sale.chargeId).toBeTruthy();
      await sandbox.completeCharge(sale.chargeId ?? '', 'successful');
      await waitFor(() => core.getReceipt(sale.id).sale.status === 'successful', 'the sale to be paid (through the relay)');

      // A day later: past the void window (a refund, not a void), and on its own business day.
      await sandbox.clock.advance(86_400_000);
      const opnRefund = await refundAtOpn(sandbox, sale.chargeId ?? '', 2000);
      // The deadline of the issue: the relay brings it, not a poll (pollIntervalMs is 0).
      const receipt = await waitFor(() => {
        const r = core.getReceipt(sale.id);
        return r.refunds.length > 0 ? r : null;
      }, 'the refund made at Opn on the terminal', 5_000);
      expect(receipt.refunds).toMatchObject([{ origin: 'opn', opnRefundId: opnRefund.id, amount: 2000, voided: false, status: 'succeeded', chargeId: sale.chargeId }]);
      expect(receipt.sale).toMatchObject({ status: 'partially_refunded', refundedAmount: 2000 });
      expect(await forwarder.listDeadLetters()).toEqual([]);

      // The same event again (a webhook retry) records nothing twice.
      await core.recordOpnRefunds(sandbox.charges().filter((c) => c.id === sale.chargeId));
      expect(core.getReceipt(sale.id).refunds).toHaveLength(1);

      const day = businessDayOf(new Date(receipt.refunds[0]?.createdAt ?? ''), 'Asia/Singapore', 0);
      // The PDF once (Chromium is slow on this machine), on the first case; skipped without Chromium.
      const printer = CHROMIUM_PATH && store === 'sqlite' && version === '2019-05-29' ? createChromiumPrinter({ executablePath: CHROMIUM_PATH }) : null;
      if (printer) stops.push(() => printer.close());
      const reports = createReportService({
        store: core.store, opn: core.opn, printer: printer ?? { print: () => Promise.reject(new Error('PDF checked in the first case only')) }, outputDir: path.join(dir, 'out'),
        now: () => new Date(sandbox.clock.now().getTime() + 2 * 86_400_000),
        settings: () => ({ shopName: 'Kopi', terminalId: 'till-1', timeZone: 'Asia/Singapore', dayStartMinutes: 0, currency: 'SGD' }),
      });
      const x = reports.x(day);
      expect(x.totals).toMatchObject({ refundCount: 1, refundAmount: 2000, voidCount: 0 });
      const csv = readFileSync((await reports.export(day, 'csv-sales')).location, 'utf8');
      expect(csv).toMatch(new RegExp(`refund,[^\\n]*${sale.chargeId ?? ''}[^\\n]*20\\.00`));
      expect(readFileSync((await reports.export(day, 'csv-summary')).location, 'utf8')).toMatch(/20\.00/);
      if (printer) expect(await pdfText(readFileSync((await reports.export(day, 'pdf')).location))).toMatch(/20\.00/);
      const z = reports.z(day);
      expect(z.report.totals).toMatchObject({ refundCount: 1, refundAmount: 2000 });
    }, 30_000);
  });
}
