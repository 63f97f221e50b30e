// What the domain services share: the store, the clock, the account's configuration and the event sink.
import type { Country, Currency } from '../../shared';
import type { Clock } from '../clock';
import { opnId } from '../ids';
import type { EventRecord } from './records';
import type { Store } from './store';

export interface VoidCutoff {
  /** Local wall-clock time of the daily cut-off and the zone's offset from UTC. */
  readonly hour: number;
  readonly minute: number;
  readonly utcOffsetMinutes: number;
}

export interface AccountConfig {
  readonly country: Country;
  readonly currency: Currency;
  readonly feeRatePercent: number;
  readonly vatRatePercent: number;
  readonly allowInsecureReturnUri: boolean;
  /** Default lifetime of a pending charge (the guide's example: 7 days). */
  readonly chargeTtlMs: number;
  /** Refunds before the first cut-off after a charge's creation are voids; null: never a void. */
  readonly voidCutoff: VoidCutoff | null;
  publicBaseUrl: string;
  /** Answer created + chargeTtlMs whatever expires_at the request asked for. */
  readonly ignoreExpiresAt: boolean;
  /** Accept capture=false for KakaoPay (Opn documents manual capture for card charges only). */
  readonly allowManualCapture: boolean;
}

export interface Context {
  readonly store: Store;
  readonly clock: Clock;
  readonly account: AccountConfig;
  readonly onEvent: (event: EventRecord) => void;
}

/** Records an event with a snapshot of its object and hands it to the webhook dispatcher. */
export function emitEvent(ctx: Context, key: string, data: EventRecord['data'], chargeId: string | null): EventRecord {
  const event: EventRecord = {
    id: opnId('evnt'),
    key,
    createdAt: ctx.clock.nowMs(),
    data,
    chargeId,
    deliveries: [],
  };
  ctx.store.addEvent(event);
  ctx.onEvent(event);
  return event;
}

/** The first cut-off strictly after `createdAt` (guide: "voided within the next 00:15 (GMT+8)"). */
export function voidDeadline(createdAt: number, cutoff: VoidCutoff): number {
  const day = 86_400_000;
  const offset = cutoff.utcOffsetMinutes * 60_000;
  const local = createdAt + offset;
  let candidate = Math.floor(local / day) * day + cutoff.hour * 3_600_000 + cutoff.minute * 60_000;
  if (candidate <= local) candidate += day;
  return candidate - offset;
}
