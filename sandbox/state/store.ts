// Insertion-ordered maps of every object the sandbox holds, plus a created-order index of the listed
// ones (charges, refunds, events): account-wide lists are served from the index.
import { TimeIndex } from '../time-index';
import type { ChargeRecord, EventRecord, RefundRecord, SourceRecord, TransactionRecord } from './records';

export class Store {
  readonly sources = new Map<string, SourceRecord>();
  readonly charges = new Map<string, ChargeRecord>();
  readonly chargesByPaymentId = new Map<string, ChargeRecord>();
  readonly refunds = new Map<string, RefundRecord>();
  readonly transactions = new Map<string, TransactionRecord>();
  readonly events = new Map<string, EventRecord>();
  readonly chargeIndex = new TimeIndex<ChargeRecord>();
  readonly refundIndex = new TimeIndex<RefundRecord>();
  readonly eventIndex = new TimeIndex<EventRecord>();

  addCharge(charge: ChargeRecord): void {
    this.charges.set(charge.id, charge);
    this.chargesByPaymentId.set(charge.paymentId, charge);
    this.chargeIndex.add(charge);
  }

  addRefund(refund: RefundRecord): void {
    this.refunds.set(refund.id, refund);
    this.refundIndex.add(refund);
  }

  addEvent(event: EventRecord): void {
    this.events.set(event.id, event);
    this.eventIndex.add(event);
  }
}
