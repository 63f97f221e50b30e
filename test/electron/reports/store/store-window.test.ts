// The store report's window (issue 20, point 6): Opn is asked for the business day one second wider at the start and up to the end's second included (whether from/to are inclusive
// is undocumented), and the answer is filtered by created_at and deduplicated by charge id: a charge in the
// day's last second counts, one a moment after midnight belongs to the next day.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createOpnClient } from '../../../../electron/core/opn/index';
import type { OpnClient } from '../../../../electron/core/opn/index';
import { storeDayReport } from '../../../../electron/reports/store/index';
import type { Sandbox } from '../../../../sandbox/index';
import { startSandbox } from '../../../../sandbox/index';

let sb: Sandbox;
let opn: OpnClient;
const asked: URLSearchParams[] = [];

beforeAll(async () => {
  // 27 Nov, 23:59:59.6 in Singapore.
  // Frozen: under load the first charge must still be made at 23:59:59.6, not a moment later.
  sb = await startSandbox({ country: 'SG', quiet: true, frozenClock: true, startTime: new Date('2026-11-27T15:59:59.600Z') });
  opn = createOpnClient({
    baseUrl: sb.baseUrl, secretKey: sb.secretKey, retries: 0,
    fetch: (input, init) => {
      const url = new URL(String(input));
      if (url.pathname === '/charges' && (init?.method ?? 'GET') === 'GET') asked.push(url.searchParams);
      return fetch(input, init);
    },
  });
  const pay = async (amount: number, sale: string): Promise<void> => {
    const c = await opn.createCharge({ amount, currency: 'SGD', returnUri: 'https://shop.example/r', platformType: 'WEB', capture: true, metadata: { terminal_id: 'term_a', store_id: 'store_1', sale_id: sale }, idempotencyKey: sale });
    await sb.completeCharge(c.id, 'successful');
  };
  await pay(1_100, 'sale_last_second');
  await sb.clock.advance(600); // 28 Nov, 00:00:00.2
  await pay(2_200, 'sale_next_day');
});
afterAll(async () => {
  await sb.stop();
});

it('asks Opn for the day one second wider and counts each charge of the day once', async () => {
  const report = await storeDayReport({ opn, day: '2026-11-27', timeZone: 'Asia/Singapore', storeId: 'store_1', shopName: 'x', currency: 'SGD', terminalId: 'term_a', pageSize: 1, concurrency: 2 });
  expect(report.totals).toMatchObject({ successfulCount: 1, gross: 1_100 });
  const first = asked[0];
  expect(first?.get('from')).toBe('2026-11-26T15:59:59Z');
  expect(first?.get('to')).toBe('2026-11-27T16:00:00Z');
  // One window for the whole day: its pages (of 1) hold the day's last-second charge and the next day's first.
  expect(asked.map((q) => q.get('offset'))).toEqual(['0', '1']);
  const next = await storeDayReport({ opn, day: '2026-11-28', timeZone: 'Asia/Singapore', storeId: 'store_1', shopName: 'x', currency: 'SGD', terminalId: 'term_a' });
  expect(next.totals).toMatchObject({ successfulCount: 1, gross: 2_200 });
});
