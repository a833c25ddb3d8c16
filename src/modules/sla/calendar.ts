/**
 * Business calendars and business-time arithmetic. Pure: no database, no clock, no npm packages.
 *
 * A calendar is a plain JSON-serialisable object. Arithmetic walks merged business intervals one at a
 * time (never minute by minute), so a year-long span costs a few hundred interval steps.
 */
import { AppError } from '../../shared/errors.js';
import { DAY_MS, MINUTE_MS, fromLocal, isValidTimeZone, parseIsoDate, toLocal, weekdayOfDay, zone, type Zone } from './zone.js';

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Wall-clock hours `HH:MM`–`HH:MM`; `end` may be `24:00`; an `end` at or before `start` crosses midnight. */
export interface TimeRange {
  start: string;
  end: string;
}

export interface Holiday {
  /** `YYYY-MM-DD`, a whole date in the calendar's zone. */
  date: string;
  name?: string;
}

/** Replaces the weekly hours of one date: a transferred working Saturday, a shortened pre-holiday day. */
export interface DateOverride {
  date: string;
  /** Empty means closed all day. */
  hours: TimeRange[];
  note?: string;
}

export interface AlwaysOpenCalendar {
  kind: '24x7';
}

export interface BusinessHoursCalendar {
  kind: 'business-hours';
  /** IANA zone, e.g. `Europe/Moscow`. */
  timeZone: string;
  week: Partial<Record<Weekday, TimeRange[]>>;
  holidays?: Holiday[];
  overrides?: DateOverride[];
}

export type BusinessCalendar = AlwaysOpenCalendar | BusinessHoursCalendar;

export const ALWAYS_OPEN: AlwaysOpenCalendar = { kind: '24x7' };

/** The shipped business-hours default: Monday–Friday 09:00–18:00 in the customer's zone. */
export function officeHoursCalendar(timeZone: string, holidays: Holiday[] = []): BusinessHoursCalendar {
  const day: TimeRange[] = [{ start: '09:00', end: '18:00' }];
  return { kind: 'business-hours', timeZone, week: { mon: day, tue: day, wed: day, thu: day, fri: day }, holidays };
}

const HHMM = /^(?:([01]\d|2[0-3]):([0-5]\d)|(24):(00))$/;

function parseMinutes(text: string): number | null {
  const m = HHMM.exec(text);
  if (!m) return null;
  return m[3] ? 1440 : Number(m[1]) * 60 + Number(m[2]);
}

/** Minutes after the local midnight of the interval's own date; `end` may run into the next date. */
interface MinuteRange {
  start: number;
  end: number;
}

function compileRanges(ranges: readonly TimeRange[], path: string, problems: string[]): MinuteRange[] {
  const out: MinuteRange[] = [];
  ranges.forEach((r, i) => {
    const start = parseMinutes(r.start);
    let end = parseMinutes(r.end);
    if (start === null || start === 1440) problems.push(`${path}[${i}].start: expected HH:MM (00:00–23:59)`);
    if (end === null) problems.push(`${path}[${i}].end: expected HH:MM (00:00–24:00)`);
    if (start === null || end === null || start === 1440) return;
    if (end === start) {
      problems.push(`${path}[${i}]: start and end are equal; use 00:00–24:00 for a whole day`);
      return;
    }
    if (end < start) end += 1440;
    out.push({ start, end });
  });
  out.sort((a, b) => a.start - b.start);
  return out;
}

interface CompiledHours {
  zone: Zone;
  week: MinuteRange[][];
  closed: Set<number>;
  overrides: Map<number, MinuteRange[]>;
}

/** Every problem with a calendar, as `path: message` strings; empty when it is usable. */
export function calendarProblems(calendar: BusinessCalendar): string[] {
  const problems: string[] = [];
  compile(calendar, problems);
  return problems;
}

function compile(calendar: BusinessHoursCalendar, problems: string[]): CompiledHours;
function compile(calendar: BusinessCalendar, problems: string[]): CompiledHours | null;
function compile(calendar: BusinessCalendar, problems: string[]): CompiledHours | null {
  if (calendar.kind === '24x7') return null;
  const zoneOk = isValidTimeZone(calendar.timeZone);
  if (!zoneOk) problems.push(`timeZone: unknown IANA time zone "${calendar.timeZone}"`);
  const week = WEEKDAYS.map((d) => compileRanges(calendar.week[d] ?? [], `week.${d}`, problems));
  if (week.every((w) => w.length === 0)) {
    // Without weekly hours business time would run out after the last override and a due date could never be found.
    problems.push('week: at least one weekday needs business hours');
  }
  const closed = new Set<number>();
  (calendar.holidays ?? []).forEach((h, i) => {
    const day = parseIsoDate(h.date);
    if (day === null) problems.push(`holidays[${i}].date: expected YYYY-MM-DD`);
    else closed.add(day);
  });
  const overrides = new Map<number, MinuteRange[]>();
  (calendar.overrides ?? []).forEach((o, i) => {
    const day = parseIsoDate(o.date);
    const ranges = compileRanges(o.hours, `overrides[${i}].hours`, problems);
    if (day === null) problems.push(`overrides[${i}].date: expected YYYY-MM-DD`);
    else if (overrides.has(day)) problems.push(`overrides[${i}].date: ${o.date} is overridden twice`);
    else overrides.set(day, ranges);
  });
  // With a bad zone the result is discarded (problems is non-empty); UTC only keeps this total.
  return { zone: zone(zoneOk ? calendar.timeZone : 'UTC'), week, closed, overrides };
}

const compiled = new WeakMap<BusinessHoursCalendar, CompiledHours>();

function compiledHours(calendar: BusinessHoursCalendar): CompiledHours {
  let c = compiled.get(calendar);
  if (!c) {
    const problems: string[] = [];
    c = compile(calendar, problems);
    if (problems.length > 0) {
      throw new AppError('VALIDATION_FAILED', 'The business calendar is invalid', { problems });
    }
    // Keyed by object identity: calendars are treated as immutable values once used.
    compiled.set(calendar, c);
  }
  return c;
}

/** Hours of one local date: an override wins over a holiday, a holiday over the weekday. */
function rangesOn(c: CompiledHours, day: number): MinuteRange[] {
  return c.overrides.get(day) ?? (c.closed.has(day) ? [] : (c.week[weekdayOfDay(day)] ?? []));
}

/** A half-open business interval [start, end) in epoch ms. */
export interface Interval {
  start: number;
  end: number;
}

/**
 * Disjoint, ascending business intervals that end after `from`. An interval belongs to the date it
 * starts on, so a night shift starting on the eve of a holiday still runs to its end. Adjacent pieces
 * are not merged (a 00:00–24:00 week would never finish merging). Infinite: callers stop iterating.
 */
function* intervalsFrom(c: CompiledHours, from: number): Generator<Interval> {
  // Start a day early so yesterday's shift that crosses midnight into `from` is seen.
  let day = Math.floor(toLocal(c.zone, from) / DAY_MS) - 1;
  // Everything before the watermark was already handed out; overlapping hours must not count twice.
  let watermark = -Infinity;
  for (;;) {
    const base = day * DAY_MS;
    const ranges = rangesOn(c, day);
    const raw = ranges.map((r) => ({ start: fromLocal(c.zone, base + r.start * MINUTE_MS), end: fromLocal(c.zone, base + r.end * MINUTE_MS) }));
    // Ranges are sorted by wall time; only a DST gap can reorder them as instants.
    if (raw.length > 1) raw.sort((x, y) => x.start - y.start);
    for (const r of raw) {
      const start = Math.max(r.start, watermark);
      if (r.end <= start) continue;
      watermark = r.end;
      if (r.end > from) yield { start, end: r.end };
    }
    day += 1;
  }
}

// Walking interval by interval is linear in the span, so an absurd duration would pin the CPU.
const MAX_ADD_MS = 100 * 365 * DAY_MS;

function assertInstant(name: string, d: Date): number {
  const t = d.getTime();
  if (!Number.isFinite(t)) throw new AppError('VALIDATION_FAILED', `${name} is not a valid date`);
  return t;
}

/** The instant at which `ms` of business time have elapsed after `start` (the earliest such instant). */
export function addBusinessTime(calendar: BusinessCalendar, start: Date, ms: number): Date {
  const from = assertInstant('start', start);
  if (!Number.isFinite(ms) || ms < 0 || ms > MAX_ADD_MS) {
    throw new AppError('VALIDATION_FAILED', 'Business time to add must be between 0 and 100 years', { ms });
  }
  if (calendar.kind === '24x7' || ms === 0) return new Date(from + ms);
  let remaining = ms;
  for (const iv of intervalsFrom(compiledHours(calendar), from)) {
    const begin = Math.max(iv.start, from);
    const available = iv.end - begin;
    if (remaining <= available) return new Date(begin + remaining);
    remaining -= available;
  }
  throw new Error('unreachable: business intervals never run out');
}

/** Business milliseconds in [a, b); zero when b is not after a. */
export function businessTimeBetween(calendar: BusinessCalendar, a: Date, b: Date): number {
  const from = assertInstant('a', a);
  const to = assertInstant('b', b);
  if (to <= from) return 0;
  if (calendar.kind === '24x7') return to - from;
  let total = 0;
  for (const iv of intervalsFrom(compiledHours(calendar), from)) {
    if (iv.start >= to) break;
    total += Math.min(iv.end, to) - Math.max(iv.start, from);
  }
  return total;
}

export function isBusinessTime(calendar: BusinessCalendar, t: Date): boolean {
  const at = assertInstant('t', t);
  if (calendar.kind === '24x7') return true;
  for (const iv of intervalsFrom(compiledHours(calendar), at)) return iv.start <= at;
  return false;
}

/** `t` itself when it is business time, otherwise the start of the next business interval. */
export function nextBusinessInstant(calendar: BusinessCalendar, t: Date): Date {
  const at = assertInstant('t', t);
  if (calendar.kind === '24x7') return new Date(at);
  for (const iv of intervalsFrom(compiledHours(calendar), at)) return new Date(Math.max(iv.start, at));
  throw new Error('unreachable: business intervals never run out');
}

/** The business intervals overlapping [a, b), clipped to it; for explaining a due date to a person. */
export function businessIntervals(calendar: BusinessCalendar, a: Date, b: Date): { start: Date; end: Date }[] {
  const from = assertInstant('a', a);
  const to = assertInstant('b', b);
  if (to <= from) return [];
  if (calendar.kind === '24x7') return [{ start: new Date(from), end: new Date(to) }];
  const out: { start: Date; end: Date }[] = [];
  for (const iv of intervalsFrom(compiledHours(calendar), from)) {
    if (iv.start >= to) break;
    const start = Math.max(iv.start, from);
    const end = Math.min(iv.end, to);
    const last = out[out.length - 1];
    if (last && last.end.getTime() === start) last.end = new Date(end);
    else out.push({ start: new Date(start), end: new Date(end) });
  }
  return out;
}
