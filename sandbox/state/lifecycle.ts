// A charge's life after creation (reference §6): the payer's outcome, expiry, manual capture and reversal,
// refunds (a void inside the void window). Every change emits an event carrying the charge as it now is.
import { z } from 'zod';
import { OPN_FAILURE_CODES } from '../../shared';
import { ApiError, badRequest } from '../errors';
import { opnId } from '../ids';
import { boolLike, intLike, parseParams } from '../params';
import type { Context } from './context';
import { emitEvent, voidDeadline } from './context';
import type { ChargeRecord, RefundRecord } from './records';
import { serializeCharge, serializeRefund } from './serialize';

export const FAILURE_MESSAGES: Readonly<Record<string, string>> = {
  payment_expired: 'Payment expired.',
  payment_rejected: 'Payment rejected by issuer.',
  failed_processing: 'General payment processing failure.',
  invalid_account: 'Valid account for payment method not found.',
  insufficient_fund: 'Insufficient funds in the account or the payment method has reached its limit.',
  timeout: 'Payer did not take action before charge expiration.',
};

export type Outcome = 'successful' | { failureCode: string };

const emitCharge = (ctx: Context, key: string, charge: ChargeRecord): void => {
  emitEvent(ctx, key, serializeCharge(charge, ctx.store, ctx.clock.nowMs()), charge.id);
};

function recordCredit(ctx: Context, charge: ChargeRecord): void {
  const id = opnId('trxn');
  const net = charge.amount - charge.fee - charge.feeVat;
  ctx.store.transactions.set(id, { id, amount: net, currency: charge.currency, direction: 'credit', key: 'charge.captured.net', origin: charge.id, createdAt: ctx.clock.nowMs() });
  charge.transactionId = id;
}

function notPending(charge: ChargeRecord, code: 'invalid_charge' | 'failed_capture' | 'failed_expire'): ApiError {
  if (charge.status === 'expired' && code !== 'failed_expire') return new ApiError(400, 'expired_charge', 'charge expired');
  return new ApiError(400, code, `charge is ${charge.status}`);
}

/** What the authorize page's buttons, mark_as_paid and mark_as_failed do. */
export function completeCharge(ctx: Context, charge: ChargeRecord, outcome: Outcome): ChargeRecord {
  if (charge.status !== 'pending') throw notPending(charge, 'invalid_charge');
  if (charge.authorized) throw new ApiError(400, 'invalid_charge', 'charge is already authorized');
  if (outcome === 'successful') {
    charge.authorized = true;
    if (charge.capture) {
      charge.status = 'successful';
      charge.paid = true;
      charge.paidAt = ctx.clock.nowMs();
      recordCredit(ctx, charge);
    }
    // capture=false: stays pending, authorized and capturable until captured, reversed or expired.
  } else {
    if (!(OPN_FAILURE_CODES as readonly string[]).includes(outcome.failureCode)) {
      throw badRequest(`failure_code must be one of ${OPN_FAILURE_CODES.join(', ')}`);
    }
    charge.status = 'failed';
    charge.failureCode = outcome.failureCode;
    charge.failureMessage = FAILURE_MESSAGES[outcome.failureCode] ?? 'Payment failed.';
  }
  emitCharge(ctx, 'charge.complete', charge);
  return charge;
}

/** By the clock at expires_at, or by POST /charges/:id/expire (then expires_at becomes now, as Opn's mock shows). */
export function expireCharge(ctx: Context, charge: ChargeRecord, by: 'clock' | 'request'): ChargeRecord {
  if (charge.status !== 'pending') throw notPending(charge, 'failed_expire');
  const now = ctx.clock.nowMs();
  charge.status = 'expired';
  charge.expiredAt = by === 'clock' ? charge.expiresAt : now;
  if (by === 'request') charge.expiresAt = now;
  emitCharge(ctx, 'charge.expire', charge);
  return charge;
}

const captureSchema = z.object({ capture_amount: intLike.optional() });

export function captureCharge(ctx: Context, charge: ChargeRecord, input: unknown): ChargeRecord {
  const p = parseParams(captureSchema, input);
  if (charge.status !== 'pending') throw notPending(charge, 'failed_capture');
  if (!charge.authorized) throw new ApiError(400, 'failed_capture', 'charge is not authorized');
  if (p.capture_amount !== undefined && p.capture_amount !== charge.amount) {
    throw new ApiError(400, 'failed_capture', 'partial capture is not supported for this payment method');
  }
  charge.status = 'successful';
  charge.paid = true;
  charge.paidAt = ctx.clock.nowMs();
  recordCredit(ctx, charge);
  emitCharge(ctx, 'charge.capture', charge);
  return charge;
}

export function reverseCharge(ctx: Context, charge: ChargeRecord): ChargeRecord {
  if (charge.status !== 'pending') throw notPending(charge, 'invalid_charge');
  if (!charge.authorized) throw new ApiError(400, 'invalid_charge', 'charge is not authorized, so it cannot be reversed');
  charge.status = 'reversed';
  charge.reversedAt = ctx.clock.nowMs();
  emitCharge(ctx, 'charge.reverse', charge);
  return charge;
}

const refundSchema = z.object({
  amount: z.unknown().optional(),
  void: boolLike.optional(),
  metadata: z.record(z.string().max(255), z.unknown()).optional(),
});

export function refundCharge(ctx: Context, charge: ChargeRecord, input: unknown): RefundRecord {
  const p = parseParams(refundSchema, input);
  if (p.amount === undefined || p.amount === '') throw new ApiError(400, 'invalid_amount', 'amount is required');
  const parsed = intLike.safeParse(p.amount);
  if (!parsed.success || parsed.data < 1) throw new ApiError(400, 'invalid_amount', 'amount must be a positive integer number of the smallest currency unit');
  const amount = parsed.data;
  if (charge.status !== 'successful') throw new ApiError(400, 'failed_refund', `charge is ${charge.status}, so it cannot be refunded`);
  if (amount > charge.amount - charge.refundedAmount) throw new ApiError(400, 'failed_refund', 'amount exceeds the refundable amount of the charge');
  const now = ctx.clock.nowMs();
  const cutoff = ctx.account.voidCutoff;
  const inVoidWindow = cutoff !== null && now < voidDeadline(charge.createdAt, cutoff);
  if (p.void === true && !inVoidWindow) throw new ApiError(400, 'failed_void', 'the void window of this charge has passed');

  const refundId = opnId('rfnd');
  const transactionId = opnId('trxn');
  ctx.store.transactions.set(transactionId, { id: transactionId, amount, currency: charge.currency, direction: 'debit', key: inVoidWindow ? 'refund.void' : 'refund', origin: refundId, createdAt: now });
  const refund: RefundRecord = { id: refundId, chargeId: charge.id, amount, currency: charge.currency, createdAt: now, voided: inVoidWindow, transactionId, metadata: p.metadata ?? {} };
  ctx.store.addRefund(refund);
  charge.refundIds.push(refund.id);
  charge.refundedAmount += amount;
  if (inVoidWindow) charge.voidedAmount += amount;
  emitEvent(ctx, 'refund.create', { ...serializeRefund(refund) }, charge.id);
  emitCharge(ctx, 'charge.update', charge);
  return refund;
}
