/* eslint-disable @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-argument -- responses are untyped JSON asserted field by field */
// The REST API over real HTTP: shapes against the guide's examples and shared/opn/schemas.ts, auth, lists,
// and every bad input getting the error envelope while changing nothing.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { opnChargeSchema, opnErrorSchema, opnEventSchema, opnListSchema, opnSourceSchema } from '../../shared';
import type { Sandbox } from '../../sandbox/index';
import type { Json } from './helpers';
import { RETURN_URI, call, createCharge, quietSandbox } from './helpers';

const guide = JSON.parse(readFileSync(new URL('./fixtures/guide-examples.json', import.meta.url), 'utf8')) as { source: Json; charge: Json };
const ID = (prefix: string) => new RegExp(`^${prefix}_test_[0-9a-z]{19}$`);
const TS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** Same keys as the guide's example, and each value of the same JSON type (null where the guide has null, or its documented alternative). */
function expectSameShape(actual: Json, example: Json, path = ''): void {
  expect(Object.keys(actual).sort(), `keys of ${path || 'root'}`).toEqual(Object.keys(example).sort());
  for (const [k, v] of Object.entries(example)) {
    const a = actual[k];
    if (v === null) continue; // nullable in the guide: schemas.ts pins the alternatives
    const kind = (x: unknown) => (Array.isArray(x) ? 'array' : x === null ? 'null' : typeof x);
    expect(kind(a), `${path}${k}`).toBe(kind(v));
    if (kind(v) === 'object' && k !== 'metadata') expectSameShape(a, v as Json, `${path}${k}.`);
  }
}

let sb: Sandbox;
beforeAll(async () => {
  sb = await quietSandbox();
});
afterAll(() => sb.stop());

function expectError(r: { status: number; body: Json }, status: number, code: string): void {
  expect(r.status).toBe(status);
  expect(opnErrorSchema.parse(r.body)).toMatchObject({ object: 'error', code });
  expect(Object.keys(r.body).sort()).toEqual(['code', 'location', 'message', 'object']);
  expect(r.body.message).not.toContain(sb.secretKey);
}

describe('sources', () => {
  it('creates a kakaopay source with the public key, shaped like the guide', async () => {
    const r = await call(sb, 'POST', '/sources', { key: sb.publicKey, form: { amount: '150000', currency: 'sgd', type: 'kakaopay', platform_type: 'WEB' } });
    expect(r.status).toBe(200);
    expectSameShape(r.body, guide.source);
    opnSourceSchema.parse(r.body);
    expect(r.body).toMatchObject({ amount: 150000, currency: 'SGD', flow: 'app_redirect', charge_status: 'unknown', platform_type: 'WEB', livemode: false });
    expect(r.body.id).toMatch(ID('src'));
    expect(r.body.created_at).toMatch(TS);
    const got = await call(sb, 'GET', `/sources/${r.body.id}`, { key: sb.publicKey });
    expect(got.body).toEqual(r.body);
  });

  it('accepts the secret key on /sources too (omise-ruby uses it)', async () => {
    const r = await call(sb, 'POST', '/sources', { json: { amount: 100, currency: 'SGD', type: 'kakaopay' } });
    expect(r.status).toBe(200);
    expect(r.body.platform_type).toBeNull();
  });

  it.each([
    [{ amount: '-100', currency: 'SGD', type: 'kakaopay' }, 'invalid_amount'],
    [{ amount: '100.5', currency: 'SGD', type: 'kakaopay' }, 'invalid_amount'],
    [{ amount: 'abc', currency: 'SGD', type: 'kakaopay' }, 'invalid_amount'],
    [{ amount: '1e5', currency: 'SGD', type: 'kakaopay' }, 'invalid_amount'],
    [{ amount: '99', currency: 'SGD', type: 'kakaopay' }, 'invalid_amount'],
    [{ amount: '2000001', currency: 'SGD', type: 'kakaopay' }, 'invalid_amount'],
    [{ amount: '1000', currency: 'THB', type: 'kakaopay' }, 'bad_request'],
    [{ amount: '1000', currency: 'SGD', type: 'wechat_pay' }, 'bad_request'],
    [{ amount: '1000', currency: 'SGD', type: 'kakaopay', platform_type: 'PALM' }, 'bad_request'],
    [{ currency: 'SGD', type: 'kakaopay' }, 'invalid_amount'],
  ])('rejects %j with %s and creates nothing', async (params, code) => {
    const before = (await call(sb, 'GET', '/events')).body.total as number;
    const r = await call(sb, 'POST', '/sources', { key: sb.publicKey, form: params });
    expectError(r, 400, code);
    expect((await call(sb, 'GET', '/events')).body.total).toBe(before);
  });

  it('rejects a fractional JSON amount', async () => {
    expectError(await call(sb, 'POST', '/sources', { key: sb.publicKey, json: { amount: 100.5, currency: 'SGD', type: 'kakaopay' } }), 400, 'invalid_amount');
  });

  it('404s an unknown source id', async () => {
    expectError(await call(sb, 'GET', '/sources/src_test_0000000000000000000', { key: sb.publicKey }), 404, 'not_found');
  });
});

describe('charges', () => {
  it('charges a source by id exactly like the guide example (keys, types, fees, source.charge_status)', async () => {
    const src = await call(sb, 'POST', '/sources', { key: sb.publicKey, form: { amount: 150000, currency: 'SGD', type: 'kakaopay', platform_type: 'WEB' } });
    const r = await call(sb, 'POST', '/charges', { form: { amount: '150000', currency: 'SGD', return_uri: RETURN_URI, source: src.body.id } });
    expect(r.status).toBe(200);
    expectSameShape(r.body, guide.charge);
    const c = opnChargeSchema.parse(r.body);
    expect(c.id).toMatch(ID('chrg'));
    expect(c).toMatchObject({ status: 'pending', amount: 150000, fee: 4350, fee_vat: 0, net: 145650, funding_amount: 150000, currency: 'SGD', capture: true, authorized: false, paid: false, return_uri: RETURN_URI });
    expect(c.transaction_fees).toEqual({ fee_flat: '0.0', fee_rate: '2.9', vat_rate: '0.0' });
    expect(c.source?.id).toBe(src.body.id);
    expect(c.source?.charge_status).toBe('pending');
    expect(c.authorize_uri).toMatch(new RegExp(`^${sb.baseUrl}/payments/pay2_test_[0-9a-z]{19}/authorize$`));
    expect(Date.parse(c.expires_at ?? '') - Date.parse(c.created_at)).toBe(7 * 86_400_000);
    expect(c.refunds?.location).toBe(`/charges/${c.id}/refunds`);
    const src2 = await call(sb, 'GET', `/sources/${src.body.id}`, { key: sb.publicKey });
    expect(src2.body.charge_status).toBe('pending');
    // a source is charged once
    const again = await call(sb, 'POST', '/charges', { form: { amount: 150000, currency: 'SGD', return_uri: RETURN_URI, source: src.body.id } });
    expectError(again, 400, 'invalid_charge');
  });

  it('creates source and charge in one request (inline source, JSON body) with metadata and webhook_endpoints', async () => {
    const r = await call(sb, 'POST', '/charges', {
      json: { amount: 2500, currency: 'SGD', return_uri: RETURN_URI, source: { type: 'kakaopay', platform_type: 'IOS' }, metadata: { sale_id: 's-1', terminal_id: 't-1', n: 3 }, description: 'Coffee', webhook_endpoints: ['https://hooks.example.com/a'] },
    });
    expect(r.status).toBe(200);
    expect(r.body.metadata).toEqual({ sale_id: 's-1', terminal_id: 't-1', n: 3 });
    expect(r.body.source).toMatchObject({ type: 'kakaopay', platform_type: 'IOS', amount: 2500, currency: 'SGD', charge_status: 'pending' });
    expect(r.body.description).toBe('Coffee');
  });

  it('keeps form metadata values as strings (only known numeric fields are coerced)', async () => {
    const c = await createCharge(sb, { metadata: { sale_id: '00042' } }, 1000);
    expect(c.metadata).toEqual({ sale_id: '00042' });
    expect(c.amount).toBe(1000);
  });

  it.each([
    ['a mismatched amount', { amount: 999 }, 400, 'invalid_charge'],
    ['an unknown source id', { source: 'src_test_zzzzzzzzzzzzzzzzzzz' }, 404, 'not_found'],
  ])('rejects %s', async (_name, override, status, code) => {
    const src = await call(sb, 'POST', '/sources', { key: sb.publicKey, form: { amount: 1000, currency: 'SGD', type: 'kakaopay' } });
    const r = await call(sb, 'POST', '/charges', { form: { amount: 1000, currency: 'SGD', return_uri: RETURN_URI, source: src.body.id, ...override } });
    expectError(r, status, code);
    expect((await call(sb, 'GET', `/sources/${src.body.id}`, { key: sb.publicKey })).body.charge_status).toBe('unknown');
  });

  it.each([
    ['negative amount', { amount: '-5' }, 'invalid_amount'],
    ['fractional amount', { amount: '10.50' }, 'invalid_amount'],
    ['non-numeric amount', { amount: 'ten' }, 'invalid_amount'],
    ['amount over the SG maximum', { amount: 2_000_001 }, 'invalid_amount'],
    ['wrong currency', { currency: 'THB' }, 'invalid_charge'],
    ['unknown source type', { source: { type: 'bitcoin' } }, 'bad_request'],
    ['non-https return_uri', { return_uri: 'http://example.com/done' }, 'bad_request'],
    ['garbage return_uri', { return_uri: 'not a url' }, 'bad_request'],
    ['missing return_uri', { return_uri: '' }, 'bad_request'],
    ['no source', { source: '' }, 'bad_request'],
    ['a card', { card: 'tokn_test_x' }, 'bad_request'],
    ['bad capture flag', { capture: 'maybe' }, 'bad_request'],
    ['expires_at in the past', { expires_at: '2001-01-01T00:00:00Z' }, 'bad_request'],
    ['three webhook endpoints', { webhook_endpoints: ['https://a.example', 'https://b.example', 'https://c.example'] }, 'bad_request'],
  ])('rejects %s and changes nothing', async (_name, override, code) => {
    const before = { charges: sb.charges().length, events: (await call(sb, 'GET', '/events')).body.total as number };
    const params: Json = { amount: 1000, currency: 'SGD', return_uri: RETURN_URI, source: { type: 'kakaopay' }, ...override };
    if (params.return_uri === '') delete params.return_uri;
    if (params.source === '') delete params.source;
    const r = await call(sb, 'POST', '/charges', { json: params });
    expect(r.status).toBe(400);
    expect(r.body.code === code || (code === 'bad_request' && r.body.code === 'invalid_charge')).toBe(true);
    opnErrorSchema.parse(r.body);
    expect(sb.charges().length).toBe(before.charges);
    expect((await call(sb, 'GET', '/events')).body.total).toBe(before.events);
  });

  it('accepts http://localhost return_uri only when allowed', async () => {
    const strict = await quietSandbox({ allowInsecureReturnUri: false });
    try {
      const body = { amount: 1000, currency: 'SGD', return_uri: 'http://127.0.0.1:5173/done', source: { type: 'kakaopay' } };
      expectError(await call(strict, 'POST', '/charges', { json: body }), 400, 'bad_request');
      expect((await call(sb, 'POST', '/charges', { json: body })).status).toBe(200);
    } finally {
      await strict.stop();
    }
  });

  it('puts publicBaseUrl (e.g. a LAN address for a phone) in authorize_uri', async () => {
    const lan = await quietSandbox({ publicBaseUrl: 'http://192.168.1.20:4010/' });
    try {
      const c = await createCharge(lan, {}, 1000);
      expect(c.authorize_uri).toMatch(/^http:\/\/192\.168\.1\.20:4010\/payments\/pay2_test_[0-9a-z]{19}\/authorize$/);
    } finally {
      await lan.stop();
    }
  });

  it('logs method, path and status only: never keys or bodies', async () => {
    const lines: string[] = [];
    const logged = await quietSandbox({ quiet: false, log: (l) => lines.push(l) });
    try {
      await createCharge(logged, { metadata: { sale_id: 'secret-sale' } }, 1000);
      await call(logged, 'GET', '/charges', { key: 'skey_test_attacker' });
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/^POST \/charges 200 \d+ms$/);
      expect(lines[1]).toMatch(/^GET \/charges 401 \d+ms$/);
      expect(lines.join('\n')).not.toMatch(/skey_|pkey_|secret-sale/);
    } finally {
      await logged.stop();
    }
  });

  it('PATCH updates description and metadata', async () => {
    const c = await createCharge(sb, {}, 1000);
    const r = await call(sb, 'PATCH', `/charges/${c.id}`, { json: { description: 'changed', metadata: { note: 'x' } } });
    expect(r.body).toMatchObject({ description: 'changed', metadata: { note: 'x' } });
    expect((await call(sb, 'GET', `/charges/${c.id}`)).body.description).toBe('changed');
  });

  it('404s unknown charges, sub-resources and routes', async () => {
    expectError(await call(sb, 'GET', '/charges/chrg_test_0000000000000000000'), 404, 'not_found');
    expectError(await call(sb, 'POST', '/charges/chrg_test_0000000000000000000/expire'), 404, 'not_found');
    expectError(await call(sb, 'GET', '/nothing-here'), 404, 'not_found');
    expectError(await call(sb, 'DELETE', '/charges'), 404, 'not_found');
  });
});

describe('authentication', () => {
  it('401s a missing, wrong or public key on secret-only endpoints', async () => {
    expectError(await call(sb, 'GET', '/charges', { key: null }), 401, 'authentication_failure');
    expectError(await call(sb, 'GET', '/charges', { key: 'skey_test_wrong' }), 401, 'authentication_failure');
    expectError(await call(sb, 'GET', '/charges', { key: sb.publicKey }), 401, 'authentication_failure');
    expectError(await call(sb, 'POST', '/charges', { key: sb.publicKey, form: { amount: 1000 } }), 401, 'authentication_failure');
    expectError(await call(sb, 'GET', '/charges', { headers: { Authorization: 'Bearer x' }, key: null }), 401, 'authentication_failure');
    expectError(await call(sb, 'POST', '/__sandbox/clock', { key: sb.publicKey, json: { advanceMs: 1 } }), 401, 'authentication_failure');
  });

  it('lets the public key read capability', async () => {
    const r = await call(sb, 'GET', '/capability', { key: sb.publicKey });
    expect(r.status).toBe(200);
    expect(r.body.payment_methods).toContainEqual(expect.objectContaining({ name: 'kakaopay', currencies: ['SGD'] }));
    expectError(await call(sb, 'GET', '/capability', { key: 'pkey_test_nope' }), 401, 'authentication_failure');
  });
});

describe('bodies', () => {
  it.each([
    ['malformed JSON', '{"amount": 10', 'application/json'],
    ['a JSON array', '[1,2]', 'application/json'],
    ['a malformed form key', 'amount]=1&a[b=2', 'application/x-www-form-urlencoded'],
    ['bad percent-encoding', 'amount=%E0%A4%A', 'application/x-www-form-urlencoded'],
    ['a wrong content type', 'amount=1000', 'text/plain'],
    ['multipart', '--x\r\n', 'multipart/form-data; boundary=x'],
  ])('400s %s', async (_name, raw, contentType) => {
    const n = sb.charges().length;
    expectError(await call(sb, 'POST', '/charges', { raw, contentType }), 400, 'bad_request');
    expect(sb.charges().length).toBe(n);
  });

  it('answers any garbage body with an error object (never a 5xx) and creates nothing', async () => {
    const n = sb.charges().length;
    const types = ['application/json', 'application/x-www-form-urlencoded', 'text/plain', ''];
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 200 }), fc.constantFrom(...types), async (raw, contentType) => {
        const r = await call(sb, 'POST', '/charges', { raw, ...(contentType ? { contentType } : {}) });
        expect(r.status).toBeGreaterThanOrEqual(400);
        expect(r.status).toBeLessThan(500);
        expect(r.body.object).toBe('error');
      }),
      { numRuns: 150 },
    );
    expect(sb.charges().length).toBe(n);
  });

  it('413s a body over 1 MB', async () => {
    const n = sb.charges().length;
    const raw = `amount=1000&currency=SGD&description=${'x'.repeat(1024 * 1024)}`;
    expectError(await call(sb, 'POST', '/charges', { raw, contentType: 'application/x-www-form-urlencoded' }), 413, 'bad_request');
    expect(sb.charges().length).toBe(n);
  });

  it('treats an empty JSON body as no parameters (omise-node sends "" on bodiless POSTs)', async () => {
    const c = await createCharge(sb, {}, 1000);
    const r = await call(sb, 'POST', `/charges/${c.id}/expire`, { raw: '', contentType: 'application/json' });
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('expired');
  });
});

describe('lists', () => {
  it('pages charges with from/to (inclusive), offset, limit (max 100) and order, as documented', async () => {
    const start = new Date('2030-01-01T00:00:00Z');
    const s = await quietSandbox({ startTime: start });
    try {
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        ids.push((await createCharge(s, { metadata: { sale_id: `sale-${i}` } }, 1000)).id as string);
        await s.clock.advance(60_000);
      }
      const all = await call(s, 'GET', '/charges');
      opnListSchema(opnChargeSchema).parse(all.body);
      expect(all.body).toMatchObject({ object: 'list', location: '/charges', offset: 0, limit: 20, total: 5, order: 'chronological', from: '1970-01-01T00:00:00Z' });
      expect(all.body.data.map((c: Json) => c.id)).toEqual(ids);

      const created = all.body.data.map((c: Json) => c.created_at as string);
      // from/to inclusive at both ends, compared at the second clients see
      const window = await call(s, 'GET', `/charges?from=${created[1]}&to=${created[3]}`);
      expect(window.body.data.map((c: Json) => c.id)).toEqual(ids.slice(1, 4));
      expect(window.body).toMatchObject({ total: 3, from: created[1], to: created[3] });
      // a sub-second bound after a created_at second excludes it
      const sub = await call(s, 'GET', `/charges?from=${encodeURIComponent(created[1].replace('Z', '.500Z'))}`);
      expect(sub.body.data[0].id).toBe(ids[2]);

      const page = await call(s, 'GET', '/charges?offset=1&limit=2&order=reverse_chronological');
      expect(page.body.data.map((c: Json) => c.id)).toEqual([ids[3], ids[2]]);
      expect(page.body).toMatchObject({ total: 5, offset: 1, limit: 2, order: 'reverse_chronological' });

      expect((await call(s, 'GET', '/charges?limit=500')).body.limit).toBe(100);
      // go/python style: list parameters as a JSON body on GET
      const viaBody = await call(s, 'GET', '/charges', { json: { limit: 1, offset: 4 } });
      expect(viaBody.body.data.map((c: Json) => c.id)).toEqual([ids[4]]);

      for (const bad of ['limit=0', 'limit=x', 'offset=-1', 'order=random', 'from=yesterday', 'to=2030-13-45']) {
        const r = await call(s, 'GET', `/charges?${bad}`);
        expectError(r, 400, 'invalid_filter');
      }
    } finally {
      await s.stop();
    }
  });

  it('lists events, each an event object carrying its charge', async () => {
    const c = await createCharge(sb, {}, 1000);
    const events = await call(sb, 'GET', `/charges/${c.id}/events`);
    expect(events.body.data).toHaveLength(1);
    const e = opnEventSchema.parse(events.body.data[0]);
    expect(e.key).toBe('charge.create');
    expect(e.id).toMatch(ID('evnt'));
    expect(e.data.id).toBe(c.id);
    const one = await call(sb, 'GET', `/events/${e.id}`);
    expect(one.body.webhook_deliveries).toEqual([]);
    expectError(await call(sb, 'GET', '/events/evnt_test_nope'), 404, 'not_found');
  });
});
