// Opn serialises timestamps as ISO-8601 UTC with whole seconds: "2023-06-15T02:25:09Z".

const TWO_DIGITS = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, '0'));
const DAY_S = 86_400;
const MAX_TIME_MS = 8.64e15; // the latest (and, negated, earliest) instant a Date holds
let lastDay = NaN;
let lastDayPrefix = '';

/**
 * Date.toISOString() without milliseconds. A list page writes ~600 of these: the day's "YYYY-MM-DDT" is
 * kept from the last call and the time of day written from a table (a fifth of the cost of formatting a
 * Date each time). The same text; an invalid time still throws RangeError.
 */
export function isoSeconds(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (!(Math.abs(s * 1000) <= MAX_TIME_MS)) throw new RangeError('Invalid time value');
  const day = Math.floor(s / DAY_S);
  if (day !== lastDay) {
    lastDayPrefix = new Date(day * DAY_S * 1000).toISOString().slice(0, -13);
    lastDay = day;
  }
  const t = s - day * DAY_S;
  const hh = Math.floor(t / 3600);
  const mm = Math.floor((t % 3600) / 60);
  return `${lastDayPrefix}${TWO_DIGITS[hh] ?? ''}:${TWO_DIGITS[mm] ?? ''}:${TWO_DIGITS[t % 60] ?? ''}Z`;
}

/** Truncate to the second, as every timestamp a client sees is truncated. */
export function floorSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

export const EPOCH_ISO = '1970-01-01T00:00:00Z';
