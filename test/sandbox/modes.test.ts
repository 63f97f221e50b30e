// Modes where Opn's behaviour is undocumented or differs from the guide's example: the account's API
// version for events, a requested expires_at ignored, and answers lacking fields.
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/index';
import { call, createCharge, sandboxWithReceiver } from './helpers';

const { setup } = sandboxWithReceiver();

describe('account API version', () => {
  it('2017-11-02: webhooks and events\' data say `created`, `refunded` and lowercase currency; the charge API stays 2019-05-29', async () => {
    const { sb, rx } = await setup({ apiVersion: '2017-11-02' });
    const charge = await createCharge(sb);
    const [delivery] = await rx.waitFor(1);
    expect(delivery?.body).toMatchObject({ object: 'event', key: 'charge.create', data: { id: charge.id, currency: 'sgd' } });
    expect(delivery?.body.created).toMatch(/Z$/);
    expect(delivery?.body.created_at).toBeUndefined();
    expect(delivery?.body.data.created_at).toBeUndefined();
    // The Events API: the envelope in the request's version, `data` in the account's (as recorded).
    const events = await call(sb, 'GET', `/charges/${charge.id}/events`);
    expect(events.body.data[0].created_at).toMatch(/Z$/);
    expect(events.body.data[0].data.created).toMatch(/Z$/);
    expect(events.body.data[0].data.created_at).toBeUndefined();
    const one = await call(sb, 'GET', `/events/${events.body.data[0].id}`);
    expect(one.body.created).toBeUndefined();
    expect(one.body.data).toMatchObject({ currency: 'sgd', refunded: 0 });
    expect(one.body.data.refunded_amount).toBeUndefined();
    expect(charge).toMatchObject({ currency: 'SGD' });
    expect(charge.created_at).toMatch(/Z$/);
  });

  it('2019-05-29 (default): `created_at`', async () => {
    const { sb, rx } = await setup();
    await createCharge(sb);
    const [delivery] = await rx.waitFor(1);
    expect(delivery?.body.created_at).toMatch(/Z$/);
    expect(delivery?.body.created).toBeUndefined();
  });
});

describe('expires_at', () => {
  it('honoured by default; ignored (created + 7 days) with ignoreExpiresAt', async () => {
    const ask = (sb: Sandbox) => new Date(sb.clock.now().getTime() + 5 * 60_000).toISOString().replace(/\.\d+Z$/, 'Z');
    const { sb } = await setup();
    const honoured = await createCharge(sb, { expires_at: ask(sb) });
    expect(Date.parse(String(honoured.expires_at)) - Date.parse(String(honoured.created_at))).toBe(5 * 60_000);
    const { sb: sb2 } = await setup({ ignoreExpiresAt: true });
    const ignored = await createCharge(sb2, { expires_at: ask(sb2) });
    expect(Date.parse(String(ignored.expires_at)) - Date.parse(String(ignored.created_at))).toBe(7 * 86_400_000);
  });
});

describe('omitFields', () => {
  it('drops the fields from charges, lists of charges and nothing else', async () => {
    const { sb } = await setup({ omitFields: ['transaction_fees', 'source.absorption_type'] });
    const charge = await createCharge(sb);
    expect(charge.transaction_fees).toBeUndefined();
    expect('absorption_type' in charge.source).toBe(false);
    expect(charge.source.flow).toBe('app_redirect');
    const list = await call(sb, 'GET', '/charges');
    expect(list.body.data[0].transaction_fees).toBeUndefined();
    expect(list.body.total).toBe(1);
    const got = await call(sb, 'GET', `/charges/${charge.id}`);
    expect(got.body.transaction_fees).toBeUndefined();
    expect(got.body.fee).toBeTypeOf('number');
  });
});
