// Receipts and slips (print, reprint, preview, test page). Printing only queues: the printer is driven in the background and its outcome arrives as a `print:notice`.
import type { Receipt, Refund, SaleStatus } from '../../../shared';
import { GateError } from '../errors';
import type { DomainHandlers } from '../gate';
import type { HandlerContext } from './context';

// A sale has a receipt once the customer paid (a refund or void later is printed on it).
const PRINTABLE: readonly SaleStatus[] = ['authorized', 'successful', 'partially_refunded', 'refunded', 'voided', 'needs_attention'];

export function receiptHandlers(ctx: HandlerContext): DomainHandlers<'receipt'> {
  const printing = () => ctx.runtime.printing();
  return {
    // From the sale's detail or after Paid: a second print of a sale is marked "Copy".
    'receipt:print': (input) => {
        const p = printing();
        // Unknown here: sale_not_found (from the print service), like the other receipt channels.
        p.document(input.saleId);
        if (!PRINTABLE.includes(ctx.runtime.core().getReceipt(input.saleId).sale.status)) throw new GateError('invalid_state', 'This sale was not paid, so it has no receipt to print.', { reason: 'not_paid' });
        // No printer chosen: say so and queue nothing (a job would only print by surprise later).
        p.assertPrinter();
        const jobs = p.queue.jobsForSale(input.saleId).filter((j) => j.kind === 'sale');
        // Its receipt still waits for the printer: try the queue now rather than print it twice later.
        const waiting = jobs.find((j) => j.status === 'queued');
        if (waiting) {
          p.queue.retryNow();
          return { jobId: waiting.id, queued: true };
        }
        const job = p.printReceipt(input.saleId, { copy: jobs.length > 0 });
        return { jobId: job.id, queued: true };
      },
    'receipt:printRefund': (input) => ({ jobId: printing().printRefundSlip(input.saleId, input.refundId).id, queued: true }),
    'receipt:preview': (input) => {
      const p = printing();
      return { document: p.document(input.saleId), html: p.previewHtml(input.saleId, input.paperWidthMm) };
    },
    'receipt:testPage': async () => {
      await printing().printTestPage();
      return { printed: true as const };
    },
  };
}

/**
 * `sale:refund` and `sale:void` with their slip: once the money is back, the slip of the refund just
 * made is queued when Settings print automatically. A printer problem never fails the refund.
 */
export function withSlips(ctx: HandlerContext, sales: DomainHandlers<'sale'>): DomainHandlers<'sale'> {
  return { ...sales, 'sale:refund': withSlip(ctx, sales['sale:refund']), 'sale:void': withSlip(ctx, sales['sale:void']) };
}

function withSlip<I>(ctx: HandlerContext, run: (input: I) => Receipt | Promise<Receipt>): (input: I) => Promise<Receipt> {
  return async (input) => {
    const receipt = await run(input);
    try {
      const s = ctx.settings.get().receipt;
      const refund = newest(receipt.refunds);
      if (s.autoPrint && s.printerKind !== 'none' && refund && refund.status !== 'failed') {
        ctx.runtime.printing().printRefundSlip(receipt.sale.id, refund.id);
      }
    } catch (error) {
      ctx.logger?.warn({ err: String((error as Error)?.name) }, 'could not queue the refund slip');
    }
    return receipt;
  };
}

function newest(refunds: readonly Refund[]): Refund | undefined {
  return [...refunds].sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
}

