// Display formatting at the edge: money via shared/money, times in the shop's zone with the cashier
// language's one calendar convention (shared/i18n/dates).
import type { CashierLanguage, Currency, Money } from '../../shared';
import { formatDateTime, formatMoney } from '../../shared';

export const money = (amount: number, currency: Currency): string => formatMoney({ amount, currency } satisfies Money);

/** "14:05:09", or with the date as the language writes it ("6 ธ.ค. 2569 14:05:09"). */
export function localTime(language: CashierLanguage, iso: string, timeZone: string, withDate = false): string {
  return formatDateTime(language, iso, timeZone, withDate ? 'dateTime' : 'time');
}

/** "4:05" from milliseconds, never negative. */
export function countdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}
