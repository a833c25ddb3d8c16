import { DAY_MS, HOUR_MS, MINUTE_MS, formatIsoDate, fromLocal, parseIsoDate, toLocal, zone } from '../sla/zone.js';

/**
 * Desk-time conversions for rosters, on the SLA module's zone arithmetic (one implementation of time zones
 * in the product). Shifts are stored as instants; a roster is typed in the desk's wall-clock time, so
 * "00:00" lands on the exact instant of local midnight, DST days included.
 */

function dayNumber(date: string): number {
  const days = parseIsoDate(date);
  if (days === null) throw new RangeError(`not a date: ${date}`);
  return days;
}

/** The instant a wall-clock reading ('YYYY-MM-DD', 'HH:MM') happens in the zone; a time skipped by DST moves forward. */
export function localToInstant(zoneName: string, date: string, time: string): Date {
  const [h, mi] = time.split(':').map(Number);
  return new Date(fromLocal(zone(zoneName), dayNumber(date) * DAY_MS + (h ?? 0) * HOUR_MS + (mi ?? 0) * MINUTE_MS));
}

/** The wall-clock reading of an instant in the zone, 'YYYY-MM-DDTHH:MM:SS'. */
export function instantToLocal(zoneName: string, d: Date): string {
  return new Date(toLocal(zone(zoneName), d.getTime())).toISOString().slice(0, 19);
}

/** The next calendar day of 'YYYY-MM-DD'. */
export function nextDate(date: string): string {
  return formatIsoDate(dayNumber(date) + 1);
}
