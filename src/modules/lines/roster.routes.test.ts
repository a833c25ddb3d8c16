import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { as, expectError, json, testApp, type TestApp } from '../../../test/helpers/app.js';
import type { TestUser } from '../../../test/helpers/factories.js';
import { FixedClock } from '../../shared/clock.js';
import { shiftEnded } from './shift-ended.task.js';

const clock = new FixedClock(new Date('2025-03-01T09:00:00Z'));
let t: TestApp;
let org: { id: string };
let customer: TestUser;
let manager: TestUser;
let admin: TestUser;
let a: TestUser;
let b: TestUser;
let c: TestUser;
let duty: string;

type Roster = { localTime: string; onShift: Array<{ agent: { id: string }; shiftId: string; startsLocal: string; endsLocal: string }> };
const roster = async (at: string, token = manager.token) => json<Roster>(await t.app.inject({ url: `/api/lines/roster?at=${encodeURIComponent(at)}`, headers: as(token) }));
const addShift = (payload: Record<string, unknown>, token = manager.token) => t.app.inject({ method: 'POST', url: '/api/lines/shifts', headers: as(token), payload });
const onShift = (r: Roster, u: TestUser) => r.onShift.some((s) => s.agent.id === u.id);

beforeAll(async () => {
  t = await testApp({ clock });
  org = await t.f.org();
  customer = await t.f.customer(org.id);
  manager = await t.f.staff({ role: 'duty_manager', lines: ['L1'], teams: [] });
  admin = await t.f.staff({ role: 'admin', lines: [], teams: [] });
  [a, b, c] = [await t.f.staff(), await t.f.staff(), await t.f.staff()];
  duty = await t.f.teamId('L1-DUTY');
});
afterAll(() => t.close());

describe('shifts and the roster', () => {
  it('a shift ending at local midnight is over at exactly 00:00 desk time; the next one starts then (Europe/Moscow)', async () => {
    expect((await addShift({ teamId: duty, userId: a.id, date: '2025-03-01', from: '16:00', to: '00:00' })).statusCode).toBe(201);
    const night = await addShift({ teamId: duty, userId: b.id, date: '2025-03-02', from: '00:00', to: '08:00' });
    expect(json<{ startsAt: string }>(night).startsAt).toBe('2025-03-01T21:00:00.000Z');
    const before = await roster('2025-03-01T20:59:59.999Z');
    expect(onShift(before, a)).toBe(true);
    expect(onShift(before, b)).toBe(false);
    const midnight = await roster('2025-03-01T21:00:00.000Z');
    expect(midnight.localTime).toBe('2025-03-02T00:00:00');
    expect(onShift(midnight, a)).toBe(false);
    expect(onShift(midnight, b)).toBe(true);
  });

  it('local midnight stays exact on a DST day in a zone that has one', async () => {
    await sql`UPDATE settings SET value = '"Europe/Berlin"' WHERE key = 'desk.time_zone'`.execute(t.ctx.db);
    try {
      // 2025-03-30: clocks go 02:00 → 03:00 in Berlin; the night shift is 7 hours long.
      const res = await addShift({ teamId: duty, userId: c.id, date: '2025-03-30', from: '00:00', to: '08:00' });
      expect(json<{ startsAt: string; endsAt: string }>(res)).toMatchObject({ startsAt: '2025-03-29T23:00:00.000Z', endsAt: '2025-03-30T06:00:00.000Z' });
      const evening = await addShift({ teamId: duty, userId: c.id, date: '2025-03-30', from: '16:00', to: '00:00' });
      expect(json<{ endsAt: string }>(evening).endsAt).toBe('2025-03-30T22:00:00.000Z');
      expect(onShift(await roster('2025-03-29T22:59:59.999Z'), c)).toBe(false);
      expect(onShift(await roster('2025-03-29T23:00:00.000Z'), c)).toBe(true);
      expect(onShift(await roster('2025-03-30T22:00:00.000Z'), c)).toBe(false);
    } finally {
      await sql`UPDATE settings SET value = '"Europe/Moscow"' WHERE key = 'desk.time_zone'`.execute(t.ctx.db);
    }
  });

  it('401, 403 for agents and customers, 400 for bad input and non-members, overlaps refused', async () => {
    expectError(await t.app.inject({ method: 'POST', url: '/api/lines/shifts', payload: { teamId: duty, userId: a.id, date: '2025-04-01', from: '08:00', to: '16:00' } }), 401);
    expectError(await addShift({ teamId: duty, userId: a.id, date: '2025-04-01', from: '08:00', to: '16:00' }, a.token), 403);
    expectError(await addShift({ teamId: duty, userId: a.id, date: '2025-04-01', from: '08:00', to: '16:00' }, customer.token), 403);
    expectError(await addShift({ teamId: duty, userId: a.id, date: '2025-04-01', from: '25:00', to: '16:00' }), 400);
    expectError(await addShift({ teamId: duty, userId: manager.id, date: '2025-04-01', from: '08:00', to: '16:00' }), 400);
    expect((await addShift({ teamId: duty, userId: a.id, date: '2025-04-01', from: '08:00', to: '16:00' }, admin.token)).statusCode).toBe(201);
    expectError(await addShift({ teamId: duty, userId: a.id, date: '2025-04-01', from: '12:00', to: '20:00' }), 400);
    expectError(await t.app.inject({ url: '/api/lines/roster' }), 401);
    expectError(await t.app.inject({ url: '/api/lines/roster', headers: as(customer.token) }), 403);
    expectError(await t.app.inject({ url: '/api/lines/roster?at=yesterday', headers: as(a.token) }), 400);
  });
});

describe('end of shift', () => {
  it('schedules a job at the end; without hand-over the requests return to the team queue', async () => {
    const shift = json<{ id: string; endsAt: string }>(await addShift({ teamId: duty, userId: b.id, startsAt: '2025-05-01T06:00:00Z', endsAt: '2025-05-01T14:00:00Z' }));
    const job = await sql<{ start_after: Date }>`SELECT start_after FROM pgboss.job WHERE name = 'lines.shift_ended' AND data->>'shiftId' = ${shift.id}`.execute(t.ctx.db);
    expect(job.rows[0]?.start_after.toISOString()).toBe('2025-05-01T14:00:00.000Z');

    clock.set(new Date('2025-05-01T07:00:00Z'));
    const key = await t.f.ticket(customer);
    await t.app.inject({ method: 'POST', url: `/api/tickets/${key}/take`, headers: as(b.token) });
    expect(await shiftEnded(t.ctx, shift.id)).toEqual({ returned: 0 }); // not over yet
    clock.set(new Date('2025-05-01T14:00:00Z'));
    expect(await shiftEnded(t.ctx, shift.id)).toEqual({ returned: 1 });
    expect(await shiftEnded(t.ctx, shift.id)).toEqual({ returned: 0 });
    const view = json<{ assignee: unknown; team: { code: string } }>(await t.app.inject({ url: `/api/tickets/${key}`, headers: as(a.token) }));
    expect(view).toMatchObject({ assignee: null, team: { code: 'L1-DUTY' } });
  });

  it('a hand-over to a colleague passes the requests on; the end-of-shift job then moves nothing', async () => {
    clock.set(new Date('2025-06-01T07:00:00Z'));
    const shift = json<{ id: string }>(await addShift({ teamId: duty, userId: c.id, startsAt: '2025-06-01T06:00:00Z', endsAt: '2025-06-01T14:00:00Z' }));
    const key = await t.f.ticket(customer);
    await t.app.inject({ method: 'POST', url: `/api/tickets/${key}/take`, headers: as(c.token) });
    const ho = (token: string | null, payload: Record<string, unknown>, id = shift.id) =>
      t.app.inject({ method: 'POST', url: `/api/shifts/${id}/handover`, headers: token ? as(token) : {}, payload });
    expectError(await ho(null, { notes: 'x' }), 401);
    expectError(await ho(a.token, { notes: 'x' }), 403);
    expectError(await ho(c.token, {}), 400);
    expectError(await ho(c.token, { notes: 'x', toUserId: manager.id }), 400);
    expectError(await ho(c.token, { notes: 'x' }, '00000000-0000-4000-8000-000000000000'), 404);
    const res = await ho(c.token, { notes: 'SUP waiting for the customer logs', toUserId: a.id });
    expect(json<{ moved: number; shift: { handoverNotes: string } }>(res)).toMatchObject({ moved: 1, shift: { handoverNotes: 'SUP waiting for the customer logs' } });
    expectError(await ho(c.token, { notes: 'again' }), 409);
    clock.set(new Date('2025-06-01T14:00:00Z'));
    expect(await shiftEnded(t.ctx, shift.id)).toEqual({ returned: 0 });
    expect(json<{ assignee: { id: string } }>(await t.app.inject({ url: `/api/tickets/${key}`, headers: as(a.token) })).assignee.id).toBe(a.id);
  });
});
