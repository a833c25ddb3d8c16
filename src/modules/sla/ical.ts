/**
 * Holiday import from iCalendar (RFC 5545) text, e.g. a national holiday feed.
 *
 * Only whole-day events become holidays. What is not understood is never guessed at: it is listed in
 * `skipped` (per event) or `notes` (per file), so an admin can see what did not come across.
 */
import type { Holiday } from './calendar.js';
import { civilFromDays, daysFromCivil, formatIsoDate, parseIsoDate } from './zone.js';

export interface ICalImportOptions {
  /** Only dates in these years are kept; recurring holidays are expanded over them. */
  fromYear?: number;
  /** Defaults to ten years after `fromYear` (or after the event's own first year). */
  toYear?: number;
}

export interface ICalSkipped {
  uid?: string;
  summary?: string;
  reason: string;
}

export interface ICalImportResult {
  holidays: Holiday[];
  skipped: ICalSkipped[];
  notes: string[];
}

interface ContentLine {
  name: string;
  params: Record<string, string>;
  value: string;
}

const DEFAULT_SPAN_YEARS = 10;
const MAX_EVENT_DAYS = 366;

/** RFC 5545 §3.1: a line break followed by one space or tab continues the previous line. */
export function unfold(text: string): string[] {
  return text
    .replace(/\r?\n[ \t]/g, '')
    .split(/\r?\n/)
    .filter((l) => l.length > 0);
}

function parseLine(line: string): ContentLine | null {
  let i = 0;
  let inQuotes = false;
  // The value starts at the first colon outside a quoted parameter value (params may hold URLs).
  for (; i < line.length; i++) {
    const ch = line[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (ch === ':' && !inQuotes) break;
  }
  if (i >= line.length) return null;
  const [name = '', ...rawParams] = line.slice(0, i).split(';');
  const params: Record<string, string> = {};
  for (const p of rawParams) {
    const eq = p.indexOf('=');
    if (eq > 0) params[p.slice(0, eq).toUpperCase()] = p.slice(eq + 1).replace(/^"|"$/g, '');
  }
  return { name: name.toUpperCase(), params, value: line.slice(i + 1) };
}

function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_m, ch: string) => (ch === 'n' || ch === 'N' ? '\n' : ch));
}

/** `YYYYMMDD` (or the date part of a date-time) as a day number; null when malformed. */
function parseDate(value: string): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})/.exec(value);
  return m ? parseIsoDate(`${m[1]}-${m[2]}-${m[3]}`) : null;
}

function isDateValue(line: ContentLine): boolean {
  return line.params.VALUE === 'DATE' || /^\d{8}$/.test(line.value);
}

function dateList(lines: ContentLine[]): { days: number[]; timed: boolean } {
  const days: number[] = [];
  let timed = false;
  for (const l of lines) {
    if (!isDateValue(l)) timed = true;
    for (const v of l.value.split(',')) {
      const d = parseDate(v.trim());
      if (d !== null) days.push(d);
    }
  }
  return { days, timed };
}

interface EventOutcome {
  dates: number[];
  note?: string;
}

type RuleOutcome = { ok: true; years: number[] } | { ok: false; reason: string };

/** Years of a FREQ=YEARLY rule on a fixed date; anything finer (BYDAY for movable feasts) is refused. */
function expandYearly(rule: string, first: number, opts: ICalImportOptions): RuleOutcome {
  const parts = new Map<string, string>();
  for (const kv of rule.split(';')) {
    const [k, v] = kv.split('=');
    if (k && v !== undefined) parts.set(k.toUpperCase(), v.toUpperCase());
  }
  if (parts.get('FREQ') !== 'YEARLY') return { ok: false, reason: `RRULE FREQ=${parts.get('FREQ') ?? '?'} is not supported (only YEARLY)` };
  const { year: firstYear, month, day } = civilFromDays(first);
  for (const [k, v] of parts) {
    if (k === 'FREQ' || k === 'INTERVAL' || k === 'COUNT' || k === 'UNTIL' || k === 'WKST') continue;
    if (k === 'BYMONTH' && Number(v) === month) continue;
    if (k === 'BYMONTHDAY' && Number(v) === day) continue;
    return { ok: false, reason: `RRULE ${k}=${v} is not supported (only fixed-date yearly holidays)` };
  }
  const interval = Number(parts.get('INTERVAL') ?? '1');
  const count = parts.has('COUNT') ? Number(parts.get('COUNT')) : Infinity;
  const until = parts.has('UNTIL') ? parseDate(parts.get('UNTIL') ?? '') : null;
  if (!(interval >= 1) || !(count >= 1)) return { ok: false, reason: `RRULE ${rule} has an invalid INTERVAL or COUNT` };
  const lastYear = opts.toYear ?? (opts.fromYear ?? firstYear) + DEFAULT_SPAN_YEARS;
  const years: number[] = [];
  let seen = 0;
  for (let y = firstYear; y <= lastYear && seen < count; y += interval) {
    const d = daysFromCivil(y, month, day);
    // RFC 5545: an occurrence on a date that does not exist (29 February) is skipped, not moved, and not counted.
    if (civilFromDays(d).day !== day) continue;
    if (until !== null && d > until) break;
    seen += 1;
    years.push(y);
  }
  return { ok: true, years };
}

function eventDates(props: ContentLine[], opts: ICalImportOptions): EventOutcome | { reason: string } {
  const get = (n: string): ContentLine | undefined => props.find((p) => p.name === n);
  const all = (n: string): ContentLine[] => props.filter((p) => p.name === n);
  const dtstart = get('DTSTART');
  if (!dtstart) return { reason: 'no DTSTART' };
  if (!isDateValue(dtstart)) return { reason: 'timed event (DTSTART has a time), not a whole-day holiday' };
  if (get('STATUS')?.value.toUpperCase() === 'CANCELLED') return { reason: 'cancelled (STATUS:CANCELLED)' };
  if (get('RECURRENCE-ID')) return { reason: 'RECURRENCE-ID (a changed occurrence) is not supported' };
  const first = parseDate(dtstart.value);
  if (first === null) return { reason: `bad DTSTART ${dtstart.value}` };

  let length = 1;
  const dtend = get('DTEND');
  const duration = get('DURATION');
  if (dtend) {
    const end = parseDate(dtend.value);
    if (end === null || !isDateValue(dtend)) return { reason: `bad DTEND ${dtend.value} for an all-day event` };
    // DTEND of an all-day event is exclusive: 1 Jan – 9 Jan covers eight days.
    length = Math.max(1, end - first);
  } else if (duration) {
    const m = /^P(?:(\d+)W|(\d+)D)$/.exec(duration.value.toUpperCase());
    if (!m) return { reason: `DURATION ${duration.value} is not whole days or weeks` };
    length = Math.max(1, m[1] ? Number(m[1]) * 7 : Number(m[2]));
  }
  if (length > MAX_EVENT_DAYS) return { reason: `spans ${length} days; longer than a year is not a holiday` };

  let starts = [first];
  let note: string | undefined;
  const rrule = get('RRULE');
  if (rrule) {
    const r = expandYearly(rrule.value, first, opts);
    if (!r.ok) return { reason: r.reason };
    const { month, day } = civilFromDays(first);
    starts = r.years.map((y) => daysFromCivil(y, month, day));
    note = `recurring, expanded to ${r.years.length} year(s)`;
  }
  const rdates = dateList(all('RDATE'));
  if (rdates.timed) return { reason: 'RDATE with a time is not supported' };
  starts.push(...rdates.days);
  const excluded = new Set(dateList(all('EXDATE')).days);

  const dates: number[] = [];
  for (const s of starts) {
    if (excluded.has(s)) continue;
    for (let k = 0; k < length; k++) dates.push(s + k);
  }
  return note === undefined ? { dates } : { dates, note };
}

/** Holidays (whole dates) from an iCalendar text, with what was skipped and why. */
export function parseICalHolidays(text: string, opts: ICalImportOptions = {}): ICalImportResult {
  const skipped: ICalSkipped[] = [];
  const notes: string[] = [];
  const byDate = new Map<number, string[]>();
  const ignoredComponents = new Map<string, number>();
  const stack: string[] = [];
  let props: ContentLine[] = [];
  let sawCalendar = false;
  let badLines = 0;

  const fromDay = opts.fromYear === undefined ? -Infinity : daysFromCivil(opts.fromYear, 1, 1);
  const toDay = opts.toYear === undefined ? Infinity : daysFromCivil(opts.toYear + 1, 1, 1) - 1;

  for (const raw of unfold(text)) {
    const line = parseLine(raw);
    if (!line) {
      badLines += 1;
      continue;
    }
    if (line.name === 'BEGIN') {
      const component = line.value.toUpperCase();
      if (component === 'VCALENDAR') sawCalendar = true;
      else if (stack.length === 1 && component !== 'VEVENT' && component !== 'VTIMEZONE') {
        ignoredComponents.set(component, (ignoredComponents.get(component) ?? 0) + 1);
      }
      stack.push(component);
      if (component === 'VEVENT') props = [];
      continue;
    }
    if (line.name === 'END') {
      const component = stack.pop();
      if (component === 'VEVENT' && stack.length === 1) {
        const uid = props.find((p) => p.name === 'UID')?.value;
        const summaryLine = props.find((p) => p.name === 'SUMMARY');
        const summary = summaryLine ? unescapeText(summaryLine.value) : undefined;
        const label = { ...(uid ? { uid } : {}), ...(summary ? { summary } : {}) };
        const outcome = eventDates(props, opts);
        if ('reason' in outcome) {
          skipped.push({ ...label, reason: outcome.reason });
          continue;
        }
        if (outcome.note) notes.push(`${summary ?? uid ?? 'event'}: ${outcome.note}`);
        for (const d of outcome.dates) {
          if (d < fromDay || d > toDay) continue;
          const names = byDate.get(d) ?? [];
          if (summary && !names.includes(summary)) names.push(summary);
          byDate.set(d, names);
        }
      }
      continue;
    }
    // Only the properties of a VEVENT itself count, not those of a VALARM nested inside it.
    if (stack[stack.length - 1] === 'VEVENT') props.push(line);
  }

  if (!sawCalendar) notes.push('no BEGIN:VCALENDAR found; this does not look like an iCalendar file');
  if (badLines > 0) notes.push(`${badLines} line(s) without a "name:value" shape were ignored`);
  for (const [component, n] of ignoredComponents) notes.push(`${n} ${component} component(s) ignored; only VEVENT is read`);

  const holidays = [...byDate.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([d, names]): Holiday => (names.length > 0 ? { date: formatIsoDate(d), name: names.join('; ') } : { date: formatIsoDate(d) }));
  return { holidays, skipped, notes };
}
