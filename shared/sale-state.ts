// The sale state machine: every status change in the main process goes through `assertTransition`.
import type { SaleStatus } from './domain';

const TRANSITIONS: Readonly<Record<SaleStatus, readonly SaleStatus[]>> = {
  creating: ['pending', 'authorized', 'successful', 'failed', 'expired', 'cancelled', 'needs_attention'],
  pending: ['authorized', 'successful', 'failed', 'expired', 'cancelled', 'needs_attention'],
  authorized: ['successful', 'reversed', 'expired', 'needs_attention'],
  // needs_attention: a second charge for the same sale was paid (refund it by its own id).
  successful: ['partially_refunded', 'refunded', 'voided', 'needs_attention'],
  partially_refunded: ['partially_refunded', 'refunded'],
  failed: ['needs_attention'],
  expired: ['needs_attention'],
  cancelled: ['needs_attention'],
  reversed: [],
  refunded: [],
  voided: [],
  needs_attention: ['refunded', 'voided', 'successful', 'partially_refunded'],
};

export function canTransition(from: SaleStatus, to: SaleStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export class InvalidTransitionError extends Error {
  readonly code = 'invalid_transition';
  constructor(
    readonly from: SaleStatus,
    readonly to: SaleStatus,
  ) {
    super(`A sale cannot go from ${from} to ${to}.`);
  }
}

export function assertTransition(from: SaleStatus, to: SaleStatus): void {
  if (!canTransition(from, to)) throw new InvalidTransitionError(from, to);
}


/** What the "keep the newer sale" rule reads of a sale (the whole Sale fits). */
export interface SaleCopy {
  readonly id: string;
  readonly status: SaleStatus;
  readonly updatedAt: string;
}

/**
 * Of two copies of one sale, the one further along: the later `updatedAt`, and on a tie the one the state
 * machine reaches from the other (a settled copy beats an open one). Every screen merges with this, so a
 * copy that lost a race (an invoke's answer arriving after the event that settled the sale) is never shown.
 */
export function newerCopy<T extends SaleCopy>(current: T, incoming: T): T {
  if (incoming.updatedAt !== current.updatedAt) return incoming.updatedAt > current.updatedAt ? incoming : current;
  return canTransition(incoming.status, current.status) ? current : incoming;
}

