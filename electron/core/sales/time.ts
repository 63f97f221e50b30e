// Calendar arithmetic the core needs: the KakaoPay void window and a shop's business day in UTC.

const GMT8_MS = 8 * 3600_000;

/**
 * The guide: "KakaoPay payment charges can be voided within the next 00:15 (GMT+8) after the charge was
 * created". So the window closes at the first 00:15 GMT+8 strictly after the charge's creation.
 */
export function voidDeadline(chargeCreatedAt: Date): Date {
  const local = new Date(chargeCreatedAt.getTime() + GMT8_MS);
  let candidate = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), 0, 15) - GMT8_MS;
  if (candidate <= chargeCreatedAt.getTime()) candidate += 24 * 3600_000;
  return new Date(candidate);
}

function offsetMs(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(at));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - Math.floor(at / 1000) * 1000;
}

/** [start, end) in UTC ISO strings of the calendar day `day` (YYYY-MM-DD) in `timeZone`. */
export function dayRangeUtc(day: string, timeZone: string): { from: string; to: string } {
  const [y, m, d] = day.split('-').map(Number);
  const startOf = (dd: number) => {
    const guess = Date.UTC(y ?? 1970, (m ?? 1) - 1, dd);
    const first = guess - offsetMs(guess, timeZone);
    return first - (offsetMs(first, timeZone) - offsetMs(guess, timeZone));
  };
  return { from: new Date(startOf(d ?? 1)).toISOString(), to: new Date(startOf((d ?? 1) + 1)).toISOString() };
}
