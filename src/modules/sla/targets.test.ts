import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.js';
import { ALWAYS_OPEN, officeHoursCalendar } from './calendar.js';
import { DEFAULT_SLA_CATALOGUE, SLA_PRIORITIES, catalogueProblems, resolveCalendar, targetFor, type SlaCatalogue } from './targets.js';

const MIN = 60_000;
const HOUR = 60 * MIN;

describe('shipped SLA defaults', () => {
  it('reference SLA: first response 60 min for every priority, resolution 2/12/24/48 h, 24/7', () => {
    for (const p of SLA_PRIORITIES) {
      expect(targetFor('standard', p, 'first_response')).toMatchObject({ targetMs: HOUR, calendar: '24x7', definedBy: 'standard' });
    }
    const resolution = SLA_PRIORITIES.map((p) => targetFor('standard', p, 'resolution')?.targetMs);
    expect(resolution).toEqual([2 * HOUR, 12 * HOUR, 24 * HOUR, 48 * HOUR]);
  });

  it('Basic: 24 h first answer on business hours; resolution inherited, also on business hours', () => {
    expect(targetFor('basic', 'medium', 'first_response')).toMatchObject({ targetMs: 24 * HOUR, calendar: 'business-hours', definedBy: 'basic' });
    expect(targetFor('basic', 'critical', 'resolution')).toMatchObject({ targetMs: 2 * HOUR, calendar: 'business-hours', definedBy: 'standard' });
  });

  it('Business: 4 h first answer on business hours, critical 30 min on 24/7', () => {
    expect(targetFor('business', 'high', 'first_response')).toMatchObject({ targetMs: 4 * HOUR, calendar: 'business-hours' });
    expect(targetFor('business', 'critical', 'first_response')).toMatchObject({ targetMs: 30 * MIN, calendar: '24x7' });
    expect(targetFor('business', 'critical', 'resolution')).toMatchObject({ targetMs: 2 * HOUR, calendar: '24x7' });
  });

  it('Premium: 2 h first answer, critical 15 min, all 24/7', () => {
    expect(targetFor('premium', 'low', 'first_response')).toMatchObject({ targetMs: 2 * HOUR, calendar: '24x7' });
    expect(targetFor('premium', 'critical', 'first_response')).toMatchObject({ targetMs: 15 * MIN, calendar: '24x7' });
  });

  it('has no next-response target by default and rejects unknown plans', () => {
    expect(targetFor('premium', 'high', 'next_response')).toBeNull();
    expect(() => targetFor('gold', 'high', 'resolution')).toThrow(AppError);
  });

  it('is plain data that survives a JSON round trip and validates clean', () => {
    const copy = JSON.parse(JSON.stringify(DEFAULT_SLA_CATALOGUE)) as SlaCatalogue;
    expect(copy).toEqual(DEFAULT_SLA_CATALOGUE);
    expect(catalogueProblems(copy)).toEqual([]);
    expect(targetFor('business', 'critical', 'first_response', copy)?.warnAt).toEqual([0.5, 0.75, 0.9]);
  });

  it('finds broken catalogues', () => {
    const broken: SlaCatalogue = {
      version: 1,
      warnAt: [1.5],
      plans: [
        { code: 'a', name: 'A', extends: 'b', targets: { first_response: { any: 0 } } },
        { code: 'b', name: 'B', extends: 'a', targets: {} },
        { code: 'c', name: 'C', extends: 'nope', targets: {} },
      ],
    };
    expect(catalogueProblems(broken)).toEqual([
      'plans[0].targets.first_response.any: must be a positive number of minutes',
      'plans[0].extends: cycle through "a"',
      'plans[1].extends: cycle through "b"',
      'plans[2].extends: unknown plan "nope"',
      'warnAt[0]: must be between 0 and 1',
    ]);
  });

  it('resolves a calendar reference against the organisation business hours', () => {
    const office = officeHoursCalendar('Europe/Moscow');
    expect(resolveCalendar('24x7', office)).toBe(ALWAYS_OPEN);
    expect(resolveCalendar('business-hours', office)).toBe(office);
  });
});
