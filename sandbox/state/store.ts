// Insertion-ordered maps of every object the sandbox holds. Lists are served from these in created order.
import type { ChargeRecord, EventRecord, RefundRecord, SourceRecord, TransactionRecord } from './records';

export class Store {
  readonly sources = new Map<string, SourceRecord>();
  readonly charges = new Map<string, ChargeRecord>();
  readonly chargesByPaymentId = new Map<string, ChargeRecord>();
  readonly refunds = new Map<string, RefundRecord>();
  readonly transactions = new Map<string, TransactionRecord>();
  readonly events = new Map<string, EventRecord>();

  addCharge(charge: ChargeRecord): void {
    this.charges.set(charge.id, charge);
    this.chargesByPaymentId.set(charge.paymentId, charge);
  }
}
