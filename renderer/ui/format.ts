// Display formatting at the edge: money via shared/money, times in the shop's zone.
import type { Currency, Money } from '../../shared';
import { formatMoney } from '../../shared';

export const money = (amount: number, currency: Currency): string => formatMoney({ amount, currency } satisfies Money);

export function localTime(iso: string, timeZone: string, withDate = false): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    ...(withDate ? { year: 'numeric', month: 'short', day: '2-digit' } : {}),
  }).format(new Date(iso));
}

/** "4:05" from milliseconds, never negative. */
export function countdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}
