import { describe, expect, it } from 'vitest';
import { addBusinessTime, officeHoursCalendar } from './calendar.js';
import { parseICalHolidays, unfold } from './ical.js';

// CRLF line ends and a folded SUMMARY, as real feeds send them.
const FEED = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//tierdesk//test//EN',
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Moscow',
  'END:VTIMEZONE',
  'BEGIN:VEVENT',
  'UID:ny-2025@example',
  'DTSTART;VALUE=DATE:20250101',
  'DTEND;VALUE=DATE:20250109',
  'SUMMARY:Новогодние каникулы',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:russia-day@example',
  'DTSTART;VALUE=DATE:20200612',
  'RRULE:FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=12',
  'EXDATE;VALUE=DATE:20260612,20270612',
  'SUMMARY:Russia',
  '  Day',
  'BEGIN:VALARM',
  'SUMMARY:not the event summary',
  'TRIGGER:-PT15M',
  'END:VALARM',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:unity@example',
  'DTSTART:20251104',
  'SUMMARY:National Unity Day\\, observed',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:may@example',
  'DTSTART;VALUE=DATE:20250501',
  'DURATION:P4D',
  'SUMMARY:May holidays',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:thanksgiving@example',
  'DTSTART;VALUE=DATE:20251127',
  'RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=4TH',
  'SUMMARY:Thanksgiving',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:meeting@example',
  'DTSTART;TZID=Europe/Moscow:20250110T100000',
  'SUMMARY:Team meeting',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:cancelled@example',
  'DTSTART;VALUE=DATE:20250310',
  'STATUS:CANCELLED',
  'SUMMARY:Cancelled day off',
  'END:VEVENT',
  'BEGIN:VTODO',
  'SUMMARY:Buy cake',
  'END:VTODO',
  'END:VCALENDAR',
  '',
].join('\r\n');

describe('parseICalHolidays', () => {
  const result = parseICalHolidays(FEED, { fromYear: 2025, toYear: 2026 });

  it('imports all-day events, multi-day spans, durations, exceptions and yearly fixed dates', () => {
    expect(result.holidays.map((h) => h.date)).toEqual([
      '2025-01-01', '2025-01-02', '2025-01-03', '2025-01-04', '2025-01-05', '2025-01-06', '2025-01-07', '2025-01-08',
      '2025-05-01', '2025-05-02', '2025-05-03', '2025-05-04',
      '2025-06-12',
      '2025-11-04',
    ]);
    expect(result.holidays.find((h) => h.date === '2025-06-12')?.name).toBe('Russia Day');
    expect(result.holidays.find((h) => h.date === '2025-11-04')?.name).toBe('National Unity Day, observed');
    expect(result.holidays[0]?.name).toBe('Новогодние каникулы');
  });

  it('says what it skipped and why', () => {
    expect(result.skipped).toEqual([
      { uid: 'thanksgiving@example', summary: 'Thanksgiving', reason: 'RRULE BYDAY=4TH is not supported (only fixed-date yearly holidays)' },
      { uid: 'meeting@example', summary: 'Team meeting', reason: 'timed event (DTSTART has a time), not a whole-day holiday' },
      { uid: 'cancelled@example', summary: 'Cancelled day off', reason: 'cancelled (STATUS:CANCELLED)' },
    ]);
    expect(result.notes).toEqual([
      'Russia Day: recurring, expanded to 7 year(s)',
      '1 VTODO component(s) ignored; only VEVENT is read',
    ]);
  });

  it('feeds a business calendar', () => {
    const cal = officeHoursCalendar('Europe/Moscow', result.holidays);
    // Wednesday 2024-12-31 is not in the window, so work resumes on Thursday 9 January.
    const due = addBusinessTime(cal, new Date('2024-12-31T17:59:00+03:00'), 60 * 60_000);
    expect(due.toISOString()).toBe(new Date('2025-01-09T09:59:00+03:00').toISOString());
  });

  it('skips 29 February in common years and honours COUNT and UNTIL', () => {
    const leap = [
      'BEGIN:VCALENDAR',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20240229',
      'RRULE:FREQ=YEARLY;COUNT=2',
      'SUMMARY:Leap',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20250308',
      'RRULE:FREQ=YEARLY;UNTIL=20270101T000000Z',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\n');
    const r = parseICalHolidays(leap);
    expect(r.holidays.map((h) => h.date)).toEqual(['2024-02-29', '2025-03-08', '2026-03-08', '2028-02-29']);
  });

  it('reports text that is not iCalendar', () => {
    expect(parseICalHolidays('hello world').notes).toEqual([
      'no BEGIN:VCALENDAR found; this does not look like an iCalendar file',
      '1 line(s) without a "name:value" shape were ignored',
    ]);
  });
});

describe('unfold', () => {
  it('joins continuation lines that start with a space or a tab', () => {
    // Exactly one whitespace character is dropped per fold; any more belong to the text.
    expect(unfold('DESCRIPTION:a long\r\n  line\r\n\t continued\nX:1')).toEqual(['DESCRIPTION:a long line continued', 'X:1']);
  });
});
