// The sandbox writes JSON answers in pieces (sandbox/http/json-chunks.ts): joined, they must be exactly
// JSON.stringify's text, whatever the value holds, and a big list must really come in pieces.
import { expect, it } from 'vitest';
import { jsonChunks } from '../../sandbox/http/json-chunks';

const charge = (i: number) => ({
  object: 'charge',
  id: `chrg_test_${i}`,
  amount: 1_000 + i,
  description: i % 3 ? null : `커피 ${i} กาแฟ "quoted" \\ back\nline`,
  metadata: { store_id: 'store_1', note: undefined, sale_id: `sale_${i}` },
  refunds: { object: 'list', data: [], total: 0 },
  created_at: new Date(Date.UTC(2026, 10, 27, 0, 0, i)),
  fee: i % 2 ? undefined : 29,
});

it('joins to JSON.stringify’s text for lists, objects, arrays and plain values', () => {
  const values: unknown[] = [
    { object: 'list', data: Array.from({ length: 100 }, (_, i) => charge(i)), limit: 100, offset: 0, total: 63_000, location: '/charges', skip: undefined },
    { object: 'list', data: [], total: 0 },
    [1, undefined, () => 1, Symbol('s'), null, 'x', [2, undefined], { a: undefined }],
    { toJSON: () => ({ replaced: true }) },
    { created: new Date(0), nested: { deeper: { deepest: [undefined, 1] } } },
    Object.assign(Object.create(null) as object, { bare: 1 }),
    'text',
    42,
    null,
    true,
  ];
  for (const v of values) expect(jsonChunks(v).join('')).toBe(JSON.stringify(v));
});

it('cuts a page of 100 charges into pieces no bigger than 32 K characters, each whole charge in one', () => {
  const page = { object: 'list', data: Array.from({ length: 100 }, (_, i) => ({ ...charge(i), padding: 'p'.repeat(2_000) })), total: 100 };
  const chunks = jsonChunks(page);
  expect(chunks.join('')).toBe(JSON.stringify(page));
  expect(chunks.length).toBeGreaterThan(5);
  for (const c of chunks) expect(c.length).toBeLessThanOrEqual(32 * 1024);
});
