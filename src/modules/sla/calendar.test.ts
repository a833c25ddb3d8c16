import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.js';
import {
  ALWAYS_OPEN,
  addBusinessTime,
  businessIntervals,
  businessTimeBetween,
  calendarProblems,
  isBusinessTime,
  nextBusinessInstant,
  officeHoursCalendar,
  type BusinessCalendar,
  type BusinessHoursCalendar,
} from './calendar.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const d = (iso: string): Date => new Date(iso);
const add = (cal: BusinessCalendar, iso: string, ms: number): string => addBusinessTime(cal, d(iso), ms).toISOString();

const moscow = officeHoursCalendar('Europe/Moscow');
const berlin = officeHoursCalendar('Europe/Berlin');

describe('office hours 09:00–18:00', () => {
  it('carries a 60 min target started at 17:59 over to 09:59 of the next business day', () => {
    // Tuesday 17:59 MSK (UTC+3, no DST)
    expect(add(moscow, '2025-06-03T17:59:00+03:00', 60 * MIN)).toBe(d('2025-06-04T09:59:00+03:00').toISOString());
  });

  it('ends exactly at closing time when the target fits the day', () => {
    expect(add(moscow, '2025-06-03T17:00:00+03:00', 60 * MIN)).toBe(d('2025-06-03T18:00:00+03:00').toISOString());
  });

  it('starts counting at opening time when created at night', () => {
    expect(add(moscow, '2025-06-03T03:00:00+03:00', 30 * MIN)).toBe(d('2025-06-03T09:30:00+03:00').toISOString());
  });

  it('skips the weekend', () => {
    expect(add(moscow, '2025-06-06T17:30:00+03:00', 60 * MIN)).toBe(d('2025-06-09T09:30:00+03:00').toISOString());
  });

  it('treats opening as business time and closing as not (half-open intervals)', () => {
    expect(isBusinessTime(moscow, d('2025-06-03T09:00:00+03:00'))).toBe(true);
    expect(isBusinessTime(moscow, d('2025-06-03T08:59:59.999+03:00'))).toBe(false);
    expect(isBusinessTime(moscow, d('2025-06-03T17:59:59.999+03:00'))).toBe(true);
    expect(isBusinessTime(moscow, d('2025-06-03T18:00:00+03:00'))).toBe(false);
    expect(isBusinessTime(moscow, d('2025-06-07T12:00:00+03:00'))).toBe(false);
  });

  it('finds the next business instant', () => {
    expect(nextBusinessInstant(moscow, d('2025-06-06T18:00:00+03:00')).toISOString()).toBe(d('2025-06-09T09:00:00+03:00').toISOString());
    expect(nextBusinessInstant(moscow, d('2025-06-06T12:34:00+03:00')).toISOString()).toBe(d('2025-06-06T12:34:00+03:00').toISOString());
  });

  it('counts business time between two instants', () => {
    // Friday 17:00 → Monday 10:00: one hour on Friday, one on Monday.
    expect(businessTimeBetween(moscow, d('2025-06-06T17:00:00+03:00'), d('2025-06-09T10:00:00+03:00'))).toBe(2 * HOUR);
    expect(businessTimeBetween(moscow, d('2025-06-09T10:00:00+03:00'), d('2025-06-06T17:00:00+03:00'))).toBe(0);
    // No holidays configured, so only weekends are off: 2025 has 261 weekdays of 9 h.
    expect(businessTimeBetween(moscow, d('2025-01-01T00:00:00+03:00'), d('2026-01-01T00:00:00+03:00'))).toBe(261 * 9 * HOUR);
  });
});

describe('Russian holidays (Europe/Moscow)', () => {
  // 4 November 2024 (Monday) was National Unity Day; Saturday 2 November was a transferred,
  // shortened working day (09:00–17:00).
  const holidays = [{ date: '2024-11-04', name: 'National Unity Day' }];
  const noTransfer = officeHoursCalendar('Europe/Moscow', holidays);
  const withTransfer: BusinessHoursCalendar = {
    ...noTransfer,
    overrides: [{ date: '2024-11-02', hours: [{ start: '09:00', end: '17:00' }], note: 'transferred working Saturday' }],
  };

  it('moves a request created at 17:59 on the Friday before a Monday holiday to Tuesday 09:59', () => {
    expect(add(noTransfer, '2024-11-01T17:59:00+03:00', 60 * MIN)).toBe(d('2024-11-05T09:59:00+03:00').toISOString());
  });

  it('uses a transferred working Saturday', () => {
    expect(add(withTransfer, '2024-11-01T17:59:00+03:00', 60 * MIN)).toBe(d('2024-11-02T09:59:00+03:00').toISOString());
    // The shortened day closes at 17:00, so 2 h from 16:00 continue on Tuesday.
    expect(add(withTransfer, '2024-11-02T16:00:00+03:00', 2 * HOUR)).toBe(d('2024-11-05T10:00:00+03:00').toISOString());
  });

  it('lets an override close a normal weekday', () => {
    const closed: BusinessHoursCalendar = { ...moscow, overrides: [{ date: '2025-06-04', hours: [] }] };
    expect(add(closed, '2025-06-03T17:59:00+03:00', 60 * MIN)).toBe(d('2025-06-05T09:59:00+03:00').toISOString());
  });
});

describe('DST in Europe/Berlin and America/New_York', () => {
  it('spring-forward weekend: Friday 17:59 CET + 60 min is Monday 09:59 CEST', () => {
    expect(add(berlin, '2025-03-28T17:59:00+01:00', 60 * MIN)).toBe(d('2025-03-31T09:59:00+02:00').toISOString());
    expect(businessTimeBetween(berlin, d('2025-03-28T17:00:00+01:00'), d('2025-03-31T10:00:00+02:00'))).toBe(2 * HOUR);
  });

  it('fall-back weekend: Friday 17:59 CEST + 60 min is Monday 09:59 CET', () => {
    expect(add(berlin, '2025-10-24T17:59:00+02:00', 60 * MIN)).toBe(d('2025-10-27T09:59:00+01:00').toISOString());
  });

  it('counts real hours on a 00:00–24:00 week: 23 h on spring-forward day, 25 h on fall-back day', () => {
    const day = [{ start: '00:00', end: '24:00' }];
    const allDay: BusinessHoursCalendar = {
      kind: 'business-hours',
      timeZone: 'Europe/Berlin',
      week: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day },
    };
    expect(businessTimeBetween(allDay, d('2025-03-30T00:00:00+01:00'), d('2025-03-31T00:00:00+02:00'))).toBe(23 * HOUR);
    expect(businessTimeBetween(allDay, d('2025-10-26T00:00:00+02:00'), d('2025-10-27T00:00:00+01:00'))).toBe(25 * HOUR);
    // Across the fall-back hour this calendar behaves like 24/7: 2 h are 2 real hours.
    expect(add(allDay, '2025-10-26T01:30:00+02:00', 2 * HOUR)).toBe(d('2025-10-26T02:30:00+01:00').toISOString());
  });

  it('24/7 is real elapsed time: 2 h across the fall-back hour end 2 real hours later', () => {
    // 01:30 CEST + 2 h = 02:30 CET (wall clock shows only one hour later).
    expect(add(ALWAYS_OPEN, '2025-10-26T01:30:00+02:00', 2 * HOUR)).toBe(d('2025-10-26T02:30:00+01:00').toISOString());
    expect(add(ALWAYS_OPEN, '2025-03-30T01:30:00+01:00', 2 * HOUR)).toBe(d('2025-03-30T04:30:00+02:00').toISOString());
  });

  it('New York office hours across spring-forward and fall-back', () => {
    const ny = officeHoursCalendar('America/New_York');
    expect(add(ny, '2025-03-07T17:59:00-05:00', 60 * MIN)).toBe(d('2025-03-10T09:59:00-04:00').toISOString());
    expect(add(ny, '2025-10-31T17:59:00-04:00', 60 * MIN)).toBe(d('2025-11-03T09:59:00-05:00').toISOString());
  });
});

describe('night shift crossing midnight', () => {
  const night = [{ start: '22:00', end: '06:00' }];
  const shift: BusinessHoursCalendar = {
    kind: 'business-hours',
    timeZone: 'Europe/Moscow',
    week: { mon: night, tue: night, wed: night, thu: night, fri: night },
  };

  it('runs from the evening of its weekday into the next morning', () => {
    // Monday 2025-06-02
    expect(add(shift, '2025-06-02T21:00:00+03:00', 60 * MIN)).toBe(d('2025-06-02T23:00:00+03:00').toISOString());
    // Tuesday 05:30 is still Monday's shift: 30 min there, then 30 min from Tuesday 22:00.
    expect(add(shift, '2025-06-03T05:30:00+03:00', 60 * MIN)).toBe(d('2025-06-03T22:30:00+03:00').toISOString());
    // Friday's shift ends Saturday 06:00; the next one starts Monday 22:00.
    expect(add(shift, '2025-06-07T05:00:00+03:00', 2 * HOUR)).toBe(d('2025-06-09T23:00:00+03:00').toISOString());
    expect(isBusinessTime(shift, d('2025-06-07T05:59:00+03:00'))).toBe(true);
    expect(isBusinessTime(shift, d('2025-06-08T05:59:00+03:00'))).toBe(false);
  });

  it('belongs to the date it starts on when that or the next date is a holiday', () => {
    const tuesdayOff: BusinessHoursCalendar = { ...shift, holidays: [{ date: '2025-06-03' }] };
    // Monday's shift still runs into the holiday morning; Tuesday's own shift is cancelled.
    expect(isBusinessTime(tuesdayOff, d('2025-06-03T03:00:00+03:00'))).toBe(true);
    expect(isBusinessTime(tuesdayOff, d('2025-06-03T23:00:00+03:00'))).toBe(false);
    expect(add(tuesdayOff, '2025-06-03T05:00:00+03:00', 2 * HOUR)).toBe(d('2025-06-04T23:00:00+03:00').toISOString());
  });

  it('lasts 9 real hours on the fall-back night and 7 on the spring-forward night (Berlin, New York)', () => {
    const every = { mon: night, tue: night, wed: night, thu: night, fri: night, sat: night, sun: night };
    const berlinNights: BusinessHoursCalendar = { kind: 'business-hours', timeZone: 'Europe/Berlin', week: every };
    const nyNights: BusinessHoursCalendar = { kind: 'business-hours', timeZone: 'America/New_York', week: every };
    expect(businessTimeBetween(berlinNights, d('2025-10-25T12:00:00+02:00'), d('2025-10-26T12:00:00+01:00'))).toBe(9 * HOUR);
    expect(businessTimeBetween(berlinNights, d('2025-03-29T12:00:00+01:00'), d('2025-03-30T12:00:00+02:00'))).toBe(7 * HOUR);
    expect(businessTimeBetween(nyNights, d('2025-03-08T12:00:00-05:00'), d('2025-03-09T12:00:00-04:00'))).toBe(7 * HOUR);
    expect(businessTimeBetween(nyNights, d('2025-11-01T12:00:00-04:00'), d('2025-11-02T12:00:00-05:00'))).toBe(9 * HOUR);
  });
});

describe('overlapping hours and explanations', () => {
  it('does not count overlapping intervals twice', () => {
    const cal: BusinessHoursCalendar = {
      kind: 'business-hours',
      timeZone: 'Europe/Moscow',
      week: { mon: [{ start: '09:00', end: '13:00' }, { start: '12:00', end: '18:00' }], sun: [{ start: '20:00', end: '10:00' }] },
    };
    // Sunday 2025-06-01 20:00 → Monday 18:00 is one continuous stretch of 22 h.
    expect(businessTimeBetween(cal, d('2025-06-01T00:00:00+03:00'), d('2025-06-03T00:00:00+03:00'))).toBe(22 * HOUR);
    expect(businessIntervals(cal, d('2025-06-01T00:00:00+03:00'), d('2025-06-03T00:00:00+03:00')).map((i) => i.start.toISOString())).toEqual([
      d('2025-06-01T20:00:00+03:00').toISOString(),
    ]);
  });
});

describe('validation', () => {
  it('lists every problem of a bad calendar', () => {
    const bad: BusinessHoursCalendar = {
      kind: 'business-hours',
      timeZone: 'Mars/Olympus',
      week: { mon: [{ start: '9:00', end: '18:00' }, { start: '10:00', end: '10:00' }] },
      holidays: [{ date: '2025-02-30' }],
      overrides: [{ date: '2025-01-01', hours: [{ start: '24:00', end: '25:00' }] }],
    };
    expect(calendarProblems(bad)).toEqual([
      'timeZone: unknown IANA time zone "Mars/Olympus"',
      'week.mon[0].start: expected HH:MM (00:00–23:59)',
      'week.mon[1]: start and end are equal; use 00:00–24:00 for a whole day',
      'week: at least one weekday needs business hours',
      'holidays[0].date: expected YYYY-MM-DD',
      'overrides[0].hours[0].start: expected HH:MM (00:00–23:59)',
      'overrides[0].hours[0].end: expected HH:MM (00:00–24:00)',
    ]);
    expect(calendarProblems(berlin)).toEqual([]);
  });

  it('refuses to compute with an invalid calendar or a negative duration', () => {
    const empty: BusinessHoursCalendar = { kind: 'business-hours', timeZone: 'Europe/Berlin', week: {} };
    expect(() => addBusinessTime(empty, d('2025-01-01T00:00:00Z'), HOUR)).toThrow(AppError);
    expect(() => addBusinessTime(berlin, d('2025-01-01T00:00:00Z'), -1)).toThrow(AppError);
  });
});

/** mulberry32: a tiny seeded PRNG so the property checks are reproducible. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe('properties (seeded)', () => {
  const night = [{ start: '22:00', end: '06:00' }];
  const calendars: [string, BusinessCalendar][] = [
    ['24x7', ALWAYS_OPEN],
    ['Berlin office', officeHoursCalendar('Europe/Berlin', [{ date: '2025-12-25' }, { date: '2025-12-26' }])],
    ['New York nights', { kind: 'business-hours', timeZone: 'America/New_York', week: { sat: night, sun: night, wed: night } }],
    [
      'Moscow split day',
      {
        kind: 'business-hours',
        timeZone: 'Europe/Moscow',
        week: { mon: [{ start: '08:00', end: '12:00' }, { start: '13:00', end: '20:30' }], thu: [{ start: '00:00', end: '24:00' }] },
        overrides: [{ date: '2025-03-08', hours: [{ start: '10:00', end: '14:00' }] }],
      },
    ],
  ];
  const from = Date.UTC(2024, 0, 1);
  const span = 3 * 365 * 24 * HOUR;

  for (const [name, cal] of calendars) {
    it(`${name}: addBusinessTime and businessTimeBetween are inverse`, () => {
      const rnd = prng(name.length * 7919);
      for (let i = 0; i < 300; i++) {
        const start = new Date(from + Math.floor(rnd() * span / MIN) * MIN);
        const ms = Math.floor(rnd() * 400 * 60) * MIN;
        const end = addBusinessTime(cal, start, ms);
        expect(businessTimeBetween(cal, start, end)).toBe(ms);
        // `end` is the earliest such instant: a minute earlier is a minute short, unless ms is 0.
        if (ms > 0) expect(businessTimeBetween(cal, start, new Date(end.getTime() - MIN))).toBe(ms - MIN);

        const b = new Date(start.getTime() + Math.floor(rnd() * 30 * 24 * 60) * MIN);
        const between = businessTimeBetween(cal, start, b);
        const back = addBusinessTime(cal, start, between);
        expect(back.getTime()).toBeLessThanOrEqual(b.getTime());
        // Only when business time runs right up to b is b itself the earliest instant with that much elapsed.
        if (isBusinessTime(cal, new Date(b.getTime() - 1)) && between > 0) expect(back.toISOString()).toBe(b.toISOString());
        // Additivity over a split point.
        const mid = new Date((start.getTime() + b.getTime()) / 2);
        expect(businessTimeBetween(cal, start, mid) + businessTimeBetween(cal, mid, b)).toBe(between);
      }
    });
  }
});
