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
import type { ForwarderTarget } from './webhook-watch';
import { WebhookWatch } from './webhook-watch';

export interface ProbeOptions {
  secretKey: string;
  publicKey?: string;
  apiBase: string;
  /** SGD or THB; default: the first KakaoPay currency the capability lists. */
  currency?: Currency;
  fetch?: FetchLike;
  now?: () => Date;
  /** The configured forwarder: the probe waits for its own charge's webhook through it. */
  forwarder?: ForwarderTarget;
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
  /** The account's API version, read from how its events' `data` is serialised (`created_at` or `created`): the envelope follows the request. */
  readonly accountApiVersion: '2019-05-29' | '2017-11-02 or older' | 'unknown';
  readonly kakaopay: { readonly enabled: boolean | null; readonly currencies: readonly string[] };
  readonly expiresAt: { readonly asked: string | null; readonly answered: string | null; readonly honoured: boolean | null };
  /** Whether an authorize-only (capture=false) KakaoPay charge was accepted: Opn documents it for cards only. */
  readonly manualCapture: 'supported' | 'refused' | 'unknown';
  /** Whether a repeated POST /charges with the same Idempotency-Key answered the same charge. */
  readonly idempotency: 'honoured' | 'not honoured' | 'unknown';
  /** The probe's charge webhook through the configured forwarder. */
  readonly webhook: { readonly outcome: 'arrived' | 'never came' | 'not configured'; readonly eventKey: string | null; readonly signature: string | null; readonly waitedMs: number | null };
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
  const amount = rulesForCurrency(currency).minAmount;
  const watch = o.forwarder ? new WebhookWatch(o.forwarder) : null;
  const terminalId = o.forwarder?.terminalId ?? 'opn-probe';

  const started = now();
  const asked = new Date(started.getTime() + 5 * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const saleId = `probe_${started.getTime()}`;
  let n = 0;
  const params = (capture: boolean, key: string) => ({
    // The smallest amount KakaoPay accepts in that currency (shared/money).
    amount, currency, returnUri: 'https://example.com/opn-probe/return', platformType: 'WEB' as const,
    metadata: { terminal_id: terminalId, store_id: 'opn-probe', sale_id: key }, capture, expiresAt: asked, idempotencyKey: key,
  });
  const create = (name: string, capture = true) => {
    const key = `${saleId}_${++n}`;
    return call(name, `POST /charges (kakaopay, capture=${capture})`, opnChargeSchema, (c) => c.createCharge(params(capture, key)));
  };
  const paidCharge = async (name: string, capture = true): Promise<OpnCharge | null> => {
    const c = await create(name, capture);
    // Test mode only: Opn's mark_as_paid (the sandbox offers the same). Not a call the terminal makes.
    return c ? markAsPaid(baseFetch, o.apiBase, o.secretKey, c.id, !capture) : null;
  };
  const toClose: string[] = [];

  try {
    // 1. Automatic capture: create, retrieve, list (a window, then its second page), expire.
    const charge = await create('create charge (automatic)');
    let answered: string | null = null;
    let idempotency: ProbeReport['idempotency'] = 'unknown';
    if (charge) {
      answered = charge.expires_at ?? null;
      await call('retrieve charge', 'GET /charges/:id', opnChargeSchema, (c) => c.retrieveCharge(charge.id));
      // The same request with the same Idempotency-Key: the same charge back, or a second one (expired below).
      const again = await call('create charge again (same Idempotency-Key)', 'POST /charges (repeated)', opnChargeSchema, (c) => c.createCharge(params(true, `${saleId}_1`)));
      if (again) {
        idempotency = again.id === charge.id ? 'honoured' : 'not honoured';
        if (again.id !== charge.id) toClose.push(again.id);
      }
    } else {
      for (const name of ['retrieve charge', 'create charge again (same Idempotency-Key)']) skip(name, '', 'no charge was created');
    }
    const second = await create('create charge (second, for paging)');
    if (second) toClose.push(second.id);
    if (charge) {
      const from = new Date(started.getTime() - 60_000).toISOString();
      const to = new Date(now().getTime() + 60_000).toISOString();
      const list = await call('list charges in a window', 'GET /charges?from&to', chargeList, (c) => c.listCharges({ from, to, limit: 100, order: 'chronological' }));
      if (list && !list.data.some((c) => c.id === charge.id)) calls.push({ name: 'list charges in a window', request: 'GET /charges?from&to', outcome: 'invalid', httpStatus: null, detail: 'the new charge is not in the window around its creation', fields: [] });
      const page1 = await call('list charges, first page', 'GET /charges?from&to&limit=1&offset=0', chargeList, (c) => c.listCharges({ from, to, limit: 1, offset: 0, order: 'chronological' }));
      const page2 = await call('list charges, offset 1', 'GET /charges?from&to&limit=1&offset=1', chargeList, (c) => c.listCharges({ from, to, limit: 1, offset: 1, order: 'chronological' }));
      if (page1 && page2 && (page2.data.length !== 1 || page2.data[0]?.id === page1.data[0]?.id)) calls.push({ name: 'list charges, offset 1', request: 'GET /charges?offset=1', outcome: 'invalid', httpStatus: null, detail: 'offset 1 did not answer the next charge', fields: [] });
      await call('expire charge', 'POST /charges/:id/expire', opnChargeSchema, (c) => c.expireCharge(charge.id));
    }

    // 2. The webhook of the probe's charge through the configured forwarder.
    const waitStart = Date.now();
    const seen = watch && charge ? await watch.waitFor(charge.id) : null;
    const webhook: ProbeReport['webhook'] = !watch ? { outcome: 'not configured', eventKey: null, signature: null, waitedMs: null }
      : { outcome: seen ? 'arrived' : 'never came', eventKey: seen?.eventKey ?? null, signature: seen?.signature ?? null, waitedMs: Date.now() - waitStart };
    if (watch) calls.push({ name: 'webhook through the forwarder', request: `charge event via ${o.forwarder?.url ?? ''}`, outcome: seen ? 'ok' : 'network', httpStatus: null, detail: seen ? `${seen.eventKey}, signature ${seen.signature}` : `never came within ${Math.round((o.forwarder?.waitMs ?? 60_000) / 1000)} s: check the account's webhook endpoint and the forwarder`, fields: [] });

    // 3. Manual capture: an authorize-only charge; capture one and reverse another where the account allows it.
    const manualCharge = await create('create charge (authorize-only, capture=false)', false);
    const manualCapture: ProbeReport['manualCapture'] = manualCharge ? 'supported' : calls.at(-1)?.outcome === 'refused' ? 'refused' : 'unknown';
    if (manualCharge) {
      toClose.push(manualCharge.id);
      const authorized = await markAsPaid(baseFetch, o.apiBase, o.secretKey, manualCharge.id, true);
      if (authorized) await call('capture', 'POST /charges/:id/capture', opnChargeSchema, (c) => c.captureCharge(manualCharge.id));
      else skip('capture', 'POST /charges/:id/capture', 'test mode did not authorize the charge');
      const toReverse = await paidCharge('create charge (authorize-only, to reverse)', false);
      if (toReverse) await call('reverse', 'POST /charges/:id/reverse', opnChargeSchema, (c) => c.reverseCharge(toReverse.id));
      else skip('reverse', 'POST /charges/:id/reverse', 'no authorized charge to reverse');
    } else {
      skip('capture', 'POST /charges/:id/capture', 'the account refused capture=false');
      skip('reverse', 'POST /charges/:id/reverse', 'the account refused capture=false');
    }

    // 4. Refunds: partial, void of the rest, a full refund of another charge, the refund list.
    const paid = await paidCharge('create charge (for the refunds)');
    if (paid) {
      const half = Math.floor(paid.amount / 2);
      const meta = (k: string) => ({ refund_id: `${saleId}_${k}`, sale_id: `${saleId}_r`, terminal_id: terminalId });
      await call('refund (partial)', 'POST /charges/:id/refunds', opnRefundSchema, (c) => c.createRefund(paid.id, { amount: half, metadata: meta('partial'), idempotencyKey: `${saleId}_partial` }));
      await call('refund (void: true)', 'POST /charges/:id/refunds (void=true)', opnRefundSchema, (c) => c.createRefund(paid.id, { amount: paid.amount - half, void: true, metadata: meta('void'), idempotencyKey: `${saleId}_void` }));
      await call('list refunds', 'GET /charges/:id/refunds', refundList, (c) => c.listRefunds(paid.id, { limit: 100 }));
    } else {
      for (const name of ['refund (partial)', 'refund (void: true)', 'list refunds']) skip(name, 'POST /charges/:id/refunds', 'test mode did not let the probe mark a KakaoPay charge paid');
    }
    const paid2 = await paidCharge('create charge (for a full refund)');
    if (paid2) await call('refund (full)', 'POST /charges/:id/refunds', opnRefundSchema, (c) => c.createRefund(paid2.id, { amount: paid2.amount, metadata: { refund_id: `${saleId}_full`, terminal_id: terminalId }, idempotencyKey: `${saleId}_full` }));
    else skip('refund (full)', 'POST /charges/:id/refunds', 'test mode did not let the probe mark a KakaoPay charge paid');

    // 5. The account's API version from its events' data (the envelope follows the request's version).
    const events = await call('list events (account API version)', 'GET /events', eventListRef, (c) => c.listEvents({ from: new Date(started.getTime() - 60_000).toISOString(), limit: 100, order: 'reverse_chronological' }));
    const ours = events?.data.find((e) => e.data.id === charge?.id);
    const data = ours?.data;
    const accountApiVersion = !data ? 'unknown' : 'created_at' in data ? '2019-05-29' : 'created' in data ? '2017-11-02 or older' : 'unknown';

    const honoured = answered === null ? null : Math.abs(Date.parse(answered) - Date.parse(asked)) <= 60_000;
    // What the terminal needs in its default (automatic) mode; refunds, manual capture and the webhook are reported.
    const optional = /^(capability \(public|create charge \(authorize-only|capture|reverse|refund|list refunds|create charge \(for|webhook|create charge again)/;
    const needed = calls.filter((c) => !optional.test(c.name));
    return {
      tool: 'opn-probe', generatedAt: now().toISOString(), apiBase: o.apiBase, keyMode: 'test', accountApiVersion,
      kakaopay: { enabled: cap ? kakao !== undefined : null, currencies },
      expiresAt: { asked: charge ? asked : null, answered, honoured },
      manualCapture, idempotency, webhook, calls,
      ready: needed.every((c) => c.outcome === 'ok') && cap !== null && kakao !== undefined,
    };
  } finally {
    // Every probe charge left open is expired (a captured or refunded one is already closed).
    for (const id of toClose) await client.expireCharge(id).catch(() => undefined);
    await watch?.stop();
  }
}

async function markAsPaid(f: FetchLike, base: string, secretKey: string, chargeId: string, authorizeOnly = false): Promise<OpnCharge | null> {
  const url = new URL(`charges/${chargeId}/mark_as_paid`, base.endsWith('/') ? base : `${base}/`);
  try {
    const res = await f(url.toString(), { method: 'POST', headers: { Authorization: `Basic ${Buffer.from(`${secretKey}:`).toString('base64')}`, Accept: 'application/json' }, signal: AbortSignal.timeout(20_000) });
    const parsed = opnChargeSchema.safeParse(await res.json());
    // An authorize-only charge marked paid is authorized and stays pending until captured.
    const done = parsed.success && (authorizeOnly ? parsed.data.authorized : parsed.data.status === 'successful');
    return res.ok && parsed.success && done ? parsed.data : null;
  } catch {
    return null;
  }
}
