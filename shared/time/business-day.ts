// Business days in the shop's IANA zone, computed with Intl only (no date library). The one source of
// truth for "which day" across the sales list, reports and the cashier's "today".
// A business day "D" is [D at dayStart local, D+1 at dayStart local), returned as UTC ISO strings.
// DST: a local time that does not exist (spring-forward gap) maps to the first instant after the gap;
// a local time that exists twice (fall-back) maps to the earlier instant. So a day can last 23 or 25 hours.

export type BusinessDayErrorCode = 'invalid_day' | 'invalid_time_zone' | 'invalid_day_start';

/** A bad day, zone or start of day: a stable code and a message safe to show a manager. */
export class BusinessDayError extends Error {
  override readonly name = 'BusinessDayError';
  constructor(
    readonly code: BusinessDayErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Throws `invalid_time_zone` rather than silently falling back to UTC (the FloCafe trap). */
export function assertTimeZone(timeZone: string): void {
  wallFormatter(timeZone);
}

/** True for an IANA zone this runtime knows (what settings and queries validate against). */
export function isTimeZone(timeZone: string): boolean {
  try {
    wallFormatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

function wallFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
    } catch {
      throw new BusinessDayError('invalid_time_zone', `Unknown time zone "${timeZone.slice(0, 60)}".`);
    }
    formatters.set(timeZone, f);
  }
  return f;
}

export interface WallTime {
  readonly year: number;
  readonly month: number; // 1–12
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

/** The local wall-clock time of an instant in a zone. */
export function wallTime(epochMs: number, timeZone: string): WallTime {
  const parts = wallFormatter(timeZone).formatToParts(new Date(epochMs));
  const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value ?? NaN);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour') % 24, minute: get('minute'), second: get('second') };
}

/** UTC offset (ms, local − UTC) in force at an instant. */
export function offsetAt(epochMs: number, timeZone: string): number {
  const w = wallTime(epochMs, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

/** The instant at which the zone's clock shows the given wall time (see the DST rules above). */
export function zonedToUtc(year: number, month: number, day: number, minutesOfDay: number, timeZone: string): number {
  const wall = Date.UTC(year, month - 1, day, 0, minutesOfDay);
  // Offsets a day either side bracket any transition near this wall time.
  const before = offsetAt(wall - 24 * HOUR, timeZone);
  const after = offsetAt(wall + 24 * HOUR, timeZone);
  const candidates = [...new Set([wall - before, wall - after])].filter((t) => offsetAt(t, timeZone) === wall - t);
  if (candidates.length > 0) return Math.min(...candidates);
  // In a gap: find the transition instant between the two candidates (minute precision is enough).
  let lo = Math.min(wall - before, wall - after);
  let hi = Math.max(wall - before, wall - after);
  const base = offsetAt(lo, timeZone);
  while (hi - lo > MINUTE) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
    if (offsetAt(mid, timeZone) === base) lo = mid;
    else hi = mid;
  }
  return hi;
}

export interface CalendarDay {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export function parseDay(day: string): CalendarDay {
  const m = DAY_RE.exec(day);
  const year = Number(m?.[1]);
  const month = Number(m?.[2]);
  const d = Number(m?.[3]);
  const check = new Date(Date.UTC(year, month - 1, d));
  if (!m || check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== d) {
    throw new BusinessDayError('invalid_day', 'The day must be a real date written YYYY-MM-DD.');
  }
  return { year, month, day: d };
}

export function formatDay(c: CalendarDay): string {
  return `${String(c.year).padStart(4, '0')}-${String(c.month).padStart(2, '0')}-${String(c.day).padStart(2, '0')}`;
}

export function addDays(day: string, n: number): string {
  const c = parseDay(day);
  const d = new Date(Date.UTC(c.year, c.month - 1, c.day + n));
  return formatDay({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
}

function assertDayStart(dayStartMinutes: number): void {
  if (!Number.isInteger(dayStartMinutes) || dayStartMinutes < 0 || dayStartMinutes > 719) {
    throw new BusinessDayError('invalid_day_start', 'The start of the business day must be between 00:00 and 11:59.');
  }
}

/** `[from, to)` of a business day as UTC ISO strings. */
export function businessDayRange(day: string, timeZone: string, dayStartMinutes = 0): { from: string; to: string } {
  assertTimeZone(timeZone);
  assertDayStart(dayStartMinutes);
  const c = parseDay(day);
  const n = parseDay(addDays(day, 1));
  const from = zonedToUtc(c.year, c.month, c.day, dayStartMinutes, timeZone);
  const to = zonedToUtc(n.year, n.month, n.day, dayStartMinutes, timeZone);
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}

/** The business day (YYYY-MM-DD) an instant belongs to. */
export function businessDayOf(instant: Date | string, timeZone: string, dayStartMinutes = 0): string {
  assertDayStart(dayStartMinutes);
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  const w = wallTime(ms, timeZone);
  const day = formatDay({ year: w.year, month: w.month, day: w.day });
  const candidate = w.hour * 60 + w.minute < dayStartMinutes ? addDays(day, -1) : day;
  // Around a DST gap at the day start the wall clock can mislead by a day; the range is the truth.
  const { from, to } = businessDayRange(candidate, timeZone, dayStartMinutes);
  if (ms < Date.parse(from)) return addDays(candidate, -1);
  if (ms >= Date.parse(to)) return addDays(candidate, 1);
  return candidate;
}

/**
 * Local clock hour (0–23) of many instants, cached per quarter hour: every zone offset in use is a
 * multiple of 15 minutes, so instants in the same UTC quarter hour share a local hour.
 */
export function localHourOf(timeZone: string): (iso: string) => number {
  const cache = new Map<number, number>();
  return (iso) => {
    const quarter = Math.floor(Date.parse(iso) / (15 * MINUTE));
    let hour = cache.get(quarter);
    if (hour === undefined) {
      hour = wallTime(quarter * 15 * MINUTE, timeZone).hour;
      cache.set(quarter, hour);
    }
    return hour;
  };
}

/** "2026-11-27 23:59:59" in the shop's zone, for CSV and PDF. */
export function formatLocal(iso: string, timeZone: string): string {
  const w = wallTime(Date.parse(iso), timeZone);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${formatDay({ year: w.year, month: w.month, day: w.day })} ${p(w.hour)}:${p(w.minute)}:${p(w.second)}`;
}

/**
 * formatLocal for many instants: the zone offset is looked up once per UTC quarter hour (every offset
 * in use is a multiple of 15 minutes), then the wall time is plain UTC arithmetic.
 */
export function localFormatter(timeZone: string): (iso: string) => string {
  const offsets = new Map<number, number>();
  const p = (n: number): string => String(n).padStart(2, '0');
  return (iso) => {
    const ms = Date.parse(iso);
    const quarter = Math.floor(ms / (15 * MINUTE));
    let offset = offsets.get(quarter);
    if (offset === undefined) {
      offset = offsetAt(quarter * 15 * MINUTE, timeZone);
      offsets.set(quarter, offset);
    }
    const d = new Date(Math.floor(ms / 1000) * 1000 + offset);
    return `${String(d.getUTCFullYear()).padStart(4, '0')}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
  };
}
