/**
 * Time-zone arithmetic on top of Intl.DateTimeFormat only (no tz database package).
 *
 * Times are plain numbers: an instant is epoch ms; a "local" time is the wall-clock reading in a zone
 * written as if it were UTC epoch ms (so calendar arithmetic on it never meets a DST jump).
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm, exact for any year). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: era * 400 + yoe + (month <= 2 ? 1 : 0), month, day };
}

/** 0 = Sunday … 6 = Saturday; 1970-01-01 was a Thursday. */
export function weekdayOfDay(days: number): number {
  return (((days + 4) % 7) + 7) % 7;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses `YYYY-MM-DD` into a day number; null when malformed or not a real date (2025-02-30). */
export function parseIsoDate(text: string): number | null {
  const m = ISO_DATE.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const days = daysFromCivil(year, month, day);
  const back = civilFromDays(days);
  return back.month === month && back.day === day ? days : null;
}

export function formatIsoDate(days: number): string {
  const { year, month, day } = civilFromDays(days);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    // Constructing a formatter costs far more than using one, so one per zone for the process lifetime.
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    formatters.set(zone, f);
  }
  return f;
}

export function isValidTimeZone(zone: string): boolean {
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

/** UTC offset (ms) of `zone` at `instant`, straight from Intl; a few microseconds per call. */
function rawOffset(zone: string, instant: number): number {
  const parts = formatterFor(zone).formatToParts(new Date(instant));
  let year = 0;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let bc = false;
  for (const p of parts) {
    const n = Number(p.value);
    if (p.type === 'year') year = n;
    else if (p.type === 'month') month = n;
    else if (p.type === 'day') day = n;
    else if (p.type === 'hour') hour = n;
    else if (p.type === 'minute') minute = n;
    else if (p.type === 'second') second = n;
    else if (p.type === 'era') bc = p.value.startsWith('B');
  }
  if (bc) year = 1 - year;
  const local = daysFromCivil(year, month, day) * DAY_MS + hour * HOUR_MS + minute * MINUTE_MS + second * 1000;
  // Intl drops sub-second precision, so compare against the instant truncated to whole seconds.
  return local - Math.floor(instant / 1000) * 1000;
}

interface YearTable {
  from: number;
  to: number;
  /** Offset in force at `from`. */
  startOffset: number;
  /** Instants (ascending) at which the offset changes, with the offset from then on. */
  transitions: { at: number; offset: number }[];
}

/** A zone's memoised offset tables; get one with `zone()` and keep it, lookups by name cost more. */
export interface Zone {
  readonly name: string;
  readonly years: Map<number, YearTable>;
  /** Consecutive lookups nearly always fall in the same year, so the last table is tried first. */
  last: YearTable | null;
}

const zones = new Map<string, Zone>();

export function zone(name: string): Zone {
  let z = zones.get(name);
  if (!z) {
    formatterFor(name);
    z = { name, years: new Map(), last: null };
    zones.set(name, z);
  }
  return z;
}

// Sampling weekly assumes no zone has an offset episode shorter than a week; real DST periods last months,
// and sampling every day instead would make the first use of a zone-year several times slower.
const SAMPLE_STEP_MS = 7 * DAY_MS;

function buildYearTable(name: string, year: number): YearTable {
  const from = daysFromCivil(year, 1, 1) * DAY_MS;
  const to = daysFromCivil(year + 1, 1, 1) * DAY_MS;
  const startOffset = rawOffset(name, from);
  const transitions: { at: number; offset: number }[] = [];
  let prevAt = from;
  let prevOffset = startOffset;
  for (let at = Math.min(from + SAMPLE_STEP_MS, to); ; at = Math.min(at + SAMPLE_STEP_MS, to)) {
    const offset = rawOffset(name, at);
    if (offset !== prevOffset) {
      // Bisect to the second: offsets change on whole seconds in every tz database release.
      let lo = prevAt;
      let hi = at;
      while (hi - lo > 1000) {
        const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
        if (rawOffset(name, mid) === prevOffset) lo = mid;
        else hi = mid;
      }
      if (hi < to) transitions.push({ at: hi, offset });
    }
    prevAt = at;
    prevOffset = offset;
    if (at >= to) break;
  }
  return { from, to, startOffset, transitions };
}

/** UTC offset (ms) of zone `z` at `instant`; memoised per year, so cheap after first use. */
export function offsetAt(z: Zone, instant: number): number {
  let table = z.last;
  if (!table || instant < table.from || instant >= table.to) {
    const year = civilFromDays(Math.floor(instant / DAY_MS)).year;
    table = z.years.get(year) ?? buildYearTable(z.name, year);
    z.years.set(year, table);
    z.last = table;
  }
  let offset = table.startOffset;
  for (const t of table.transitions) {
    if (t.at > instant) break;
    offset = t.offset;
  }
  return offset;
}

/** Wall-clock reading (as UTC-style ms) of `instant` in zone `z`. */
export function toLocal(z: Zone, instant: number): number {
  return instant + offsetAt(z, instant);
}

/**
 * The instant a wall-clock reading denotes in `zone`, with the same disambiguation as Temporal's
 * 'compatible': a time repeated by a fall-back means its first occurrence, a time skipped by a
 * spring-forward is read with the offset before the gap (02:30 in a 02:00→03:00 gap becomes 03:30).
 */
export function fromLocal(z: Zone, local: number): number {
  const before = offsetAt(z, local - DAY_MS);
  const after = offsetAt(z, local + DAY_MS);
  if (before === after) return local - before;
  const candidates = [local - before, local - after]
    .filter((instant) => offsetAt(z, instant) === local - instant)
    .sort((a, b) => a - b);
  return candidates[0] ?? local - before;
}
