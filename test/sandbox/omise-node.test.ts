// Wire compatibility with Opn's official Node client (`omise` 1.1.0): JSON bodies, query-string GETs, empty
// POST bodies, and errors recognised by object:"error". The client cannot take a port, so (reference §9,
// option B) Node's global agent is pointed at the sandbox for this file and restored afterwards.
import http from 'node:http';
import net from 'node:net';
import Omise from 'omise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { opnChargeSchema, opnErrorSchema, opnSourceSchema } from '../../shared';
import type { Sandbox } from '../../sandbox/index';
import { RETURN_URI, quietSandbox } from './helpers';

let sb: Sandbox;
let omise: Omise.IOmise;
const originalAgent = http.globalAgent;

beforeAll(async () => {
  sb = await quietSandbox();
  const port = Number(new URL(sb.baseUrl).port);
  const agent = new http.Agent();
  agent.createConnection = () => net.createConnection({ host: '127.0.0.1', port });
  http.globalAgent = agent;
  omise = Omise({ publicKey: sb.publicKey, secretKey: sb.secretKey, omiseVersion: '2019-05-29', scheme: 'http' as Omise.Scheme });
});
afterAll(async () => {
  http.globalAgent = originalAgent;
  await sb.stop();
});

describe('omise-node against the sandbox', () => {
  it('creates a source (public key) and charges it (secret key), then retrieves, lists, expires', async () => {
    const source = opnSourceSchema.parse(await omise.sources.create({ type: 'kakaopay', amount: 150000, currency: 'sgd', platform_type: 'WEB' } as unknown as Omise.Sources.IRequest));
    expect(source.charge_status).toBe('unknown');
    const charge = opnChargeSchema.parse(
      await omise.charges.create({ amount: 150000, currency: 'SGD', source: source.id, return_uri: RETURN_URI, metadata: { sale_id: 'omise-node-1' } }),
    );
    expect(charge).toMatchObject({ status: 'pending', source: { id: source.id, charge_status: 'pending' }, metadata: { sale_id: 'omise-node-1' } });
    expect((await omise.charges.retrieve(charge.id)).id).toBe(charge.id);
    // list params travel in the query string (querystring.encode)
    const page = await omise.charges.list({ limit: 1, order: 'reverse_chronological' });
    expect(page.data.map((c) => c.id)).toEqual([charge.id]);
    expect(page.limit).toBe(1);
    // a POST with no data is an empty body with Content-Length: 0
    const expired = await omise.charges.expire(charge.id);
    expect(expired.status).toBe('expired');
  });

  it('refunds a paid charge with a JSON body', async () => {
    const charge = await omise.charges.create({ amount: 5000, currency: 'SGD', source: { type: 'kakaopay' }, return_uri: RETURN_URI } as unknown as Omise.Charges.IRequest);
    await sb.completeCharge(charge.id, 'successful');
    const refund = await omise.charges.createRefund(charge.id, { amount: 1000 });
    expect(refund).toMatchObject({ object: 'refund', amount: 1000, charge: charge.id });
    expect((await omise.charges.listRefunds(charge.id)).total).toBe(1);
  });

  it('rejects with the error object (object:"error") for bad input, unknown ids and wrong keys', async () => {
    const bad = await omise.charges.create({ amount: -1, currency: 'SGD', source: { type: 'kakaopay' }, return_uri: RETURN_URI } as unknown as Omise.Charges.IRequest).catch((e: unknown) => e);
    expect(opnErrorSchema.parse(bad).code).toBe('invalid_amount');
    const missing = await omise.charges.retrieve('chrg_test_0000000000000000000').catch((e: unknown) => e);
    expect(opnErrorSchema.parse(missing).code).toBe('not_found');
    const wrong = Omise({ publicKey: 'pkey_test_nope', secretKey: 'skey_test_nope', scheme: 'http' as Omise.Scheme });
    const denied = await wrong.charges.list().catch((e: unknown) => e);
    expect(opnErrorSchema.parse(denied).code).toBe('authentication_failure');
    const capability = await omise.capability.retrieve();
    expect(capability.object).toBe('capability');
  });
});
