// The Opn REST API routes (reference §2), serialised as 2019-05-29.
import { notFound } from '../errors';
import type { Route } from '../http/router';
import { json, route } from '../http/router';
import { listParamsSchema, parseParams } from '../params';
import type { Context } from '../state/context';
import { createCharge, getCharge, updateCharge } from '../state/charges';
import { captureCharge, completeCharge, expireCharge, refundCharge, reverseCharge } from '../state/lifecycle';
import { serializeCharge, serializeEvent, serializeRefund, serializeSource, serializeTransaction } from '../state/serialize';
import { prepareSource } from '../state/sources';
import { buildList } from '../list';
import { z } from 'zod';
import { COUNTRY_RULES } from '../../shared';

const markFailedSchema = z.object({ failure_code: z.string().optional() });

export function apiRoutes(ctx: Context): Route[] {
  const { store } = ctx;
  const now = (): number => ctx.clock.nowMs();
  const charge = (c: Parameters<typeof serializeCharge>[0]): ReturnType<typeof json> => json(serializeCharge(c, store, now()));
  const list = (params: unknown) => parseParams(listParamsSchema, params, 'invalid_filter');

  return [
    route('POST', '/sources', 'public', (r) => json(serializeSource(prepareSource(ctx, r.params).create(), store))),
    route('GET', '/sources/:id', 'public', (r) => {
      const s = store.sources.get(r.pathParams.id ?? '');
      if (!s) throw notFound('source', r.pathParams.id ?? '');
      return json(serializeSource(s, store));
    }),
    route('GET', '/capability', 'public', () =>
      json({
        object: 'capability',
        location: '/capability',
        country: ctx.account.country,
        banks: [],
        payment_methods: [{ object: 'payment_method', name: 'kakaopay', currencies: [ctx.account.currency], card_brands: null, installment_terms: null, banks: [], provider: null }],
        tokenization_methods: [],
        zero_interest_installments: false,
        limits: { charge_amount: { min: COUNTRY_RULES[ctx.account.country].minAmount, max: COUNTRY_RULES[ctx.account.country].maxAmount } },
      }),
    ),

    route('POST', '/charges', 'secret', (r) => charge(createCharge(ctx, r.params))),
    route('GET', '/charges', 'secret', (r) => json(buildList(store.chargeIndex, list(r.params), '/charges', now(), (c) => serializeCharge(c, store, now())))),
    route('GET', '/charges/:id', 'secret', (r) => charge(getCharge(ctx, r.pathParams.id ?? ''))),
    route('PATCH', '/charges/:id', 'secret', (r) => charge(updateCharge(ctx, getCharge(ctx, r.pathParams.id ?? ''), r.params))),
    route('POST', '/charges/:id/expire', 'secret', (r) => charge(expireCharge(ctx, getCharge(ctx, r.pathParams.id ?? ''), 'request'))),
    route('POST', '/charges/:id/capture', 'secret', (r) => charge(captureCharge(ctx, getCharge(ctx, r.pathParams.id ?? ''), r.params))),
    route('POST', '/charges/:id/reverse', 'secret', (r) => charge(reverseCharge(ctx, getCharge(ctx, r.pathParams.id ?? '')))),
    route('POST', '/charges/:id/mark_as_paid', 'secret', (r) => charge(completeCharge(ctx, getCharge(ctx, r.pathParams.id ?? ''), 'successful'))),
    route('POST', '/charges/:id/mark_as_failed', 'secret', (r) => {
      const p = parseParams(markFailedSchema, r.params);
      return charge(completeCharge(ctx, getCharge(ctx, r.pathParams.id ?? ''), { failureCode: p.failure_code ?? 'failed_processing' }));
    }),
    route('GET', '/charges/:id/events', 'secret', (r) => {
      const c = getCharge(ctx, r.pathParams.id ?? '');
      const events = [...store.events.values()].filter((e) => e.chargeId === c.id);
      return json(buildList(events, list(r.params), `/charges/${c.id}/events`, now(), serializeEvent));
    }),
    route('POST', '/charges/:id/refunds', 'secret', (r) => json(serializeRefund(refundCharge(ctx, getCharge(ctx, r.pathParams.id ?? ''), r.params)))),
    route('GET', '/charges/:id/refunds', 'secret', (r) => {
      const c = getCharge(ctx, r.pathParams.id ?? '');
      const refunds = c.refundIds.flatMap((id) => store.refunds.get(id) ?? []);
      return json(buildList(refunds, list(r.params), `/charges/${c.id}/refunds`, now(), serializeRefund));
    }),
    route('GET', '/charges/:id/refunds/:refundId', 'secret', (r) => {
      const c = getCharge(ctx, r.pathParams.id ?? '');
      const refund = store.refunds.get(r.pathParams.refundId ?? '');
      if (!refund || refund.chargeId !== c.id) throw notFound('refund', r.pathParams.refundId ?? '');
      return json(serializeRefund(refund));
    }),
    route('GET', '/refunds', 'secret', (r) => json(buildList(store.refundIndex, list(r.params), '/refunds', now(), serializeRefund))),

    route('GET', '/events', 'secret', (r) => json(buildList(store.eventIndex, list(r.params), '/events', now(), serializeEvent))),
    route('GET', '/events/:id', 'secret', (r) => {
      const e = store.events.get(r.pathParams.id ?? '');
      if (!e) throw notFound('event', r.pathParams.id ?? '');
      return json(serializeEvent(e));
    }),
    route('GET', '/transactions', 'secret', (r) => json(buildList(store.transactions.values(), list(r.params), '/transactions', now(), serializeTransaction))),
    route('GET', '/transactions/:id', 'secret', (r) => {
      const t = store.transactions.get(r.pathParams.id ?? '');
      if (!t) throw notFound('transaction', r.pathParams.id ?? '');
      return json(serializeTransaction(t));
    }),
  ];
}
