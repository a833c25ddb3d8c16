import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, expectError, json, testApp, type TestApp } from '../../../test/helpers/app.js';
import type { TestUser } from '../../../test/helpers/factories.js';
import { sql } from 'kysely';
import { compactQueueCounts } from './queue-views.js';

let t: TestApp;
let org: { id: string; projectIds: string[] };
let customer: TestUser;

type Counts = {
  lines: Array<{ code: string; open: number; unassigned: number }>;
  teams: Array<{ code: string; lineCode: string; open: number; unassigned: number }>;
  views: Array<{ view: string; count: number }>;
};
type Page = { view: string; items: Array<{ key: string }>; nextCursor: string | null };

const post = (token: string, url: string, payload: Record<string, unknown> = {}) =>
  t.app.inject({ method: 'POST', url: `/api/tickets${url}`, headers: as(token), payload });
const get = (token: string | null, url: string) => t.app.inject({ url: `/api/queues${url}`, headers: token ? as(token) : {} });
const counts = async (who: TestUser) => json<Counts>(await get(who.token, ''));
const view = (c: Counts, name: string) => c.views.find((v) => v.view === name)?.count;
const keys = async (who: TestUser, name: string) => json<Page>(await get(who.token, `/${name}`)).items.map((i) => i.key);
const handover = { checked: 'console', found: 'host down', toldCustomer: 'investigating' };

async function completeIncident() {
  const item = await t.ctx.db.selectFrom('catalogue_items').select('id').where('code', '=', 'compute.vm.unavailable').executeTakeFirstOrThrow();
  return t.f.ticket(customer, {
    catalogueItemId: item.id,
    projectId: org.projectIds[0],
    region: 'Moscow',
    resourceIds: ['6f1c2a4e-0000-4000-8000-000000000001'],
    fields: { timeWindow: '2025-03-01 10:00–10:30 MSK', errorText: 'No valid host was found' },
  });
}

beforeAll(async () => {
  t = await testApp();
  org = await t.f.org();
  customer = await t.f.customer(org.id);
});
afterAll(() => t.close());

describe('GET /api/queues and /api/queues/:view', () => {
  it('counts lines, teams and views for the caller; returned-to-me clears once the agent acts', async () => {
    const l1 = await t.f.staff({ lines: ['L1'], teams: ['L1-DUTY'] });
    const l2 = await t.f.staff({ lines: ['L2'], teams: ['L2-COMPUTE'] });
    const before = await counts(l1);
    const l2before = await counts(l2);

    const mine = await t.f.ticket(customer);
    const waiting = await t.f.ticket(customer);
    const moved = await completeIncident();
    await post(l1.token, `/${mine}/take`);
    await post(l1.token, `/${moved}/take`);
    await post(l1.token, `/${moved}/escalate`, { reasonCode: 'deep_diagnostics', handover });

    let c = await counts(l1);
    const duty = (x: Counts) => x.teams.find((tm) => tm.code === 'L1-DUTY');
    expect(c.lines.map((l) => l.code)).toEqual(['L1']);
    expect(c.lines[0]?.open).toBe((before.lines[0]?.open ?? 0) + 2);
    expect(duty(c)).toMatchObject({ lineCode: 'L1', open: (duty(before)?.open ?? 0) + 2, unassigned: (duty(before)?.unassigned ?? 0) + 1 });
    expect(view(c, 'mine')).toBe(1);
    expect(view(c, 'escalated-by-me')).toBe(1);
    expect(view(c, 'returned-to-me')).toBe(0);
    expect(view(c, 'unassigned-in-my-teams')).toBe((view(before, 'unassigned-in-my-teams') ?? 0) + 1);
    expect(await keys(l1, 'unassigned-in-my-teams')).toContain(waiting);
    expect(await keys(l1, 'escalated-by-me')).toEqual([moved]);
    const c2 = await counts(l2);
    expect(c2.teams.find((tm) => tm.code === 'L2-COMPUTE')?.unassigned).toBe((l2before.teams.find((tm) => tm.code === 'L2-COMPUTE')?.unassigned ?? 0) + 1);

    await post(l2.token, `/${moved}/take`);
    await post(l2.token, `/${moved}/return`, { instructions: 'Host fixed; ask the customer to start the VM' });
    c = await counts(l1);
    expect(view(c, 'returned-to-me')).toBe(1);
    expect(view(c, 'mine')).toBe(2);
    expect(await keys(l1, 'returned-to-me')).toEqual([moved]);
    expect(view(await counts(l2), 'returned-to-me')).toBe(0);

    await post(l1.token, `/${moved}/messages`, { body: 'Please start the VM again', visibility: 'public' });
    c = await counts(l1);
    expect(view(c, 'returned-to-me')).toBe(0);
    expect(view(c, 'mine')).toBe(2);

    // Cursor pagination over the view.
    const p1 = json<Page>(await get(l1.token, '/mine?limit=1'));
    expect(p1.items).toHaveLength(1);
    // Queue rows carry the nearest SLA deadline and the mass-outage flag, like the request list.
    expect(p1.items[0]).toHaveProperty('sla');
    expect(p1.items[0]).toHaveProperty('massOutageId', null);
    expect(p1.nextCursor).not.toBeNull();
    const p2 = json<Page>(await get(l1.token, `/mine?limit=1&cursor=${p1.nextCursor ?? ''}`));
    expect(p2.nextCursor).toBeNull();
    expect([...p1.items, ...p2.items].map((i) => i.key).sort()).toEqual([mine, moved].sort());
  });

  it('respects visibility: confidential security requests count only for their team', async () => {
    const l1 = await t.f.staff({ lines: ['L1', 'L3'], teams: ['L1-DUTY'] });
    const sec = await t.f.staff({ lines: ['L3'], teams: ['L3-SECURITY'] });
    const l1before = await counts(l1);
    const secBefore = await counts(sec);
    await t.f.ticket(customer, { type: 'security', subject: 'Leaked key' });
    const l3 = (x: Counts) => x.lines.find((l) => l.code === 'L3')?.open ?? 0;
    expect(l3(await counts(l1))).toBe(l3(l1before));
    const after = await counts(sec);
    expect(l3(after)).toBe(l3(secBefore) + 1);
    expect(view(after, 'unassigned-in-my-teams')).toBe((view(secBefore, 'unassigned-in-my-teams') ?? 0) + 1);
  });

  it('maintained counters equal a live count through every kind of change, before and after folding the deltas', async () => {
    const manager = await t.f.staff({ role: 'duty_manager', lines: ['L1', 'L2', 'L3'], teams: ['L1-DUTY', 'L2-COMPUTE', 'L3-SECURITY'] });
    const l1 = await t.f.staff({ lines: ['L1'], teams: ['L1-DUTY'] });
    const l2 = await t.f.staff({ lines: ['L2'], teams: ['L2-COMPUTE'] });
    const live = async () => {
      const { rows } = await sql<{ code: string; open: number; unassigned: number }>`
        SELECT tm.code, count(tk.id)::int AS open, count(tk.id) FILTER (WHERE tk.assignee_id IS NULL)::int AS unassigned
          FROM teams tm LEFT JOIN tickets tk ON tk.team_id = tm.id AND tk.status IN ('new', 'open', 'pending_customer', 'pending_vendor', 'on_hold')
         WHERE tm.code IN ('L1-DUTY', 'L2-COMPUTE', 'L3-SECURITY') GROUP BY tm.code ORDER BY tm.code`.execute(t.ctx.db);
      return rows;
    };
    const counted = async () =>
      (await counts(manager)).teams.map(({ code, open, unassigned }) => ({ code, open, unassigned })).sort((a, b) => a.code.localeCompare(b.code));
    const agree = async () => expect(await counted()).toEqual(await live());

    const a = await completeIncident();
    const b = await t.f.ticket(customer);
    await t.f.ticket(customer, { type: 'security', subject: 'Exposed credentials in a public bucket' });
    await agree();
    await post(l1.token, `/${a}/take`);
    await post(l1.token, `/${b}/take`);
    await agree();
    await post(l1.token, `/${a}/escalate`, { reasonCode: 'deep_diagnostics', handover });
    expect(view(await counts(l1), 'escalated-by-me')).toBe(1);
    await post(l2.token, `/${a}/take`);
    await agree();
    expect(await compactQueueCounts(t.ctx.db)).toBeGreaterThan(0);
    await agree();
    const resolve = (key: string) =>
      t.app.inject({ method: 'POST', url: `/api/tickets/${key}/status`, headers: as(l2.token), payload: { status: 'resolved', comment: 'Host replaced' } });
    const res = await resolve(a);
    expect(res.statusCode, res.body).toBeLessThan(300);
    await agree();
    expect(view(await counts(l1), 'escalated-by-me')).toBe(0);
    expect(await keys(l1, 'escalated-by-me')).toEqual([]);
    await compactQueueCounts(t.ctx.db);
    await agree();
    expect(await compactQueueCounts(t.ctx.db)).toBe(0);
  });

  it('named-view counts leave out requests that became confidential outside the caller\'s teams, like the lists', async () => {
    const l1 = await t.f.staff({ lines: ['L1'], teams: ['L1-DUTY'] });
    const l2 = await t.f.staff({ lines: ['L2'], teams: ['L2-COMPUTE'] });
    const key = await completeIncident();
    await post(l1.token, `/${key}/take`);
    await post(l1.token, `/${key}/escalate`, { reasonCode: 'deep_diagnostics', handover });
    await post(l2.token, `/${key}/take`);
    expect(view(await counts(l1), 'escalated-by-me')).toBe(1);
    expect(view(await counts(l2), 'mine')).toBe(1);
    const security = await t.f.teamId('L3-SECURITY');
    await t.ctx.db.updateTable('tickets').set({ confidential: true, team_id: security }).where('key', '=', key).execute();
    expect(view(await counts(l1), 'escalated-by-me')).toBe(0);
    expect(await keys(l1, 'escalated-by-me')).toEqual([]);
    expect(view(await counts(l2), 'mine')).toBe(0);
    expect(await keys(l2, 'mine')).toEqual([]);
    // A member of the confidential team sees it again once it is theirs.
    const sec = await t.f.staff({ lines: ['L3'], teams: ['L3-SECURITY'] });
    await t.ctx.db.updateTable('tickets').set({ assignee_id: sec.id }).where('key', '=', key).execute();
    expect(view(await counts(sec), 'mine')).toBe(1);
    expect(await keys(sec, 'mine')).toEqual([key]);
  });

  it('401 anonymous, 403 for customers, 400 with the error body on bad input', async () => {
    const l1 = await t.f.staff();
    expectError(await get(null, ''), 401, 'UNAUTHENTICATED');
    expectError(await get(null, '/mine'), 401, 'UNAUTHENTICATED');
    expectError(await get(customer.token, ''), 403, 'FORBIDDEN');
    expectError(await get(customer.token, '/mine'), 403, 'FORBIDDEN');
    const bad = await get(l1.token, '/everything');
    expectError(bad, 400, 'VALIDATION_FAILED');
    expect(json<{ error: { details: Array<{ field: string }> } }>(bad).error.details[0]?.field).toBe('params.view');
    expectError(await get(l1.token, '/mine?limit=0'), 400, 'VALIDATION_FAILED');
    const cursor = await get(l1.token, '/mine?cursor=garbage');
    expectError(cursor, 400, 'VALIDATION_FAILED');
    expect(json<{ error: { details: Array<{ field: string }> } }>(cursor).error.details[0]?.field).toBe('querystring.cursor');
  });
});
