// Day helpers for the screen. Business-day arithmetic itself is shared/time's (the one the main process
// uses for the reports and the sales list), re-exported here under the screen's names.
import type { CashierLanguage } from '../../../shared';
import { addDays, businessDayOf, formatBusinessDay } from '../../../shared';

export { addDays };

export function businessToday(timeZone: string, dayStartMinutes: number, now: Date = new Date()): string {
  return businessDayOf(now, timeZone, dayStartMinutes);
}

export const isDay = (s: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));

/** "Fri, 27 Nov 2026" for headings, in the language's calendar (shared/i18n/dates). */
export function longDay(day: string, language: CashierLanguage): string {
  return formatBusinessDay(language, day, 'dayLong');
}
