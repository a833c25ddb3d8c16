import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { as, expectError, json, testApp, type TestApp } from '../../../test/helpers/app.js';
import type { TestUser } from '../../../test/helpers/factories.js';
import { FixedClock } from '../../shared/clock.js';
import { changeStatus, updateTicket } from '../tickets/index.js';
import { fireSlaTimer } from './fire-sla-timer.task.js';
import { seedBetaService, BETA_SERVICE } from './manage-services.js';

const MIN = 60_000;
let t: TestApp;
let clock: FixedClock;
let customer: TestUser;
let stranger: TestUser;
let agent: TestUser;
let manager: TestUser;
let admin: TestUser;
let vendor: TestUser & { vendorId: string };

beforeAll(async () => {
  clock = new FixedClock(new Date('2025-06-02T09:00:00Z'));
  t = await testApp({ clock });
  ({ customer, stranger, agent, manager, admin, vendor } = await t.f.cast());
});
afterAll(() => t.close());

interface SlaBody {
  requestType: string;
  noSla: { reason: string; message: string; catalogueItem: { code: string } } | null;
  clocks: Array<{ metric: string; targetMs: number }>;
}
const explain = async (key: string, token = agent.token) => json<SlaBody>(await t.app.inject({ url: `/api/tickets/${key}/sla`, headers: as(token) }));

describe('targets per request type', () => {
  it('a type override wins over the plan number for that metric; other types and metrics keep the plan', async () => {
    const typeTargets = { billing: { resolution: { any: 2880 }, first_response: { critical: 20 } } };
    const res = await t.app.inject({ method: 'PUT', url: '/api/sla/plans/standard', headers: as(admin.token), payload: { typeTargets } });
    expect(res.statusCode).toBe(200);
    expect(json<{ typeTargets: unknown; warnAt: number[] }>(res)).toMatchObject({ typeTargets, warnAt: [0.5, 0.75, 0.9] });

    const billing = await t.f.ticket(customer, { type: 'billing', priority: 'medium' });
    const b = await explain(billing);
    expect(b.requestType).toBe('billing');
    expect(b.clocks.map((c) => [c.metric, c.targetMs])).toEqual([['first_response', 60 * MIN], ['resolution', 2880 * MIN]]);
    const incident = await t.f.ticket(customer, { type: 'incident', priority: 'medium' });
    expect((await explain(incident)).clocks.map((c) => c.targetMs)).toEqual([60 * MIN, 24 * 60 * MIN]);

    // A type change retargets the running clocks from their start.
    const row = await t.ctx.db.selectFrom('tickets').select('version').where('key', '=', incident).executeTakeFirstOrThrow();
    await updateTicket(t.ctx, agent.actor, incident, { type: 'billing' }, row.version);
    expect((await explain(incident)).clocks.map((c) => c.targetMs)).toEqual([60 * MIN, 2880 * MIN]);
    // The critical override applies to first response of billing requests only.
    const critical = await t.f.ticket(customer, { type: 'billing', priority: 'critical' });
    expect((await explain(critical)).clocks.map((c) => c.targetMs)).toEqual([20 * MIN, 2880 * MIN]);
  });

  it('bad overrides are 400 naming the field, and change nothing', async () => {
    const url = '/api/sla/plans/standard';
    for (const typeTargets of [{ nonsense: { resolution: { any: 60 } } }, { billing: { resolution: { any: -1 } } }, { billing: { resolution: { sometimes: 5 } } }, { billing: { uptime: { any: 5 } } }]) {
      const res = await t.app.inject({ method: 'PUT', url, headers: as(admin.token), payload: { typeTargets } });
      expectError(res, 400, 'VALIDATION_FAILED');
      const details = (res.json() as { error: { details: Array<{ field: string }> } }).error.details;
      expect(details[0]?.field).toMatch(/^body\.typeTargets/);
    }
    const plans = json<{ items: Array<{ code: string; typeTargets: Record<string, unknown> }> }>(await t.app.inject({ url: '/api/sla/plans', headers: as(manager.token) }));
    expect(Object.keys(plans.items.find((p) => p.code === 'standard')?.typeTargets ?? {})).toEqual(['billing']);
  });
});

describe('services without SLA (beta)', () => {
  it('requests for a flagged service (or one below a flagged group) run no customer clock, and the explanation says why', async () => {
    const item = await t.ctx.db.selectFrom('catalogue_items').select(['id', 'parent_id']).where('code', '=', 'compute.vm.resize').executeTakeFirstOrThrow();
    const url = `/api/sla/services/${item.id}`;
    expectError(await t.app.inject({ method: 'PUT', url, payload: { slaExempt: true } }), 401);
    expectError(await t.app.inject({ method: 'PUT', url, headers: as(manager.token), payload: { slaExempt: true } }), 403);
    expectError(await t.app.inject({ method: 'PUT', url, headers: as(admin.token), payload: { slaExempt: 'yes' } }), 400, 'VALIDATION_FAILED');
    expectError(await t.app.inject({ method: 'PUT', url: '/api/sla/services/00000000-0000-4000-8000-000000000000', headers: as(admin.token), payload: { slaExempt: true } }), 404);
    const res = await t.app.inject({ method: 'PUT', url, headers: as(admin.token), payload: { slaExempt: true } });
    expect(json(res)).toMatchObject({ id: item.id, slaExempt: true });

    const key = await t.f.ticket(customer, { catalogueItemId: item.id });
    const body = await explain(key, customer.token);
    expect(body.clocks).toEqual([]);
    expect(body.noSla).toMatchObject({ reason: 'beta_service', message: 'no SLA: beta service', catalogueItem: { code: 'compute.vm.resize' } });
    // A customer reply starts no next-response clock either.
    clock.advance(5 * MIN);
    await changeStatus(t.ctx, agent.actor, key, { status: 'resolved', comment: 'done' });
    expect((await explain(key)).clocks).toEqual([]);

    await t.app.inject({ method: 'PUT', url, headers: as(admin.token), payload: { slaExempt: false } });
    const group = item.parent_id as string;
    await t.app.inject({ method: 'PUT', url: `/api/sla/services/${group}`, headers: as(admin.token), payload: { slaExempt: true } });
    expect((await explain(await t.f.ticket(customer, { catalogueItemId: item.id }))).noSla?.catalogueItem.code).toBe('compute.vm');
    await t.app.inject({ method: 'PUT', url: `/api/sla/services/${group}`, headers: as(admin.token), payload: { slaExempt: false } });
    const normal = await explain(await t.f.ticket(customer, { catalogueItemId: item.id }));
    expect(normal.noSla).toBeNull();
    expect(normal.clocks.length).toBeGreaterThan(0);
  });

  it('moving a request onto a beta service cancels its customer clocks; moving it back continues them without the beta time', async () => {
    const beta = await t.ctx.db.selectFrom('catalogue_items').select('id').where('code', '=', 'compute.vm.unavailable').executeTakeFirstOrThrow();
    await t.ctx.db.updateTable('catalogue_items').set({ sla_exempt: true }).where('id', '=', beta.id).execute();
    const covered = await t.ctx.db.selectFrom('catalogue_items').select('id').where('code', '=', 'compute.vm.resize').executeTakeFirstOrThrow();
    const move = async (key: string, catalogueItemId: string) => {
      const row = await t.ctx.db.selectFrom('tickets').select('version').where('key', '=', key).executeTakeFirstOrThrow();
      await updateTicket(t.ctx, agent.actor, key, { catalogueItemId }, row.version);
    };
    type Full = Omit<SlaBody, 'clocks'> & { clocks: Array<{ metric: string; state: string; elapsedMs: number; timeline: Array<{ kind: string; note: string }> }> };
    const full = async (key: string) => json<Full>(await t.app.inject({ url: `/api/tickets/${key}/sla`, headers: as(agent.token) }));

    const key = await t.f.ticket(customer, { catalogueItemId: covered.id, priority: 'medium' });
    clock.advance(20 * MIN);
    await move(key, beta.id);
    let body = await full(key);
    expect(body.clocks.map((c) => [c.metric, c.state, c.elapsedMs])).toEqual([['first_response', 'cancelled', 20 * MIN], ['resolution', 'cancelled', 20 * MIN]]);
    expect(body.clocks[0]?.timeline.at(-1)).toMatchObject({ kind: 'cancelled' });
    expect(body.clocks[0]?.timeline.at(-1)?.note).toContain('service compute.vm.unavailable is offered without SLA');
    expect(body.noSla).toMatchObject({ reason: 'beta_service' });
    // No deadline fires for a cancelled clock, and it is no longer in the queue's deadlines.
    expect(await t.ctx.db.selectFrom('sla_clocks as c').innerJoin('tickets as t', 't.id', 'c.ticket_id').select('c.due_at').where('t.key', '=', key).where('c.due_at', 'is not', null).execute()).toEqual([]);

    clock.advance(3 * 60 * MIN);
    await move(key, covered.id);
    body = await full(key);
    expect(body.noSla).toBeNull();
    expect(body.clocks.map((c) => [c.metric, c.state, c.elapsedMs])).toEqual([['first_response', 'running', 20 * MIN], ['resolution', 'running', 20 * MIN]]);

    // Registered on the beta service: nothing runs; moved to a covered one after an answer: resolution only, from the move.
    const late = await t.f.ticket(customer, { catalogueItemId: beta.id, priority: 'medium' });
    await t.app.inject({ method: 'POST', url: `/api/tickets/${late}/messages`, headers: as(agent.token), payload: { body: 'Looking into it', visibility: 'public' } });
    clock.advance(10 * MIN);
    await move(late, covered.id);
    clock.advance(5 * MIN);
    body = await full(late);
    expect(body.clocks.map((c) => [c.metric, c.state, c.elapsedMs])).toEqual([['resolution', 'running', 5 * MIN]]);

    // Reports count cancelled clocks apart: neither met nor breached.
    const from = new Date(clock.now().getTime() - 24 * 60 * MIN).toISOString();
    const to = new Date(clock.now().getTime() + MIN).toISOString();
    await move(key, beta.id);
    const report = json<{ groups: Array<{ group: string; firstResponse: { cancelled: number; met: number; breached: number } | null }> }>(
      await t.app.inject({ url: `/api/reports/sla?from=${from}&to=${to}&groupBy=plan`, headers: as(manager.token) }),
    );
    const standard = report.groups.find((g) => g.group === 'standard');
    expect(standard?.firstResponse?.cancelled).toBeGreaterThanOrEqual(1);
    await t.ctx.db.updateTable('catalogue_items').set({ sla_exempt: false }).where('id', '=', beta.id).execute();
  });

  it('the shipped beta service is added once under compute.vm; an admin who removes the flag is not overruled', async () => {
    await seedBetaService(t.ctx.db);
    await seedBetaService(t.ctx.db);
    const rows = await t.ctx.db.selectFrom('catalogue_items').select(['id', 'sla_exempt']).where('code', '=', BETA_SERVICE.code).execute();
    expect(rows).toMatchObject([{ sla_exempt: true }]);
    const list = json<{ items: Array<{ code: string; slaExempt: boolean }> }>(await t.app.inject({ url: '/api/sla/services', headers: as(manager.token) }));
    expect(list.items.find((i) => i.code === BETA_SERVICE.code)?.slaExempt).toBe(true);
    await t.app.inject({ method: 'PUT', url: `/api/sla/services/${rows[0]?.id}`, headers: as(admin.token), payload: { slaExempt: false } });
    await seedBetaService(t.ctx.db);
    expect((await t.ctx.db.selectFrom('catalogue_items').select('sla_exempt').where('code', '=', BETA_SERVICE.code).executeTakeFirstOrThrow()).sla_exempt).toBe(false);
  });

  it('authorisation: staff read the services, customers and vendors are refused', async () => {
    expectError(await t.app.inject({ url: '/api/sla/services' }), 401);
    expectError(await t.app.inject({ url: '/api/sla/services', headers: as(stranger.token) }), 403);
    expectError(await t.app.inject({ url: '/api/sla/services', headers: as(vendor.token) }), 403);
    expect((await t.app.inject({ url: '/api/sla/services', headers: as(agent.token) })).statusCode).toBe(200);
  });
});

describe('warning points', () => {
  it('an admin sets them (sorted); duty managers, agents, customers, vendors cannot; bad points are 400', async () => {
    const url = '/api/sla/warning-points';
    expectError(await t.app.inject({ method: 'PUT', url, payload: { warnAt: [0.5] } }), 401);
    for (const u of [manager, agent, customer, vendor]) expectError(await t.app.inject({ method: 'PUT', url, headers: as(u.token), payload: { warnAt: [0.5] } }), 403);
    for (const warnAt of [[1.5], [0], [0.5, 0.5], [0.1, 0.2, 0.3, 0.4, 0.5, 0.6]]) {
      const res = await t.app.inject({ method: 'PUT', url, headers: as(admin.token), payload: { warnAt } });
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(JSON.stringify(res.json())).toContain('body.warnAt');
    }
    const ok = await t.app.inject({ method: 'PUT', url, headers: as(admin.token), payload: { warnAt: [0.8, 0.5] } });
    expect(json(ok)).toEqual({ warnAt: [0.5, 0.8] });
    const plans = json<{ items: Array<{ warnAt: number[] }> }>(await t.app.inject({ url: '/api/sla/plans', headers: as(agent.token) }));
    expect(plans.items[0]?.warnAt).toEqual([0.5, 0.8]);
    await t.app.inject({ method: 'PUT', url, headers: as(admin.token), payload: { warnAt: [0.5, 0.75, 0.9] } });
  });
});

describe('escalation chains', () => {
  it('an admin edits a plan chain (notify up the hierarchy, raise priority, move to a team); bad steps are 400; plans show it', async () => {
    const url = '/api/sla/plans/business/escalation';
    const steps = [
      { on: '0.5', actions: [{ kind: 'notify', who: 'assignee' }] },
      { on: 'breach', metrics: ['resolution'], actions: [{ kind: 'notify', who: 'head_of_support' }, { kind: 'raise_priority' }, { kind: 'move_to_team', team: 'L2-COMPUTE' }] },
    ];
    expectError(await t.app.inject({ method: 'PUT', url, payload: { steps } }), 401);
    expectError(await t.app.inject({ method: 'PUT', url, headers: as(vendor.token), payload: { steps } }), 403);
    expectError(await t.app.inject({ method: 'PUT', url, headers: as(customer.token), payload: { steps } }), 403);
    expectError(await t.app.inject({ method: 'PUT', url, headers: as(admin.token), payload: { steps: [{ on: 'sometime', actions: [{ kind: 'raise_priority' }] }] } }), 400);
    expectError(await t.app.inject({ method: 'PUT', url, headers: as(admin.token), payload: { steps: [{ on: '0.5', actions: [{ kind: 'notify', who: 'ceo' }] }] } }), 400);
    expect((await t.app.inject({ method: 'PUT', url, headers: as(admin.token), payload: { steps } })).statusCode).toBe(200);
    const plans = json<{ items: Array<{ code: string; escalation: unknown }> }>(await t.app.inject({ url: '/api/sla/plans', headers: as(manager.token) }));
    expect(plans.items.find((p) => p.code === 'business')?.escalation).toEqual(steps);
  });
});

interface ListBody {
  items: Array<{ key: string; sla: { metric: string; state: string; dueAt: string | null; remainingMs: number; targetMs: number } | null }>;
}

describe('SLA due in list responses', () => {
  it('each row carries its nearest running deadline and state: ok, warning, breached, paused; none once stopped', async () => {
    const listOrg = await t.f.org();
    const c = await t.f.customer(listOrg.id);
    clock.set(new Date('2025-07-01T09:00:00Z'));
    const a = await t.f.ticket(c, { priority: 'high' });
    const b = await t.f.ticket(c, { priority: 'high' });
    const list = async (token = agent.token) => json<ListBody>(await t.app.inject({ url: `/api/tickets?organizationId=${listOrg.id}`, headers: as(token) }));
    const sla = async (key: string, token?: string) => (await list(token)).items.find((i) => i.key === key)?.sla;

    expect(await sla(a)).toEqual({ metric: 'first_response', state: 'ok', dueAt: '2025-07-01T10:00:00.000Z', remainingMs: 60 * MIN, targetMs: 60 * MIN });
    clock.advance(35 * MIN);
    expect(await sla(a)).toMatchObject({ state: 'warning', remainingMs: 25 * MIN });
    await changeStatus(t.ctx, agent.actor, b, { status: 'pending_customer', comment: 'Which VM?' });
    expect(await sla(b)).toMatchObject({ metric: 'resolution', state: 'paused', dueAt: null });
    clock.advance(30 * MIN);
    // Not yet recorded by the timer: the deadline has passed all the same.
    expect(await sla(a)).toMatchObject({ metric: 'first_response', state: 'breached', remainingMs: -5 * MIN });
    const timers = await t.ctx.db.selectFrom('sla_clocks').select('timers').where('metric', '=', 'first_response').where('ticket_id', '=', t.ctx.db.selectFrom('tickets').select('id').where('key', '=', a)).executeTakeFirstOrThrow();
    const breach = timers.timers.breach;
    if (breach) {
      const id = (await t.ctx.db.selectFrom('tickets').select('id').where('key', '=', a).executeTakeFirstOrThrow()).id;
      await fireSlaTimer(t.ctx, { ticketId: id, metric: 'first_response', cycle: 1, point: 'breach', at: breach.at });
    }
    expect(await sla(a)).toMatchObject({ metric: 'first_response', state: 'breached', dueAt: '2025-07-01T10:00:00.000Z' });
    // The customer sees the contract clocks too; a vendor sees none of them.
    expect((await sla(a, c.token))?.metric).toBe('first_response');
    await changeStatus(t.ctx, agent.actor, a, { status: 'resolved', comment: 'fixed' });
    expect(await sla(a)).toBeNull();
  });

  it('a page of requests reads the clocks in one query, not one per row', async () => {
    const bulkOrg = await t.f.org();
    const c = await t.f.customer(bulkOrg.id);
    for (let i = 0; i < 12; i++) await t.f.ticket(c);
    const spy = vi.spyOn(t.ctx.db, 'selectFrom');
    try {
      const body = json<ListBody>(await t.app.inject({ url: `/api/tickets?organizationId=${bulkOrg.id}&limit=50`, headers: as(agent.token) }));
      expect(body.items).toHaveLength(12);
      expect(body.items.every((i) => i.sla?.metric === 'first_response')).toBe(true);
      expect(spy.mock.calls.filter((args) => String(args[0]).startsWith('sla_clocks'))).toHaveLength(1);
    } finally {
      spy.mockRestore();
    }
  });
});
