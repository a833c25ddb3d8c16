import { describe, expect, it } from 'vitest';
import { ALWAYS_OPEN, officeHoursCalendar } from './calendar.js';
import { evaluateClock, type ClockEvent } from './clock.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const d = (iso: string): Date => new Date(iso);
const iso = (s: string): string => d(s).toISOString();
const ev = (kind: ClockEvent['kind'], at: string, extra: Partial<ClockEvent> = {}): ClockEvent => ({ kind, at: d(at), ...extra });
const moscow = officeHoursCalendar('Europe/Moscow');
const berlin = officeHoursCalendar('Europe/Berlin');
const WARN = [0.5, 0.75, 0.9];

describe('first response on office hours (Europe/Moscow)', () => {
  const events = [ev('start', '2025-06-03T17:59:00+03:00', { by: 'system' })];

  it('is due at 09:59 the next day and warns on business time', () => {
    const v = evaluateClock({ calendar: moscow, targetMs: HOUR, events, now: d('2025-06-03T20:00:00+03:00'), warnAt: WARN });
    expect(v.state).toBe('running');
    expect(v.elapsedMs).toBe(MIN);
    expect(v.remainingMs).toBe(59 * MIN);
    expect(v.dueAt?.toISOString()).toBe(iso('2025-06-04T09:59:00+03:00'));
    expect(v.warnings.map((w) => w.dueAt?.toISOString())).toEqual([
      iso('2025-06-04T09:29:00+03:00'),
      iso('2025-06-04T09:44:00+03:00'),
      iso('2025-06-04T09:53:00+03:00'),
    ]);
    expect(v.warnings.every((w) => w.firedAt === null)).toBe(true);
  });

  it('breaches at the due instant and explains it in the timeline', () => {
    const v = evaluateClock({ calendar: moscow, targetMs: HOUR, events, now: d('2025-06-04T10:30:00+03:00'), warnAt: WARN });
    expect(v.state).toBe('breached');
    expect(v.counting).toBe(true);
    expect(v.breachedAt?.toISOString()).toBe(iso('2025-06-04T09:59:00+03:00'));
    expect(v.remainingMs).toBe(-31 * MIN);
    expect(v.percent).toBeCloseTo((91 / 60) * 100);
    expect(v.timeline.map((t) => [t.kind, t.at.toISOString()])).toEqual([
      ['started', iso('2025-06-03T17:59:00+03:00')],
      ['recomputed', iso('2025-06-03T17:59:00+03:00')],
      ['warned', iso('2025-06-04T09:29:00+03:00')],
      ['warned', iso('2025-06-04T09:44:00+03:00')],
      ['warned', iso('2025-06-04T09:53:00+03:00')],
      ['breached', iso('2025-06-04T09:59:00+03:00')],
    ]);
    expect(v.timeline[1]?.dueAt?.toISOString()).toBe(iso('2025-06-04T09:59:00+03:00'));
  });

  it('is met when stopped at or before the due instant', () => {
    const at = evaluateClock({ calendar: moscow, targetMs: HOUR, events: [...events, ev('stop', '2025-06-04T09:59:00+03:00')] });
    expect(at.state).toBe('met');
    expect(at.elapsedMs).toBe(HOUR);
    expect(at.timeline.at(-1)?.kind).toBe('met');
  });

  it('is breached when the reply comes after closing time on the due day', () => {
    // Due 18:00; business time stops counting at 18:00, but the answer at 20:00 is still late.
    const v = evaluateClock({
      calendar: moscow,
      targetMs: HOUR,
      events: [ev('start', '2025-06-03T17:00:00+03:00'), ev('stop', '2025-06-03T20:00:00+03:00')],
    });
    expect(v.state).toBe('breached');
    expect(v.elapsedMs).toBe(HOUR);
    expect(v.breachedAt?.toISOString()).toBe(iso('2025-06-03T18:00:00+03:00'));
  });
});

describe('Friday 17:59 before a Monday holiday (Europe/Moscow)', () => {
  it('is due Tuesday 09:59', () => {
    const cal = officeHoursCalendar('Europe/Moscow', [{ date: '2024-11-04', name: 'National Unity Day' }]);
    const v = evaluateClock({ calendar: cal, targetMs: HOUR, events: [ev('start', '2024-11-01T17:59:00+03:00')], now: d('2024-11-04T12:00:00+03:00') });
    expect(v.state).toBe('running');
    expect(v.dueAt?.toISOString()).toBe(iso('2024-11-05T09:59:00+03:00'));
  });
});

describe('pauses', () => {
  // Waiting for the customer from Friday 17:00 over the night and weekend until Monday 10:00 (Berlin).
  const events = [
    ev('start', '2025-06-06T16:00:00+02:00', { by: 'system' }),
    ev('pause', '2025-06-06T17:00:00+02:00', { by: 'agent:7', reason: 'waiting for customer: project ID' }),
    ev('resume', '2025-06-09T10:00:00+02:00', { by: 'customer', reason: 'customer replied' }),
  ];

  it('excludes paused time and moves the due instant', () => {
    const v = evaluateClock({ calendar: berlin, targetMs: 4 * HOUR, events, now: d('2025-06-09T12:00:00+02:00') });
    expect(v.state).toBe('running');
    expect(v.elapsedMs).toBe(3 * HOUR);
    // Friday 17–18 and Monday 09–10 are the business hours the pause kept off the clock.
    expect(v.pausedMs).toBe(2 * HOUR);
    expect(v.dueAt?.toISOString()).toBe(iso('2025-06-09T13:00:00+02:00'));
    const paused = v.timeline.find((t) => t.kind === 'paused');
    expect(paused).toMatchObject({ by: 'agent:7', reason: 'waiting for customer: project ID' });
    expect(paused?.note).toBe('Paused by agent:7: waiting for customer: project ID');
    const recomputed = v.timeline.filter((t) => t.kind === 'recomputed').map((t) => t.dueAt?.toISOString());
    // Without the pause it would have been due Monday 11:00.
    expect(recomputed).toEqual([iso('2025-06-09T11:00:00+02:00'), iso('2025-06-09T13:00:00+02:00')]);
  });

  it('has no due instant while paused, and does not breach', () => {
    const v = evaluateClock({ calendar: berlin, targetMs: 4 * HOUR, events: events.slice(0, 2), now: d('2025-06-20T12:00:00+02:00') });
    expect(v.state).toBe('paused');
    expect(v.dueAt).toBeNull();
    expect(v.remainingMs).toBe(3 * HOUR);
    expect(v.breachedAt).toBeNull();
  });

  it('breaches on resume when paused exactly at the due instant', () => {
    const v = evaluateClock({
      calendar: ALWAYS_OPEN,
      targetMs: HOUR,
      events: [ev('start', '2025-06-06T10:00:00Z'), ev('pause', '2025-06-06T11:00:00Z'), ev('resume', '2025-06-06T15:00:00Z')],
      now: d('2025-06-06T15:10:00Z'),
    });
    expect(v.breachedAt?.toISOString()).toBe('2025-06-06T15:00:00.000Z');
    expect(v.dueAt?.toISOString()).toBe('2025-06-06T11:00:00.000Z');
  });
});

describe('retarget (priority or plan change)', () => {
  // Medium (24 h) raised to critical (2 h) after 1.5 h of running and a 1 h pause, on 24/7.
  const base = [
    ev('start', '2025-06-06T10:00:00Z'),
    ev('pause', '2025-06-06T10:30:00Z', { reason: 'waiting for logs' }),
    ev('resume', '2025-06-06T11:30:00Z'),
  ];

  it('recomputes the due instant from the original start keeping elapsed and paused time', () => {
    const events = [...base, ev('retarget', '2025-06-06T12:30:00Z', { targetMs: 2 * HOUR, by: 'agent:3', reason: 'priority medium → critical' })];
    const v = evaluateClock({ calendar: ALWAYS_OPEN, targetMs: 24 * HOUR, events, now: d('2025-06-06T12:40:00Z'), warnAt: WARN });
    expect(v.targetMs).toBe(2 * HOUR);
    expect(v.elapsedMs).toBe(100 * MIN);
    expect(v.pausedMs).toBe(HOUR);
    expect(v.dueAt?.toISOString()).toBe('2025-06-06T13:00:00.000Z');
    // 50 % (1 h) was passed before the retarget, so it fires at the retarget; 75 % (1.5 h) is reached exactly then.
    expect(v.warnings.map((w) => w.firedAt?.toISOString() ?? null)).toEqual([
      '2025-06-06T12:30:00.000Z',
      '2025-06-06T12:30:00.000Z',
      null,
    ]);
    expect(v.warnings[2]?.dueAt?.toISOString()).toBe('2025-06-06T12:48:00.000Z');
    expect(v.timeline.find((t) => t.kind === 'retargeted')?.note).toBe('Target 24h 00m → 2h 00m by agent:3: priority medium → critical');
  });

  it('breaches at the retarget when more than the new target has already elapsed', () => {
    const events = [...base, ev('retarget', '2025-06-06T13:30:00Z', { targetMs: 2 * HOUR })];
    const v = evaluateClock({ calendar: ALWAYS_OPEN, targetMs: 24 * HOUR, events, now: d('2025-06-06T14:00:00Z') });
    expect(v.state).toBe('breached');
    expect(v.breachedAt?.toISOString()).toBe('2025-06-06T13:30:00.000Z');
    // The due instant under the new target lies in the past: when 2 h had elapsed.
    expect(v.dueAt?.toISOString()).toBe('2025-06-06T13:00:00.000Z');
  });

  it('keeps a breach when the target is raised afterwards, and re-arms warnings not yet reached', () => {
    const breachedFirst = [...base, ev('retarget', '2025-06-06T13:30:00Z', { targetMs: 2 * HOUR }), ev('retarget', '2025-06-06T13:40:00Z', { targetMs: 12 * HOUR })];
    expect(evaluateClock({ calendar: ALWAYS_OPEN, targetMs: 24 * HOUR, events: breachedFirst }).state).toBe('breached');

    const lowered = [ev('start', '2025-06-06T10:00:00Z'), ev('retarget', '2025-06-06T11:10:00Z', { targetMs: 4 * HOUR })];
    const v = evaluateClock({ calendar: ALWAYS_OPEN, targetMs: 2 * HOUR, events: lowered, now: d('2025-06-06T11:20:00Z'), warnAt: WARN });
    expect(v.state).toBe('running');
    expect(v.timeline.filter((t) => t.kind === 'warned')).toHaveLength(1);
    expect(v.warnings[0]?.firedAt).toBeNull();
    expect(v.warnings[0]?.dueAt?.toISOString()).toBe('2025-06-06T12:00:00.000Z');
  });

  it('on business hours recomputes in business time', () => {
    // 20 min used by 17:50 on Thursday; 40 min remain: 10 today, 30 on Friday morning.
    const events = [ev('start', '2025-06-05T17:30:00+03:00'), ev('retarget', '2025-06-05T17:50:00+03:00', { targetMs: HOUR })];
    const v = evaluateClock({ calendar: moscow, targetMs: 8 * HOUR, events, now: d('2025-06-05T19:00:00+03:00') });
    expect(v.dueAt?.toISOString()).toBe(iso('2025-06-06T09:30:00+03:00'));
  });
});

describe('DST in Europe/Berlin', () => {
  it('24/7: a 2 h target across the fall-back hour is 2 real hours', () => {
    const v = evaluateClock({ calendar: ALWAYS_OPEN, targetMs: 2 * HOUR, events: [ev('start', '2025-10-26T01:30:00+02:00')], now: d('2025-10-26T01:45:00+01:00') });
    expect(v.dueAt?.toISOString()).toBe(iso('2025-10-26T02:30:00+01:00'));
    expect(v.elapsedMs).toBe(75 * MIN);
  });

  it('office hours: due across the spring-forward and fall-back weekends', () => {
    const spring = evaluateClock({ calendar: berlin, targetMs: 2 * HOUR, events: [ev('start', '2025-03-28T17:00:00+01:00')] });
    expect(spring.dueAt?.toISOString()).toBe(iso('2025-03-31T10:00:00+02:00'));
    const fall = evaluateClock({ calendar: berlin, targetMs: 2 * HOUR, events: [ev('start', '2025-10-24T17:00:00+02:00')] });
    expect(fall.dueAt?.toISOString()).toBe(iso('2025-10-27T10:00:00+01:00'));
  });
});

describe('reopen after resolve', () => {
  it('continues the same cycle: elapsed time carries on, resolved time is not counted', () => {
    const events = [
      ev('start', '2025-06-06T10:00:00Z'),
      ev('stop', '2025-06-06T11:00:00Z', { reason: 'resolved' }),
      ev('start', '2025-06-07T09:00:00Z', { by: 'customer', reason: 'still broken' }),
    ];
    const resolved = evaluateClock({ calendar: ALWAYS_OPEN, targetMs: 2 * HOUR, events: events.slice(0, 2) });
    expect(resolved.state).toBe('met');
    const reopened = evaluateClock({ calendar: ALWAYS_OPEN, targetMs: 2 * HOUR, events, now: d('2025-06-07T10:30:00Z') });
    expect(reopened.state).toBe('breached');
    expect(reopened.elapsedMs).toBe(150 * MIN);
    expect(reopened.breachedAt?.toISOString()).toBe('2025-06-07T10:00:00.000Z');
    expect(reopened.startedAt?.toISOString()).toBe('2025-06-06T10:00:00.000Z');
    expect(reopened.stoppedAt).toBeNull();
    expect(reopened.timeline.map((t) => t.kind)).toEqual(['started', 'recomputed', 'stopped', 'met', 'reopened', 'recomputed', 'breached']);
  });
});

describe('robustness', () => {
  it('ignores impossible transitions and future events, and says why', () => {
    const v = evaluateClock({
      calendar: ALWAYS_OPEN,
      targetMs: HOUR,
      events: [
        ev('resume', '2025-06-06T09:00:00Z'),
        ev('start', '2025-06-06T10:00:00Z'),
        ev('start', '2025-06-06T10:05:00Z'),
        ev('pause', '2025-06-06T10:10:00Z'),
        ev('pause', '2025-06-06T10:20:00Z'),
        ev('retarget', '2025-06-06T10:25:00Z', { targetMs: -5 }),
        ev('stop', '2025-06-06T12:00:00Z'),
      ],
      now: d('2025-06-06T11:00:00Z'),
    });
    expect(v.state).toBe('paused');
    expect(v.elapsedMs).toBe(10 * MIN);
    expect(v.ignored.map((i) => i.why)).toEqual([
      'cannot resume while idle',
      'already started',
      'cannot pause while paused',
      'retarget needs a positive targetMs',
      'after the evaluation instant',
    ]);
  });

  it('sorts events by time and folds those at the same instant in recorded order', () => {
    const v = evaluateClock({
      calendar: ALWAYS_OPEN,
      targetMs: HOUR,
      events: [ev('stop', '2025-06-06T10:30:00Z'), ev('start', '2025-06-06T10:00:00Z'), ev('pause', '2025-06-06T10:30:00Z')],
    });
    // The stop was recorded before the pause at the same instant, so the pause comes too late.
    expect(v.state).toBe('met');
    expect(v.elapsedMs).toBe(30 * MIN);
    expect(v.ignored.map((i) => i.why)).toEqual(['cannot pause while stopped']);
  });

  it('measures without a target (no SLA) and reports idle before a start', () => {
    const v = evaluateClock({ calendar: ALWAYS_OPEN, targetMs: null, events: [ev('start', '2025-06-06T10:00:00Z'), ev('stop', '2025-06-06T10:45:00Z')] });
    expect(v).toMatchObject({ state: 'stopped', elapsedMs: 45 * MIN, dueAt: null, remainingMs: null, percent: null });
    expect(evaluateClock({ calendar: ALWAYS_OPEN, targetMs: HOUR, events: [] }).state).toBe('idle');
  });

  it('runs several clocks on one request as several folds', () => {
    const created = '2025-06-03T17:59:00+03:00';
    const firstResponse = evaluateClock({ calendar: moscow, targetMs: HOUR, events: [ev('start', created), ev('stop', '2025-06-04T09:20:00+03:00')] });
    const resolution = evaluateClock({ calendar: ALWAYS_OPEN, targetMs: 24 * HOUR, events: [ev('start', created)], now: d('2025-06-04T09:20:00+03:00') });
    expect(firstResponse.state).toBe('met');
    expect(firstResponse.elapsedMs).toBe(21 * MIN);
    expect(resolution.dueAt?.toISOString()).toBe(iso('2025-06-04T17:59:00+03:00'));
  });
});

describe('properties (seeded)', () => {
  it('elapsed + paused equals business time since start, and the due instant is `remaining` ahead', () => {
    let seed = 42;
    // LCG: reproducible and enough for picking event gaps.
    const rnd = (): number => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
    for (let run = 0; run < 200; run++) {
      const cal = run % 2 === 0 ? berlin : ALWAYS_OPEN;
      const start = Date.UTC(2025, 0, 1) + Math.floor(rnd() * 365 * 24 * 60) * MIN;
      const events: ClockEvent[] = [{ kind: 'start', at: new Date(start) }];
      let t = start;
      let paused = false;
      for (let i = 0; i < 6; i++) {
        t += Math.floor(rnd() * 3 * 24 * 60) * MIN;
        events.push({ kind: paused ? 'resume' : 'pause', at: new Date(t) });
        paused = !paused;
      }
      const now = new Date(t + Math.floor(rnd() * 24 * 60) * MIN);
      const targetMs = (1 + Math.floor(rnd() * 40 * 60)) * MIN;
      const v = evaluateClock({ calendar: cal, targetMs, events, now });
      const sinceStart = cal === ALWAYS_OPEN ? now.getTime() - start : evaluateClock({ calendar: cal, targetMs: null, events: events.slice(0, 1), now }).elapsedMs;
      expect(v.elapsedMs + v.pausedMs).toBe(sinceStart);
      if (v.state === 'running' && v.dueAt) {
        expect(evaluateClock({ calendar: cal, targetMs: null, events: [{ kind: 'start', at: now }], now: v.dueAt }).elapsedMs).toBe(v.remainingMs);
      }
      if (v.state === 'breached' && v.breachedAt && v.dueAt) expect(v.breachedAt.getTime()).toBeGreaterThanOrEqual(v.dueAt.getTime());
    }
  });
});

describe('cancel (the request moved to a service without SLA)', () => {
  const start = ev('start', '2025-06-02T10:00:00Z');

  it('stops counting, fires nothing later, and is neither met nor breached', () => {
    const v = evaluateClock({
      calendar: ALWAYS_OPEN,
      targetMs: HOUR,
      events: [start, ev('cancel', '2025-06-02T10:20:00Z', { reason: 'service beta is offered without SLA' })],
      now: d('2025-06-02T15:00:00Z'),
      warnAt: WARN,
    });
    expect(v.state).toBe('cancelled');
    expect(v.counting).toBe(false);
    expect(v.elapsedMs).toBe(20 * MIN);
    expect(v.dueAt).toBeNull();
    expect(v.breachedAt).toBeNull();
    expect(v.warnings.every((w) => w.firedAt === null)).toBe(true);
    expect(v.timeline.at(-1)).toMatchObject({ kind: 'cancelled', reason: 'service beta is offered without SLA' });
  });

  it('a start afterwards continues the cycle without the time in between', () => {
    const v = evaluateClock({
      calendar: ALWAYS_OPEN,
      targetMs: HOUR,
      events: [start, ev('cancel', '2025-06-02T10:20:00Z'), ev('start', '2025-06-02T13:00:00Z')],
      now: d('2025-06-02T13:10:00Z'),
    });
    expect(v.state).toBe('running');
    expect(v.elapsedMs).toBe(30 * MIN);
    expect(v.dueAt?.toISOString()).toBe(iso('2025-06-02T13:40:00Z'));
  });

  it('a breach recorded before the cancel stays a breach', () => {
    const v = evaluateClock({ calendar: ALWAYS_OPEN, targetMs: HOUR, events: [start, ev('cancel', '2025-06-02T12:00:00Z')], now: d('2025-06-02T13:00:00Z') });
    expect(v.state).toBe('breached');
    expect(v.breachedAt?.toISOString()).toBe(iso('2025-06-02T11:00:00Z'));
    expect(v.timeline.at(-1)?.note).toContain('the breach stays');
  });

  it('cannot cancel a clock that is not running or paused', () => {
    const v = evaluateClock({ calendar: ALWAYS_OPEN, targetMs: HOUR, events: [ev('cancel', '2025-06-02T10:00:00Z')] });
    expect(v.state).toBe('idle');
    expect(v.ignored[0]?.why).toBe('cannot cancel while idle');
  });
});
