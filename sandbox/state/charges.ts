// Charge creation and update. Everything is validated before anything is written, so a rejected request
// changes nothing (no orphan inline source, no event).
import { z } from 'zod';
import { ApiError, badRequest, notFound } from '../errors';
import { opnId } from '../ids';
import { boolLike, parseParams } from '../params';
import type { Context } from './context';
import { emitEvent } from './context';
import { expireCharge } from './lifecycle';
import type { ChargeRecord, SourceRecord } from './records';
import { serializeCharge } from './serialize';
import type { PreparedSource } from './sources';
import { prepareSource, validateAmount, validateCurrency } from './sources';

const metadataSchema = z.record(z.string().max(255), z.unknown()).refine((m) => JSON.stringify(m).length <= 16_384, 'is too large');
const nullableDescription = z.string().max(255).nullable().optional();

const chargeParamsSchema = z.object({
  amount: z.unknown().optional(),
  currency: z.unknown().optional(),
  source: z.union([z.string().trim().min(1), z.record(z.string(), z.unknown())]).optional(),
  card: z.unknown().optional(),
  customer: z.unknown().optional(),
  return_uri: z.string().trim().optional(),
  capture: boolLike.optional(),
  description: nullableDescription,
  metadata: metadataSchema.optional(),
  expires_at: z.string().trim().refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO-8601 time').optional(),
  ip: z.string().max(64).optional(),
  webhook_endpoints: z.array(z.url({ protocol: /^https?$/ }).max(2048)).max(2, 'has at most 2 URLs').optional(),
});

const updateParamsSchema = z.object({ description: nullableDescription, metadata: metadataSchema.optional() });

/** https only; http://localhost and http://127.0.0.1 when the sandbox allows it (the demo does). */
export function validateReturnUri(ctx: Context, raw: string | undefined): string {
  if (!raw) throw new ApiError(400, 'invalid_charge', 'return_uri is required for this source type');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw badRequest('return_uri is not a valid URL');
  }
  if (url.protocol === 'https:') return raw;
  const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
  if (url.protocol === 'http:' && local && ctx.account.allowInsecureReturnUri) return raw;
  throw badRequest('return_uri must be an HTTPS URL');
}

export function computeFees(amount: number, feeRatePercent: number, vatRatePercent: number): { fee: number; feeVat: number } {
  // Guide: 150000 at 2.9% → fee 4350, no VAT. Round half up on the integer minor units.
  const fee = Math.round((amount * feeRatePercent) / 100);
  return { fee, feeVat: Math.round((fee * vatRatePercent) / 100) };
}

export function createCharge(ctx: Context, input: unknown): ChargeRecord {
  const p = parseParams(chargeParamsSchema, input);
  if (p.card !== undefined || p.customer !== undefined) throw badRequest('the sandbox supports source charges only (card and customer are not supported)');
  if (p.source === undefined) throw badRequest('source is required');
  const amount = validateAmount(ctx, p.amount);
  const currency = validateCurrency(ctx, p.currency, 'invalid_charge');

  let source: SourceRecord | PreparedSource;
  if (typeof p.source === 'string') {
    const existing = ctx.store.sources.get(p.source);
    if (!existing) throw notFound('source', p.source);
    if (existing.chargeId) throw new ApiError(400, 'invalid_charge', 'source has already been used');
    source = existing;
  } else {
    // Inline source: inherits the charge's amount and currency unless given.
    source = prepareSource(ctx, { amount: p.amount, currency: p.currency, ...p.source });
  }
  if (source.amount !== amount || source.currency !== currency) {
    throw new ApiError(400, 'invalid_charge', 'amount and currency must match the source');
  }
  if (p.capture === false && !ctx.account.allowManualCapture) {
    // Opn's Charges API: `capture` is "valid only for credit and debit card charges".
    throw badRequest('capture=false is not supported for kakaopay charges: only card charges can be authorized and captured later');
  }
  const returnUri = validateReturnUri(ctx, p.return_uri);
  const now = ctx.clock.nowMs();
  let expiresAt = now + ctx.account.chargeTtlMs;
  if (p.expires_at !== undefined && !ctx.account.ignoreExpiresAt) {
    expiresAt = Date.parse(p.expires_at);
    if (expiresAt <= now) throw badRequest('expires_at must be in the future');
  }

  // All checks passed: from here on nothing throws.
  const src = 'create' in source ? source.create() : source;
  const paymentId = opnId('pay2');
  const { fee, feeVat } = computeFees(amount, ctx.account.feeRatePercent, ctx.account.vatRatePercent);
  const charge: ChargeRecord = {
    id: opnId('chrg'),
    paymentId,
    amount,
    currency,
    fee,
    feeVat,
    feeRatePercent: ctx.account.feeRatePercent,
    vatRatePercent: ctx.account.vatRatePercent,
    sourceId: src.id,
    returnUri,
    authorizeUri: `${ctx.account.publicBaseUrl}/payments/${paymentId}/authorize`,
    webhookEndpoints: p.webhook_endpoints ?? [],
    capture: p.capture ?? true,
    ip: p.ip ?? null,
    createdAt: now,
    expiresAt,
    description: p.description ?? null,
    metadata: p.metadata ?? {},
    status: 'pending',
    authorized: false,
    paid: false,
    paidAt: null,
    expiredAt: null,
    reversedAt: null,
    failureCode: null,
    failureMessage: null,
    transactionId: null,
    refundIds: [],
    refundedAmount: 0,
    voidedAmount: 0,
  };
  src.chargeId = charge.id;
  ctx.store.addCharge(charge);
  ctx.clock.at(expiresAt, () => {
    if (charge.status === 'pending') expireCharge(ctx, charge, 'clock');
  });
  emitEvent(ctx, 'charge.create', serializeCharge(charge, ctx.store, now), charge.id);
  return charge;
}

export function updateCharge(ctx: Context, charge: ChargeRecord, input: unknown): ChargeRecord {
  const p = parseParams(updateParamsSchema, input);
  if (p.description !== undefined) charge.description = p.description;
  if (p.metadata !== undefined) charge.metadata = p.metadata;
  emitEvent(ctx, 'charge.update', serializeCharge(charge, ctx.store, ctx.clock.nowMs()), charge.id);
  return charge;
}

export function getCharge(ctx: Context, id: string): ChargeRecord {
  const charge = ctx.store.charges.get(id);
  if (!charge) throw notFound('charge', id);
  return charge;
}
