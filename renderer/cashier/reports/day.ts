// Day helpers for the screen. Business-day arithmetic itself is shared/time's (the one the main process
// uses for the reports and the sales list), re-exported here under the screen's names.
import { addDays, businessDayOf } from '../../../shared';

export { addDays };

export function businessToday(timeZone: string, dayStartMinutes: number, now: Date = new Date()): string {
  return businessDayOf(now, timeZone, dayStartMinutes);
}

export const isDay = (s: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));

/** "Fri 27 Nov 2026" for headings. */
export function longDay(day: string, locale = 'en-GB'): string {
  return new Intl.DateTimeFormat(locale === 'en-SG' ? 'en-GB' : locale, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}
