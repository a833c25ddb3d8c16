import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, expectError, json, testApp, type TestApp } from '../../../test/helpers/app.js';
import type { TestUser } from '../../../test/helpers/factories.js';
import { FixedClock } from '../../shared/clock.js';
import { changeStatus } from '../tickets/index.js';

const MIN = 60_000;
let t: TestApp;
let clock: FixedClock;
let org: { id: string };
let customer: TestUser;
let stranger: TestUser;
let agent: TestUser;
let manager: TestUser;
let admin: TestUser;
let vendor: TestUser & { vendorId: string };

beforeAll(async () => {
  clock = new FixedClock(new Date('2025-06-02T09:00:00Z'));
  t = await testApp({ clock });
  ({ org, customer, stranger, agent, manager, admin, vendor } = await t.f.cast());
});
afterAll(() => t.close());

interface SlaBody {
  plan: string;
  clocks: Array<{ metric: string; state: string; targetMs: number; elapsedMs: number; pausedMs: number; dueAt: string | null; timeline: Array<{ kind: string; by: string | null; reason: string | null }> }>;
}

describe('GET /api/tickets/:key/sla', () => {
  it('explains the clocks: staff see all of them, the customer only the contract ones, a vendor only the vendor clock', async () => {
    clock.set(new Date('2025-06-02T09:00:00Z'));
    const key = await t.f.ticket(customer, { priority: 'high' });
    await t.ctx.db.updateTable('tickets').set({ vendor_id: vendor.vendorId }).where('key', '=', key).execute();
    clock.advance(20 * MIN);
    await changeStatus(t.ctx, agent.actor, key, { status: 'pending_vendor' });
    clock.advance(40 * MIN);

    const staff = json<SlaBody>(await t.app.inject({ url: `/api/tickets/${key}/sla`, headers: as(agent.token) }));
    expect(staff.plan).toBe('standard');
    expect(staff.clocks.map((c) => c.metric)).toEqual(['first_response', 'resolution', 'vendor']);
    const fr = staff.clocks[0];
    expect(fr).toMatchObject({ state: 'paused', targetMs: 60 * MIN, elapsedMs: 20 * MIN, pausedMs: 40 * MIN, dueAt: null });
    const paused = fr?.timeline.find((e) => e.kind === 'paused');
    expect(paused).toMatchObject({ reason: 'waiting for the vendor', by: agent.actor.name });

    const mine = json<SlaBody>(await t.app.inject({ url: `/api/tickets/${key}/sla`, headers: as(customer.token) }));
    expect(mine.clocks.map((c) => c.metric)).toEqual(['first_response', 'resolution']);
    expect(mine.clocks[0]?.timeline.find((e) => e.kind === 'paused')?.by).toBe('support');

    const theirs = json<SlaBody>(await t.app.inject({ url: `/api/tickets/${key}/sla`, headers: as(vendor.token) }));
    expect(theirs.clocks.map((c) => c.metric)).toEqual(['vendor']);
  });

  it('401 without credentials, 404 for another organisation, 400 for a malformed key', async () => {
    const key = await t.f.ticket(customer);
    expectError(await t.app.inject({ url: `/api/tickets/${key}/sla` }), 401, 'UNAUTHENTICATED');
    expectError(await t.app.inject({ url: `/api/tickets/${key}/sla`, headers: as(stranger.token) }), 404, 'TICKET_NOT_FOUND');
    expectError(await t.app.inject({ url: `/api/tickets/${'X'.repeat(60)}/sla`, headers: as(agent.token) }), 400, 'VALIDATION_FAILED');
  });
});

describe('plan, calendar and internal-target admin', () => {
  it('an admin changes a plan; staff read; others are refused; broken plans are 400', async () => {
    const url = '/api/sla/plans/business';
    const body = { targets: { first_response: { any: 180, critical: 20 } } };
    expectError(await t.app.inject({ method: 'PUT', url, payload: body }), 401);
    expectError(await t.app.inject({ method: 'PUT', url, headers: as(agent.token), payload: body }), 403, 'FORBIDDEN');
    const ok = await t.app.inject({ method: 'PUT', url, headers: as(admin.token), payload: body });
    expect(ok.statusCode).toBe(200);
    expect(json<{ targets: unknown; extends: string }>(ok)).toMatchObject({ extends: 'standard', targets: { first_response: { any: 180, critical: 20 } } });
    expectError(await t.app.inject({ method: 'PUT', url, headers: as(admin.token), payload: { targets: { first_response: { any: -5 } } } }), 400, 'VALIDATION_FAILED');
    expectError(await t.app.inject({ method: 'PUT', url, headers: as(admin.token), payload: { extends: 'nope' } }), 400, 'VALIDATION_FAILED');
    expectError(await t.app.inject({ method: 'PUT', url: '/api/sla/plans/missing', headers: as(admin.token), payload: body }), 404, 'SLA_PLAN_NOT_FOUND');
    const list = json<{ items: Array<{ code: string }> }>(await t.app.inject({ url: '/api/sla/plans', headers: as(agent.token) }));
    expect(list.items.map((p) => p.code)).toEqual(['basic', 'business', 'premium', 'standard']);
    expectError(await t.app.inject({ url: '/api/sla/plans', headers: as(customer.token) }), 403);
  });

  it('escalation chains and internal targets are validated', async () => {
    const steps = [{ on: '0.75', actions: [{ kind: 'notify', who: 'team_lead' }, { kind: 'move_to_team', team: 'L2-COMPUTE' }] }];
    const ok = await t.app.inject({ method: 'PUT', url: '/api/sla/plans/premium/escalation', headers: as(admin.token), payload: { steps } });
    expect(ok.statusCode).toBe(200);
    expectError(await t.app.inject({ method: 'PUT', url: '/api/sla/plans/premium/escalation', headers: as(admin.token), payload: { steps: [{ on: '0.75', actions: [{ kind: 'move_to_team', team: 'NOPE' }] }] } }), 400);
    expectError(await t.app.inject({ method: 'PUT', url: '/api/sla/plans/premium/escalation', headers: as(manager.token), payload: { steps } }), 403);
    const targets = await t.app.inject({ method: 'PUT', url: '/api/sla/internal-targets', headers: as(admin.token), payload: { targets: [{ code: 'L2', targetMinutes: 30 }, { code: 'vendor', targetMinutes: 240, calendar: 'business-hours' }] } });
    expect(json<{ items: unknown[] }>(targets).items).toHaveLength(2);
    expectError(await t.app.inject({ method: 'PUT', url: '/api/sla/internal-targets', headers: as(admin.token), payload: { targets: [{ code: 'L9', targetMinutes: 30 }] } }), 400);
  });

  it('calendars: create for an organisation, import holidays from iCalendar, refuse unusable hours', async () => {
    const week = { mon: [{ start: '09:00', end: '18:00' }], fri: [{ start: '09:00', end: '17:00' }] };
    expectError(await t.app.inject({ method: 'POST', url: '/api/sla/calendars', headers: as(agent.token), payload: { name: 'x', week } }), 403);
    expectError(await t.app.inject({ method: 'POST', url: '/api/sla/calendars', headers: as(admin.token), payload: { name: 'x', week: {} } }), 400, 'VALIDATION_FAILED');
    expectError(await t.app.inject({ method: 'POST', url: '/api/sla/calendars', headers: as(admin.token), payload: { name: 'x', week: { mon: [{ start: '25:00', end: '18:00' }] } } }), 400);
    const created = await t.app.inject({ method: 'POST', url: '/api/sla/calendars', headers: as(admin.token), payload: { name: 'ACME hours', organizationId: org.id, week } });
    expect(created.statusCode).toBe(201);
    const id = json<{ id: string }>(created).id;
    expectError(await t.app.inject({ method: 'POST', url: '/api/sla/calendars', headers: as(admin.token), payload: { name: 'again', organizationId: org.id, week } }), 409, 'SLA_POLICY_CONFLICT');
    const ics = ['BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'UID:ny', 'SUMMARY:New Year', 'DTSTART;VALUE=DATE:20260101', 'DTEND;VALUE=DATE:20260103', 'END:VEVENT', 'BEGIN:VEVENT', 'UID:t', 'DTSTART:20260105T100000Z', 'SUMMARY:Meeting', 'END:VEVENT', 'END:VCALENDAR'].join('\r\n');
    const imported = await t.app.inject({ method: 'POST', url: `/api/sla/calendars/${id}/holidays/import`, headers: as(admin.token), payload: { ics } });
    expect(imported.statusCode).toBe(200);
    const body = json<{ imported: number; skipped: unknown[]; calendar: { holidays: Array<{ date: string }> } }>(imported);
    expect(body.imported).toBe(2);
    expect(body.skipped).toHaveLength(1);
    expect(body.calendar.holidays.map((h) => h.date)).toEqual(['2026-01-01', '2026-01-02']);
    expectError(await t.app.inject({ method: 'POST', url: `/api/sla/calendars/${id}/holidays/import`, headers: as(admin.token), payload: { ics: 'nonsense' } }), 400);
    const del = await t.app.inject({ method: 'DELETE', url: `/api/sla/calendars/${id}/holidays/2026-01-02`, headers: as(admin.token) });
    expect(del.statusCode).toBe(204);
    expectError(await t.app.inject({ method: 'PUT', url: '/api/sla/calendars/00000000-0000-4000-8000-000000000000', headers: as(admin.token), payload: { name: 'x', week } }), 404, 'SLA_CALENDAR_NOT_FOUND');
    const list = json<{ items: Array<{ id: string; isDefault: boolean }> }>(await t.app.inject({ url: '/api/sla/calendars', headers: as(agent.token) }));
    expect(list.items[0]?.isDefault).toBe(true);
  });
});

describe('GET /api/reports/sla', () => {
  it('managers get compliance per priority as JSON and CSV; agents and customers are refused; bad dates are 400', async () => {
    clock.set(new Date('2025-06-10T09:00:00Z'));
    const fast = await t.f.ticket(customer, { priority: 'critical' });
    clock.advance(10 * MIN);
    await changeStatus(t.ctx, agent.actor, fast, { status: 'resolved', comment: 'done' });
    await t.f.ticket(customer, { priority: 'low' });
    const url = '/api/reports/sla?from=2025-06-10T00:00:00Z&to=2025-06-11T00:00:00Z&groupBy=priority';
    expectError(await t.app.inject({ url }), 401);
    expectError(await t.app.inject({ url, headers: as(agent.token) }), 403);
    expectError(await t.app.inject({ url, headers: as(customer.token) }), 403);
    const res = await t.app.inject({ url, headers: as(manager.token) });
    expect(res.statusCode).toBe(200);
    const body = json<{ groups: Array<{ group: string; firstResponse: { percentMet: number; medianMs: number } | null }> }>(res);
    expect(body.groups.find((g) => g.group === 'critical')?.firstResponse).toMatchObject({ percentMet: 100, medianMs: 10 * MIN });
    expect(body.groups.find((g) => g.group === 'low')?.firstResponse).toMatchObject({ percentMet: null });
    const csv = await t.app.inject({ url: `${url}&format=csv`, headers: as(admin.token) });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\n')[0]).toBe('group,metric,total,met,breached,open,cancelled,percent_met,median_ms,p95_ms');
    expect(csv.body).toContain(`critical,first_response,1,1,0,0,0,100,${10 * MIN},${10 * MIN}`);
    expectError(await t.app.inject({ url: '/api/reports/sla?from=yesterday&to=2025-06-11', headers: as(manager.token) }), 400);
    expectError(await t.app.inject({ url: '/api/reports/sla?from=2025-06-11&to=2025-06-10', headers: as(manager.token) }), 400);
  });
});
