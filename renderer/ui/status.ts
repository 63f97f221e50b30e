// How each sale status reads on the cashier's screen.
import type { SaleStatus } from '../../shared';
import { missingCase } from '../../shared';

export type Tone = 'neutral' | 'info' | 'success' | 'danger' | 'warning';

export function statusLabel(status: SaleStatus): { label: string; tone: Tone } {
  switch (status) {
    case 'creating':
      return { label: 'Creating', tone: 'info' };
    case 'pending':
      return { label: 'Waiting', tone: 'info' };
    case 'authorized':
      return { label: 'Authorized', tone: 'warning' };
    case 'successful':
      return { label: 'Paid', tone: 'success' };
    case 'failed':
      return { label: 'Failed', tone: 'danger' };
    case 'expired':
      return { label: 'Expired', tone: 'neutral' };
    case 'cancelled':
      return { label: 'Cancelled', tone: 'neutral' };
    case 'reversed':
      return { label: 'Reversed', tone: 'neutral' };
    case 'partially_refunded':
      return { label: 'Part refunded', tone: 'warning' };
    case 'refunded':
      return { label: 'Refunded', tone: 'neutral' };
    case 'voided':
      return { label: 'Voided', tone: 'neutral' };
    case 'needs_attention':
      return { label: 'Needs attention', tone: 'danger' };
    default:
      return missingCase(status);
  }
}
