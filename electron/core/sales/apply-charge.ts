// Pure: what a sale becomes given the charge Opn reports now. The API's view wins over anything pushed.
import type { OpnCharge, Sale, SaleStatus } from '../../../shared';
import { ATTENTION_PAID_AFTER_CLOSE, attentionOpnStatus, canTransition, missingCase } from '../../../shared';
import type { SalePatch } from '../store/index';

// The sentences live in shared/i18n/attention.ts, where the cashier window recognises them.
export { ATTENTION_EXPIRE_REFUSED, ATTENTION_PAID_AFTER_CLOSE, ATTENTION_SECOND_CHARGE } from '../../../shared';

/** Money facts copied from a charge whenever Opn has them. */
function moneyFacts(c: OpnCharge): SalePatch {
  return {
    chargeId: c.id,
    authorizeUri: c.authorize_uri,
    // No expiresAt: the terminal's own QR deadline (set at insert) stands, whatever Opn answered.
    paidAt: c.paid_at ? new Date(c.paid_at).toISOString() : null,
    fee: c.fee,
    feeVat: c.fee_vat,
    net: c.net,
  };
}

/** Where this charge puts a sale, ignoring the sale's own history. */
export function chargeTarget(c: OpnCharge): SaleStatus {
  switch (c.status) {
    case 'pending':
      // Manual capture: the customer approved, the money waits for the cashier's capture.
      return c.authorized && !c.paid ? 'authorized' : 'pending';
    case 'successful':
      return 'successful';
    case 'failed':
      return 'failed';
    case 'expired':
      return 'expired';
    case 'reversed':
      return 'reversed';
    default:
      return missingCase(c.status);
  }
}

/**
 * The patch that brings `sale` in line with `charge`, or null when nothing changes. A payment that lands on
 * a sale the terminal already closed (cancelled, expired, failed) is never dropped: it needs attention.
 */
export function planChargeUpdate(sale: Sale, c: OpnCharge): SalePatch | null {
  const target = chargeTarget(c);
  const facts = moneyFacts(c);
  const failure = { failureCode: c.failure_code, failureMessage: c.failure_message };
  switch (sale.status) {
    case 'creating':
    case 'pending':
    case 'authorized':
      if (target === sale.status) return sale.status === 'creating' ? null : changed(sale, facts);
      if (canTransition(sale.status, target)) return { ...facts, ...(target === 'failed' ? failure : {}), status: target };
      // A jump the state machine does not know (e.g. reversed from the dashboard while we were away):
      // stop treating the sale as open and ask a person.
      return { ...facts, status: 'needs_attention', attentionReason: attentionOpnStatus(c.status) };
    case 'cancelled':
    case 'expired':
    case 'failed':
      if (target === 'successful') return { ...facts, status: 'needs_attention', attentionReason: ATTENTION_PAID_AFTER_CLOSE };
      return null;
    case 'successful':
    case 'partially_refunded':
    case 'refunded':
    case 'voided':
    case 'needs_attention':
    case 'reversed':
      // Settled locally: only fill in fee figures that arrived late.
      return target === 'successful' ? changed(sale, { fee: c.fee, feeVat: c.fee_vat, net: c.net, paidAt: facts.paidAt }) : null;
    default:
      return missingCase(sale.status);
  }
}

/** Keeps only the fields that differ, so a repeated poll writes nothing. */
function changed(sale: Sale, patch: SalePatch): SalePatch | null {
  const out: SalePatch = {};
  let any = false;
  for (const key of Object.keys(patch) as (keyof SalePatch)[]) {
    const value = patch[key];
    if (value === undefined || value === null) continue;
    if ((sale as unknown as Record<string, unknown>)[key] !== value) {
      (out as Record<string, unknown>)[key] = value;
      any = true;
    }
  }
  return any ? out : null;
}
