// How each sale status reads on the cashier's screen (words from the cashier texts, tone here).
import type { SaleStatus } from '../../shared';
import { missingCase } from '../../shared';
import type { CashierTexts } from '../../shared';

export type Tone = 'neutral' | 'info' | 'success' | 'danger' | 'warning';

export function statusLabel(status: SaleStatus, t: CashierTexts): { label: string; tone: Tone } {
  switch (status) {
    case 'creating':
      return { label: t.status[status], tone: 'info' };
    case 'pending':
      return { label: t.status[status], tone: 'info' };
    case 'authorized':
      return { label: t.status[status], tone: 'warning' };
    case 'successful':
      return { label: t.status[status], tone: 'success' };
    case 'failed':
      return { label: t.status[status], tone: 'danger' };
    case 'expired':
      return { label: t.status[status], tone: 'neutral' };
    case 'cancelled':
      return { label: t.status[status], tone: 'neutral' };
    case 'reversed':
      return { label: t.status[status], tone: 'neutral' };
    case 'partially_refunded':
      return { label: t.status[status], tone: 'warning' };
    case 'refunded':
      return { label: t.status[status], tone: 'neutral' };
    case 'voided':
      return { label: t.status[status], tone: 'neutral' };
    case 'needs_attention':
      return { label: t.status[status], tone: 'danger' };
    default:
      return missingCase(status);
  }
}
