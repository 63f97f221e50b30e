// The live-readiness probe: every call the terminal makes, against Opn test mode (or the sandbox), with the
// core's own client and schemas. Each raw answer is also compared field by field with the declared shape
// (= what the sandbox answers). Nothing secret enters the report: keys are never copied, bodies are
// reduced to field paths and JSON types.
import { z } from 'zod';
import { opnChargeSchema, opnEventSchema, opnListSchema, opnRefundSchema } from '../../shared';
import type { Currency, OpnCharge } from '../../shared';
import { rulesForCurrency } from '../../shared';
import { createOpnClient, opnCapabilitySchema, OpnApiError, OpnNetworkError } from '../core/opn/index';
import type { FetchLike, OpnClient } from '../core/opn/index';
import type { FieldDiff } from './shape-diff';
import { diffShape } from './shape-diff';

export interface ProbeOptions {
  secretKey: string;
  publicKey?: string;
  apiBase: string;
  /** SGD or THB; default: the first KakaoPay currency the capability lists. */
  currency?: Currency;
  fetch?: FetchLike;
  now?: () => Date;
}

export interface CallReport {
  readonly name: string;
  readonly request: string;
  /** ok: answered and parsed; refused: Opn's error object; invalid: the terminal's schema rejected it; network; skipped. */
  readonly outcome: 'ok' | 'refused' | 'invalid' | 'network' | 'skipped';
  readonly httpStatus: number | null;
  readonly detail: string | null;
  readonly fields: readonly FieldDiff[];
}

export interface ProbeReport {
  readonly tool: 'opn-probe';
  readonly generatedAt: string;
  readonly apiBase: string;
  readonly keyMode: 'test';
  /** The account's API version, read from how its events are serialised (`created_at` or `created`). */
  readonly accountApiVersion: '2019-05-29' | '2017-11-02 or older' | 'unknown';
  readonly kakaopay: { readonly enabled: boolean | null; readonly currencies: readonly string[] };
  readonly expiresAt: { readonly asked: string | null; readonly answered: string | null; readonly honoured: boolean | null };
  readonly calls: readonly CallReport[];
  /** Ready: every call the terminal needs answered and parsed with the terminal's schemas. */
  readonly ready: boolean;
}

/** No answer at all from the API base: the probe exits 2 with one line. */
export class ProbeUnreachable extends Error {}

const chargeList = opnListSchema(opnChargeSchema);
const refundList = opnListSchema(opnRefundSchema);
// What the sandbox answers where the terminal's schema is deliberately minimal (capability, events), so a
// field reported as extra/missing is one the sandbox does not serialise the same way.
const capabilityRef = opnCapabilitySchema.extend({
  location: z.string(),
  country: z.string(),
  banks: z.array(z.unknown()),
  payment_methods: z.array(
    z.looseObject({ object: z.string(), name: z.string(), currencies: z.array(z.string()), card_brands: z.unknown(), installment_terms: z.unknown(), banks: z.array(z.unknown()), provider: z.string().nullable() }),
  ),
  tokenization_methods: z.array(z.unknown()),
  zero_interest_installments: z.boolean(),
  limits: z.unknown(),
});
// An event's data follows the account's API version and is never read (the charge is fetched): not compared.
const eventRef = opnEventSchema.extend({ data: z.unknown(), webhook_deliveries: z.array(z.unknown()).optional() });
const eventListRef = opnListSchema(eventRef);

interface Recorded {
  status: number;
  body: unknown;
}

export async function runProbe(o: ProbeOptions): Promise<ProbeReport> {
  const now = o.now ?? (() => new Date());
  const baseFetch: FetchLike = o.fetch ?? ((input, init) => fetch(input, init));
  let last: Recorded | null = null;
  // Keeps each raw answer for the field comparison; the client still parses it with the real schemas.
  const recording: FetchLike = async (input, init) => {
    const res = await baseFetch(input, init);
    const text = await res.text();
    let body: unknown = null;
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
    last = { status: res.status, body };
    return new Response(text, { status: res.status, headers: res.headers });
  };
  const client = createOpnClient({ baseUrl: o.apiBase, secretKey: o.secretKey, fetch: recording, retries: 1, timeoutMs: 20_000 });
  const calls: CallReport[] = [];

  async function call<T>(name: string, request: string, schema: z.ZodType, run: (c: OpnClient) => Promise<T>, c: OpnClient = client): Promise<T | null> {
    last = null;
    try {
      const value = await run(c);
      const rec = last as Recorded | null;
      calls.push({ name, request, outcome: 'ok', httpStatus: rec?.status ?? null, detail: null, fields: rec ? diffShape(schema, rec.body) : [] });
      return value;
    } catch (e) {
      const rec = last as Recorded | null;
      if (e instanceof OpnNetworkError) {
        // The very first call got no answer at all: no network (or a wrong --api-base).
        if (calls.length === 0) throw new ProbeUnreachable(e.causeCode ?? e.phase);
        calls.push({ name, request, outcome: 'network', httpStatus: null, detail: e.message, fields: [] });
      } else if (e instanceof OpnApiError) {
        const invalid = e.code === 'invalid_response';
        const fields = invalid && rec ? diffShape(schema, rec.body) : [];
        calls.push({ name, request, outcome: invalid ? 'invalid' : 'refused', httpStatus: e.httpStatus, detail: `${e.code}: ${e.message}`, fields });
      } else throw e;
      return null;
    }
  }
  const skip = (name: string, request: string, why: string): void => {
    calls.push({ name, request, outcome: 'skipped', httpStatus: null, detail: why, fields: [] });
  };

  const cap = await call('capability', 'GET /capability', capabilityRef, (c) => c.capability());
  if (o.publicKey) {
    const pub = createOpnClient({ baseUrl: o.apiBase, secretKey: o.publicKey, fetch: recording, retries: 1 });
    await call('capability (public key)', 'GET /capability', capabilityRef, (c) => c.capability(), pub);
  }
  const kakao = cap?.payment_methods?.find((m) => m.name === 'kakaopay');
  const currencies = (kakao?.currencies ?? []).map((c) => c.toUpperCase());
  const currency = o.currency ?? (currencies.includes('THB') && !currencies.includes('SGD') ? 'THB' : 'SGD');

  const started = now();
  const asked = new Date(started.getTime() + 5 * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const saleId = `probe_${started.getTime()}`;
  const create = (suffix: string) =>
    call(`create charge${suffix}`, 'POST /charges (source[type]=kakaopay)', opnChargeSchema, (c) =>
      c.createCharge({
        // The smallest amount KakaoPay accepts in that currency (shared/money).
        amount: rulesForCurrency(currency).minAmount,
        currency,
        returnUri: 'https://example.com/opn-probe/return',
        platformType: 'WEB',
        metadata: { terminal_id: 'opn-probe', store_id: 'opn-probe', sale_id: `${saleId}${suffix ? '_2' : ''}` },
        capture: true,
        expiresAt: asked,
        idempotencyKey: `${saleId}${suffix}`,
      }),
    );
  const charge = await create('');
  let answered: string | null = null;
  if (charge) {
    answered = charge.expires_at ?? null;
    await call('retrieve charge', 'GET /charges/:id', opnChargeSchema, (c) => c.retrieveCharge(charge.id));
    const from = new Date(started.getTime() - 60_000).toISOString();
    const to = new Date(now().getTime() + 60_000).toISOString();
    const list = await call('list charges in a window', 'GET /charges?from&to', chargeList, (c) => c.listCharges({ from, to, limit: 100, order: 'chronological' }));
    if (list && !list.data.some((c) => c.id === charge.id)) calls.push({ name: 'list charges in a window', request: 'GET /charges?from&to', outcome: 'invalid', httpStatus: null, detail: 'the new charge is not in the window around its creation', fields: [] });
    await call('expire charge', 'POST /charges/:id/expire', opnChargeSchema, (c) => c.expireCharge(charge.id));
  } else {
    for (const n of ['retrieve charge', 'list charges in a window', 'expire charge']) skip(n, '', 'no charge was created');
  }
  const events = await call('list events (account API version)', 'GET /events', eventListRef, (c) => c.listEvents({ from: new Date(started.getTime() - 60_000).toISOString(), limit: 100, order: 'reverse_chronological' }));
  await refundPath(charge !== null);

  async function refundPath(haveCharge: boolean): Promise<void> {
    if (!haveCharge) return skip('refund', 'POST /charges/:id/refunds', 'no charge was created');
    const paid = await create(' (for the refund path)');
    if (!paid) return skip('refund', 'POST /charges/:id/refunds', 'the second charge was not created');
    // Test mode only: Opn's mark_as_paid (the same call the sandbox offers). Not a call the terminal makes.
    const marked = await markAsPaid(baseFetch, o.apiBase, o.secretKey, paid.id);
    if (!marked) return skip('refund', 'POST /charges/:id/refunds', 'test mode did not let the probe mark a KakaoPay charge paid');
    await call('refund', 'POST /charges/:id/refunds', opnRefundSchema, (c) => c.createRefund(paid.id, { amount: paid.amount, metadata: { refund_id: `${saleId}_r`, sale_id: `${saleId}_2`, terminal_id: 'opn-probe' }, idempotencyKey: `${saleId}_r` }));
    await call('list refunds', 'GET /charges/:id/refunds', refundList, (c) => c.listRefunds(paid.id, { limit: 100 }));
  }

  const ours = events?.data.find((e) => e.data.id === charge?.id);
  const accountApiVersion = !ours ? 'unknown' : ours.created_at !== undefined ? '2019-05-29' : ours.created !== undefined ? '2017-11-02 or older' : 'unknown';
  const honoured = answered === null ? null : Math.abs(Date.parse(answered) - Date.parse(asked)) <= 60_000;
  const needed = calls.filter((c) => c.name !== 'refund' && c.name !== 'list refunds' && !c.name.startsWith('capability (public'));
  return {
    tool: 'opn-probe',
    generatedAt: now().toISOString(),
    apiBase: o.apiBase,
    keyMode: 'test',
    accountApiVersion,
    kakaopay: { enabled: cap ? kakao !== undefined : null, currencies },
    expiresAt: { asked: charge ? asked : null, answered, honoured },
    calls,
    ready: needed.every((c) => c.outcome === 'ok') && cap !== null && kakao !== undefined,
  };
}

async function markAsPaid(f: FetchLike, base: string, secretKey: string, chargeId: string): Promise<OpnCharge | null> {
  const url = new URL(`charges/${chargeId}/mark_as_paid`, base.endsWith('/') ? base : `${base}/`);
  try {
    const res = await f(url.toString(), { method: 'POST', headers: { Authorization: `Basic ${Buffer.from(`${secretKey}:`).toString('base64')}`, Accept: 'application/json' }, signal: AbortSignal.timeout(20_000) });
    const parsed = opnChargeSchema.safeParse(await res.json());
    return res.ok && parsed.success && parsed.data.status === 'successful' ? parsed.data : null;
  } catch {
    return null;
  }
}
