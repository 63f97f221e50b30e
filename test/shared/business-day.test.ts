import { describe, expect, it } from 'vitest';
import { businessDayOf, businessDayRange, formatLocal, localFormatter } from '../../shared';

describe('business days', () => {
  it('Asia/Singapore: the day is [00:00, 24:00) local = [16:00Z previous day, 16:00Z)', () => {
    expect(businessDayRange('2026-11-27', 'Asia/Singapore')).toEqual({ from: '2026-11-26T16:00:00.000Z', to: '2026-11-27T16:00:00.000Z' });
    // 23:59:59 local on the 27th belongs to the 27th; 00:00:00 local on the 28th to the 28th.
    expect(businessDayOf('2026-11-27T15:59:59.000Z', 'Asia/Singapore')).toBe('2026-11-27');
    expect(businessDayOf('2026-11-27T15:59:59.999Z', 'Asia/Singapore')).toBe('2026-11-27');
    expect(businessDayOf('2026-11-27T16:00:00.000Z', 'Asia/Singapore')).toBe('2026-11-28');
    expect(formatLocal('2026-11-27T15:59:59.000Z', 'Asia/Singapore')).toBe('2026-11-27 23:59:59');
    expect(formatLocal('2026-11-27T16:00:00.000Z', 'Asia/Singapore')).toBe('2026-11-28 00:00:00');
  });

  it('Asia/Bangkok: the day is [17:00Z previous day, 17:00Z)', () => {
    expect(businessDayRange('2026-01-01', 'Asia/Bangkok')).toEqual({ from: '2025-12-31T17:00:00.000Z', to: '2026-01-01T17:00:00.000Z' });
    expect(businessDayOf('2026-01-01T16:59:59.000Z', 'Asia/Bangkok')).toBe('2026-01-01');
    expect(businessDayOf('2026-01-01T17:00:00.000Z', 'Asia/Bangkok')).toBe('2026-01-02');
    expect(businessDayOf('2025-12-31T17:00:00.000Z', 'Asia/Bangkok')).toBe('2026-01-01');
    expect(businessDayOf('2025-12-31T16:59:59.000Z', 'Asia/Bangkok')).toBe('2025-12-31');
  });

  it('a non-zero start of day moves both ends (04:30 in Bangkok) and early hours count on the day before', () => {
    const r = businessDayRange('2026-03-01', 'Asia/Bangkok', 270);
    expect(r).toEqual({ from: '2026-02-28T21:30:00.000Z', to: '2026-03-01T21:30:00.000Z' });
    // 02:00 local on 2 March is still the business day of 1 March.
    expect(businessDayOf('2026-03-01T19:00:00.000Z', 'Asia/Bangkok', 270)).toBe('2026-03-01');
    // 04:29:59 local on 2 March: still the 1st; 04:30:00: the 2nd.
    expect(businessDayOf('2026-03-01T21:29:59.000Z', 'Asia/Bangkok', 270)).toBe('2026-03-01');
    expect(businessDayOf('2026-03-01T21:30:00.000Z', 'Asia/Bangkok', 270)).toBe('2026-03-02');
    expect(businessDayRange('2026-03-01', 'Asia/Singapore', 719).from).toBe('2026-03-01T03:59:00.000Z');
  });

  it('DST zones: 23- and 25-hour days, a start of day inside the spring-forward gap', () => {
    const spring = businessDayRange('2026-03-08', 'America/New_York');
    expect(spring).toEqual({ from: '2026-03-08T05:00:00.000Z', to: '2026-03-09T04:00:00.000Z' });
    const fall = businessDayRange('2026-11-01', 'America/New_York');
    expect(Date.parse(fall.to) - Date.parse(fall.from)).toBe(25 * 3600_000);
    // 02:30 does not exist on 8 March in New York: the day starts when the clock jumps to 03:00.
    expect(businessDayRange('2026-03-08', 'America/New_York', 150).from).toBe('2026-03-08T07:00:00.000Z');
    // 01:30 happens twice on 1 November: the earlier one (EDT) starts the day.
    expect(businessDayRange('2026-11-01', 'America/New_York', 90).from).toBe('2026-11-01T05:30:00.000Z');
    // London's spring day, and a zone with a half-hour DST shift.
    expect(businessDayRange('2026-03-29', 'Europe/London')).toEqual({ from: '2026-03-29T00:00:00.000Z', to: '2026-03-29T23:00:00.000Z' });
    const lh = businessDayRange('2026-10-04', 'Australia/Lord_Howe');
    expect(Date.parse(lh.to) - Date.parse(lh.from)).toBe(23.5 * 3600_000);
  });

  it('every instant of a year maps into the range of the day it is said to belong to', () => {
    for (const tz of ['Asia/Singapore', 'Asia/Bangkok', 'America/New_York']) {
      for (let t = Date.parse('2026-01-01T00:00:00Z'); t < Date.parse('2027-01-01T00:00:00Z'); t += 7 * 3600_000 + 13 * 60_000) {
        const day = businessDayOf(new Date(t), tz, 240);
        const { from, to } = businessDayRange(day, tz, 240);
        expect(t >= Date.parse(from) && t < Date.parse(to)).toBe(true);
      }
    }
  });

  it('refuses an unknown zone, a malformed day and an out-of-range start instead of guessing', () => {
    expect(() => businessDayRange('2026-11-27', 'Mars/Olympus')).toThrow(expect.objectContaining({ code: 'invalid_time_zone' }));
    expect(() => businessDayRange('2026-02-30', 'Asia/Singapore')).toThrow(expect.objectContaining({ code: 'invalid_day' }));
    expect(() => businessDayRange('27/11/2026', 'Asia/Singapore')).toThrow(expect.objectContaining({ code: 'invalid_day' }));
    expect(() => businessDayRange('2026-11-27', 'Asia/Singapore', 720)).toThrow(expect.objectContaining({ code: 'invalid_day_start' }));
  });
});

describe('localFormatter', () => {
  it('agrees with formatLocal for every instant tried, across DST changes', () => {
    for (const tz of ['Asia/Singapore', 'Asia/Bangkok', 'America/New_York', 'Australia/Lord_Howe']) {
      const fast = localFormatter(tz);
      for (let t = Date.parse('2026-01-01T00:00:00Z'); t < Date.parse('2027-01-01T00:00:00Z'); t += 5 * 3600_000 + 7 * 60_000 + 13_001) {
        const iso = new Date(t).toISOString();
        expect(fast(iso)).toBe(formatLocal(iso, tz));
      }
    }
  });
});
