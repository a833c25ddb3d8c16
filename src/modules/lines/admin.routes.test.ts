import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, expectError, json, testApp, type TestApp } from '../../../test/helpers/app.js';
import type { TestUser } from '../../../test/helpers/factories.js';
import { FixedClock } from '../../shared/clock.js';

const clock = new FixedClock(new Date('2025-03-03T10:00:00Z'));
let t: TestApp;
let customer: TestUser;
let admin: TestUser;
let agent: TestUser;

const call = (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, token: string | null, payload?: Record<string, unknown>) =>
  t.app.inject({ method, url: `/api${url}`, headers: token ? as(token) : {}, ...(payload ? { payload } : {}) });

beforeAll(async () => {
  t = await testApp({ clock });
  customer = await t.f.customer((await t.f.org()).id);
  admin = await t.f.staff({ role: 'admin', lines: [], teams: [] });
  agent = await t.f.staff();
});
afterAll(() => t.close());

describe('lines, teams and reasons admin', () => {
  it('lists lines with queue counts; only admins change them', async () => {
    await t.f.ticket(customer);
    const lines = json<{ items: Array<{ code: string; keepsCustomerContact: boolean; queue: { open: number } }> }>(await call('GET', '/lines', agent.token));
    expect(lines.items.map((l) => l.code)).toEqual(['L1', 'L2', 'L3', 'L4']);
    expect(lines.items[0]).toMatchObject({ keepsCustomerContact: true, queue: { open: 1 } });
    expectError(await call('GET', '/lines', null), 401);
    expectError(await call('GET', '/lines', customer.token), 403);
    const l2 = await t.f.lineId('L2');
    expectError(await call('PATCH', `/lines/${l2}`, agent.token, { keepsCustomerContact: true }), 403);
    expectError(await call('PATCH', `/lines/${l2}`, admin.token, { level: 'two' }), 400);
    expectError(await call('PATCH', `/lines/${l2}`, admin.token, { level: 1 }), 400);
    expect((await call('PATCH', `/lines/${l2}`, admin.token, { keepsCustomerContact: true })).statusCode).toBe(200);
    expect((await call('POST', '/lines', admin.token, { code: 'L5', level: 5, nameEn: 'Vendors', nameRu: 'Вендоры' })).statusCode).toBe(201);
  });

  it('teams: create, edit skills and auto-assign, members join the line', async () => {
    const l2 = await t.f.lineId('L2');
    expectError(await call('POST', '/teams', agent.token, { lineId: l2, code: 'L2-S3', nameEn: 'S3', nameRu: 'S3' }), 403);
    expectError(await call('POST', '/teams', admin.token, { lineId: l2, code: 'L2-S3', nameEn: 'S3', nameRu: 'S3', skills: ['nope'] }), 400);
    const res = await call('POST', '/teams', admin.token, { lineId: l2, code: 'L2-S3', nameEn: 'S3', nameRu: 'S3', skills: ['storage.s3'] });
    expect(res.statusCode).toBe(201);
    const id = json<{ id: string }>(res).id;
    expect((await call('PUT', `/teams/${id}/members/${agent.id}`, admin.token, { isLead: true })).statusCode).toBe(204);
    expect((await call('PATCH', `/teams/${id}`, admin.token, { autoAssign: true, defaultCapacity: 3 })).statusCode).toBe(200);
    expectError(await call('PATCH', '/teams/00000000-0000-4000-8000-000000000000', admin.token, { autoAssign: true }), 404);
    const teams = json<{ items: Array<{ id: string; autoAssign: boolean; skills: string[]; members: Array<{ userId: string; isLead: boolean; capacity: number }> }> }>(await call('GET', '/teams', agent.token));
    expect(teams.items.find((x) => x.id === id)).toMatchObject({ autoAssign: true, skills: ['storage.s3'], members: [{ userId: agent.id, isLead: true, capacity: 3 }] });
    const lm = await t.ctx.db.selectFrom('line_members').select('user_id').where('line_id', '=', l2).where('user_id', '=', agent.id).executeTakeFirst();
    expect(lm).toBeDefined();
  });

  it('escalation reasons: seeded RU/EN, admins add and retire', async () => {
    const list = json<{ items: Array<{ code: string; nameRu: string }> }>(await call('GET', '/escalation-reasons', agent.token));
    expect(list.items.find((r) => r.code === 'deep_diagnostics')?.nameRu).toBe('Требуется детальная диагностика');
    expectError(await call('POST', '/escalation-reasons', agent.token, { code: 'x', nameEn: 'x', nameRu: 'x' }), 403);
    expectError(await call('POST', '/escalation-reasons', admin.token, { code: 'Bad Code', nameEn: 'x', nameRu: 'x' }), 400);
    const id = json<{ id: string }>(await call('POST', '/escalation-reasons', admin.token, { code: 'vendor_needed', nameEn: 'Vendor needed', nameRu: 'Нужен вендор' })).id;
    await call('PATCH', `/escalation-reasons/${id}`, admin.token, { active: false });
    const after = json<{ items: Array<{ code: string }> }>(await call('GET', '/escalation-reasons', agent.token));
    expect(after.items.some((r) => r.code === 'vendor_needed')).toBe(false);
  });

  it('diagnostic requirements per catalogue item: seeded default, admin override', async () => {
    const item = (await t.ctx.db.selectFrom('catalogue_items').select('id').where('code', '=', 'storage.s3.access').executeTakeFirstOrThrow()).id;
    expect(json<{ requirements: string[] }>(await call('GET', `/catalogue/${item}/escalation-requirements`, agent.token)).requirements).toEqual(['project', 'region', 'timeWindow', 'errorText']);
    expectError(await call('PUT', `/catalogue/${item}/escalation-requirements`, agent.token, { requirements: ['project'] }), 403);
    expectError(await call('PUT', `/catalogue/${item}/escalation-requirements`, admin.token, { requirements: ['shoe size'] }), 400);
    await call('PUT', `/catalogue/${item}/escalation-requirements`, admin.token, { requirements: ['errorText', 'project'] });
    expect(json<{ requirements: string[] }>(await call('GET', `/catalogue/${item}/escalation-requirements`, agent.token)).requirements).toEqual(['project', 'errorText']);
  });
});

describe('automatic assignment', () => {
  it('least-loaded on-shift agent with the skill, round-robin among equals, capacity respected', async () => {
    const team = await t.f.teamId('L1-DUTY');
    await call('PATCH', `/teams/${team}`, admin.token, { autoAssign: true, defaultCapacity: 2 });
    const [a, b, off, unskilled] = [await t.f.staff(), await t.f.staff(), await t.f.staff(), await t.f.staff()];
    await call('PATCH', `/agents/${unskilled.id}`, admin.token, { skills: ['billing'], capacity: 5 });
    type Member = { userId: string; capacity: number; capacityOverride: number | null; skills: string[] };
    const listed = json<{ items: Array<{ code: string; members: Member[] }> }>(await call('GET', '/teams', agent.token));
    const duty = listed.items.find((tm) => tm.code === 'L1-DUTY')?.members ?? [];
    expect(duty.find((m) => m.userId === unskilled.id)).toMatchObject({ capacity: 5, capacityOverride: 5, skills: ['billing'] });
    expect(duty.find((m) => m.userId === a.id)).toMatchObject({ capacity: 2, capacityOverride: null, skills: [] });
    await call('PATCH', `/agents/${unskilled.id}`, admin.token, { capacity: null });
    for (const u of [a, b, unskilled]) await t.ctx.db.insertInto('shifts').values({ team_id: team, user_id: u.id, starts_at: new Date('2025-03-03T06:00:00Z'), ends_at: new Date('2025-03-03T18:00:00Z') }).execute();
    await t.ctx.db.insertInto('shifts').values({ team_id: team, user_id: off.id, starts_at: new Date('2025-03-03T18:00:00Z'), ends_at: new Date('2025-03-04T06:00:00Z') }).execute();
    const vm = (await t.ctx.db.selectFrom('catalogue_items').select('id').where('code', '=', 'compute.vm.unavailable').executeTakeFirstOrThrow()).id;
    const assignees: Array<string | undefined> = [];
    for (let i = 0; i < 5; i++) {
      const key = await t.f.ticket(customer, { catalogueItemId: vm });
      const tk = await t.ctx.db.selectFrom('tickets').selectAll().where('key', '=', key).executeTakeFirstOrThrow();
      const { onTicketCreated } = await import('./on-ticket-created.js');
      assignees.push((await t.ctx.db.transaction().execute((trx) => onTicketCreated(t.ctx, trx, tk.id, { tags: ['x'], managerEscalation: null, ruleId: null }))).assignee_id ?? undefined);
      clock.advance(1000);
    }
    // a and b alternate; each holds at most 2; the fifth waits in the queue.
    expect(assignees.slice(0, 4).sort()).toEqual([a.id, a.id, b.id, b.id].sort());
    expect(assignees[0]).not.toBe(assignees[1]);
    expect(assignees[4]).toBeUndefined();
    expect(assignees).not.toContain(off.id);
    expect(assignees).not.toContain(unskilled.id);
  });
});
