/**
 * Desk-time conversions with Intl only. Shifts are stored as instants; a roster is typed in the desk's
 * wall-clock time, so "00:00" must land on the exact instant of local midnight, DST days included.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

export function isValidTimeZone(zone: string): boolean {
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

function wallClock(zone: string, ms: number) {
  const parts: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(new Date(ms))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1, hour: parts.hour ?? 0, minute: parts.minute ?? 0, second: parts.second ?? 0 };
}

/** Local wall time minus UTC at an instant, in ms. */
function offsetAt(zone: string, ms: number): number {
  const w = wallClock(zone, ms);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - (ms - (((ms % 1000) + 1000) % 1000));
}

/** The instant a wall-clock reading ('YYYY-MM-DD', 'HH:MM') happens in the zone; a time skipped by DST moves forward. */
export function localToInstant(zone: string, date: string, time: string): Date {
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  const guess = Date.UTC(y ?? 1970, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0);
  let t = guess - offsetAt(zone, guess);
  const o = offsetAt(zone, t);
  // Near a transition the offset at the guess differs from the offset at the answer; one correction settles it.
  if (o !== guess - t) t = guess - o;
  return new Date(t);
}

export function instantToLocal(zone: string, d: Date): string {
  const w = wallClock(zone, d.getTime());
  const p = (n: number) => String(n).padStart(2, '0');
  return `${w.year}-${p(w.month)}-${p(w.day)}T${p(w.hour)}:${p(w.minute)}:${p(w.second)}`;
}

/** The next calendar day of 'YYYY-MM-DD'. */
export function nextDate(date: string): string {
  const [y, mo, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (mo ?? 1) - 1, (d ?? 1) + 1)).toISOString().slice(0, 10);
}
