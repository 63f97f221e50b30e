// Dates and times on screen and on receipts: one calendar convention per language, in one place.
// Thai uses the Buddhist era (as Thai shops and receipts do) with Latin digits; Korean and English the
// Gregorian calendar. Every time is shown in the shop's zone (storage is UTC).
import type { CashierLanguage } from '../languages';

/** The Intl locale each language formats dates with (calendar and digits pinned, not left to the runtime). */
export const DATE_LOCALES: Readonly<Record<CashierLanguage, string>> = {
  en: 'en-GB-u-ca-gregory-nu-latn',
  th: 'th-TH-u-ca-buddhist-nu-latn',
  ko: 'ko-KR-u-ca-gregory-nu-latn',
};

type Style = 'time' | 'hm' | 'date' | 'dateTime' | 'numeric' | 'dayLong';

const OPTIONS: Readonly<Record<Style, Intl.DateTimeFormatOptions>> = {
  time: { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' },
  hm: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  date: { year: 'numeric', month: 'short', day: 'numeric' },
  dateTime: { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' },
  /** Digits only (receipt printers print ASCII): "27/11/2569 10:00:05" in Thai, "2026. 11. 27. 10:00:05" in Korean. */
  numeric: { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' },
  dayLong: { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric' },
};

const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(language: CashierLanguage, style: Style, timeZone: string): Intl.DateTimeFormat {
  const key = `${language}|${style}|${timeZone}`;
  let f = cache.get(key);
  if (!f) cache.set(key, (f = new Intl.DateTimeFormat(DATE_LOCALES[language], { ...OPTIONS[style], timeZone })));
  return f;
}

/** An instant (ISO UTC) in the shop's zone: 'time' "14:05:09", 'hm' "14:05", 'date', 'dateTime' (default), 'numeric'. */
export function formatDateTime(language: CashierLanguage, iso: string, timeZone: string, style: Exclude<Style, 'dayLong'> = 'dateTime'): string {
  return formatter(language, style, timeZone).format(new Date(iso));
}

/** A business day ("2026-12-06") as the language writes it: "6 Dec 2026", "6 ธ.ค. 2569", "2026년 12월 6일". */
export function formatBusinessDay(language: CashierLanguage, day: string, style: 'date' | 'dayLong' = 'date'): string {
  return formatter(language, style, 'UTC').format(new Date(`${day}T00:00:00Z`));
}

/** The shop's zone as the language names it ("เวลาอินโดจีน"); the IANA id when the runtime has no name. */
export function zoneName(language: CashierLanguage, timeZone: string): string {
  try {
    const part = new Intl.DateTimeFormat(DATE_LOCALES[language], { timeZone, timeZoneName: 'longGeneric' }).formatToParts(new Date()).find((p) => p.type === 'timeZoneName');
    return part?.value ?? timeZone;
  } catch {
    return timeZone;
  }
}
