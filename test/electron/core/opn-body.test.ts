// The Opn client decodes an answer chunk by chunk as it arrives (electron/core/opn/http.ts): a page of
// 100 charges whose metadata is Hangul and Thai (3 bytes a character in UTF-8, so characters fall across
// the socket's chunks) reads back exactly as written, and an answer whose body is empty or not JSON
// still fails as before.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { OpnApiError, createOpnClient } from '../../../electron/core/opn/index';
import type { OpnClient } from '../../../electron/core/opn/index';
import type { Sandbox } from '../../../sandbox/index';
import { startSandbox } from '../../../sandbox/index';

let sb: Sandbox;
let opn: OpnClient;
const note = (i: number): string => `${i} 커피와 케이크 กาแฟและเค้ก `.repeat(40);

beforeAll(async () => {
  sb = await startSandbox({ country: 'SG', quiet: true, frozenClock: true, startTime: new Date('2026-11-27T02:00:00Z') });
  opn = createOpnClient({ baseUrl: sb.baseUrl, secretKey: sb.secretKey, retries: 0 });
  for (let i = 0; i < 100; i++) {
    await opn.createCharge({ amount: 1_000 + i, currency: 'SGD', returnUri: 'https://shop.example/r', platformType: 'WEB', capture: true, metadata: { store_id: 'store_1', note: note(i) }, idempotencyKey: `k${i}` });
  }
});
afterAll(async () => {
  await sb.stop();
});

it('reads a page of 100 charges with multibyte metadata exactly', async () => {
  const page = await opn.listCharges({ limit: 100, order: 'chronological' });
  expect(page.total).toBe(100);
  expect(page.data.map((c) => c.metadata.note)).toEqual(Array.from({ length: 100 }, (_, i) => note(i)));
  const summaries = await opn.listChargeSummaries({ limit: 100, offset: 50 });
  expect(summaries.data.map((c) => c.amount)).toEqual(Array.from({ length: 50 }, (_, i) => 1_050 + i));
});

it('still refuses an answer that is empty or not JSON', async () => {
  for (const body of ['', 'not json']) {
    const client = createOpnClient({ baseUrl: sb.baseUrl, secretKey: sb.secretKey, retries: 0, fetch: () => Promise.resolve(new Response(body, { status: 200 })) });
    const err = await client.retrieveCharge('chrg_test_x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpnApiError);
    expect((err as OpnApiError).code).toBe('invalid_response');
  }
});
