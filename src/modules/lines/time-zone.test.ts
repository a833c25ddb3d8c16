import { describe, expect, it } from 'vitest';
import { instantToLocal, localToInstant, nextDate } from './time-zone.js';

describe('roster desk time', () => {
  it('midnight in a zone without DST', () => {
    expect(localToInstant('Europe/Moscow', '2025-03-02', '00:00').toISOString()).toBe('2025-03-01T21:00:00.000Z');
    expect(instantToLocal('Europe/Moscow', new Date('2025-03-01T21:00:00Z'))).toBe('2025-03-02T00:00:00');
  });

  it('DST days: midnight exact, a time skipped by spring-forward moves forward, a repeated time means its first occurrence', () => {
    expect(localToInstant('Europe/Berlin', '2025-03-30', '00:00').toISOString()).toBe('2025-03-29T23:00:00.000Z');
    expect(localToInstant('Europe/Berlin', '2025-03-31', '00:00').toISOString()).toBe('2025-03-30T22:00:00.000Z');
    expect(localToInstant('Europe/Berlin', '2025-03-30', '02:30').toISOString()).toBe('2025-03-30T01:30:00.000Z');
    expect(instantToLocal('Europe/Berlin', new Date('2025-03-30T01:30:00Z'))).toBe('2025-03-30T03:30:00');
    expect(localToInstant('Europe/Berlin', '2025-10-26', '02:30').toISOString()).toBe('2025-10-26T00:30:00.000Z');
  });

  it('next calendar day across month and year ends', () => {
    expect(nextDate('2024-02-28')).toBe('2024-02-29');
    expect(nextDate('2025-12-31')).toBe('2026-01-01');
    expect(() => nextDate('31.12.2025')).toThrow(RangeError);
  });
});
