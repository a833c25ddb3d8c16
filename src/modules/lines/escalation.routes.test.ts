import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, expectError, json, testApp, type TestApp } from '../../../test/helpers/app.js';
import type { TestUser } from '../../../test/helpers/factories.js';

let t: TestApp;
let org: { id: string; projectIds: string[] };
let customer: TestUser;
let stranger: TestUser;
let l1: TestUser;
let l2: TestUser;
let l3: TestUser;
let vendor: TestUser & { vendorId: string };
let manager: TestUser;

const post = (token: string | null, url: string, payload: Record<string, unknown> = {}) =>
  t.app.inject({ method: 'POST', url: `/api/tickets${url}`, headers: token ? as(token) : {}, payload });
const get = (token: string | null, url: string) => t.app.inject({ url: `/api/tickets${url}`, headers: token ? as(token) : {} });
const handover = { checked: 'VM console, hypervisor host status', found: 'VM in ERROR after live migration', toldCustomer: 'Engineers are investigating' };

async function itemId(code: string) {
  return (await t.ctx.db.selectFrom('catalogue_items').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
}

/** A VM incident with everything L1 must collect. */
async function completeIncident(extra: Record<string, unknown> = {}) {
  return t.f.ticket(customer, {
    catalogueItemId: await itemId('compute.vm.unavailable'),
    projectId: org.projectIds[0],
    region: 'Moscow',
    resourceIds: ['6f1c2a4e-0000-4000-8000-000000000001'],
    fields: { timeWindow: '2025-03-01 10:00–10:30 MSK', errorText: 'No valid host was found' },
    ...extra,
  });
}

beforeAll(async () => {
  t = await testApp();
  org = await t.f.org();
  customer = await t.f.customer(org.id);
  stranger = await t.f.customer((await t.f.org()).id);
  l1 = await t.f.staff({ lines: ['L1'], teams: ['L1-DUTY'] });
  l2 = await t.f.staff({ lines: ['L2'], teams: ['L2-COMPUTE'] });
  l3 = await t.f.staff({ lines: ['L3'], teams: ['L3-PLATFORM'] });
  vendor = await t.f.vendor();
  manager = await t.f.staff({ role: 'duty_manager', lines: [], teams: [] });
});
afterAll(() => t.close());

describe('POST /api/tickets/:key/escalate', () => {
  it('L1 escalates to the next line; the hand-over is stored and the receiving line reads it first', async () => {
    const key = await completeIncident();
    await post(l1.token, `/${key}/take`);
    const res = await post(l1.token, `/${key}/escalate`, { reasonCode: 'deep_diagnostics', reasonText: 'needs hypervisor logs', handover });
    expect(res.statusCode).toBe(200);
    const body = json<{ line: { code: string }; team: { code: string } | null; assignee: unknown }>(res);
    expect(body.line.code).toBe('L2');
    expect(body.assignee).toBeNull();

    const list = json<{ items: Array<{ kind: string; fromLine: string; toLine: string; reason: { code: string }; checked: string; toldCustomer: string }> }>(
      await get(l2.token, `/${key}/handovers`),
    );
    expect(list.items[0]).toMatchObject({ kind: 'escalation', fromLine: 'L1', toLine: 'L2', reason: { code: 'deep_diagnostics' }, checked: handover.checked, toldCustomer: handover.toldCustomer });

    // L1 stays the customer-facing owner while L2 works.
    const own = json<{ specialistsEngaged: boolean; customerFacing: { line: { code: string }; agentId: string }; working: { line: { code: string } } }>(
      await get(l1.token, `/${key}/ownership`),
    );
    expect(own).toMatchObject({ specialistsEngaged: true, customerFacing: { line: { code: 'L1' }, agentId: l1.id }, working: { line: { code: 'L2' } } });
    expect(json(await get(customer.token, `/${key}/ownership`))).toEqual({ specialistsEngaged: true });

    const tk = await t.ctx.db.selectFrom('tickets').select('id').where('key', '=', key).executeTakeFirstOrThrow();
    const events = await t.ctx.db.selectFrom('events').select(['type', 'visibility', 'data']).where('ticket_id', '=', tk.id).where('type', '=', 'ticket.escalated').execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ visibility: 'internal', data: { fromLine: 'L1', toLine: 'L2', reasonCode: 'deep_diagnostics' } });
  });

  it('from L1 answers 422 ESCALATION_INFO_MISSING listing exactly what is missing', async () => {
    const key = await t.f.ticket(customer, { catalogueItemId: await itemId('compute.vm.unavailable'), projectId: org.projectIds[0], fields: { errorText: 'boom' } });
    const res = await post(l1.token, `/${key}/escalate`, { reasonCode: 'non_typical', handover });
    expectError(res, 422, 'ESCALATION_INFO_MISSING');
    const details = json<{ error: { details: { missing: string[]; required: string[] } } }>(res).error.details;
    expect(details.missing).toEqual(['region', 'resourceIds', 'timeWindow']);
    expect(details.required).toEqual(['project', 'region', 'resourceIds', 'timeWindow', 'errorText']);
    // Nothing moved.
    expect(json<{ line: { code: string } }>(await get(l1.token, `/${key}`)).line.code).toBe('L1');
  });

  it('a billing question has no requirements and can go to a named line', async () => {
    const key = await t.f.ticket(customer, { catalogueItemId: await itemId('billing.charges.question') });
    const l1b = await t.f.staff({ lines: ['L1'], teams: ['L1-BILLING'] });
    const res = await post(l1b.token, `/${key}/escalate`, { toLineCode: 'L3', reasonCode: 'defect', handover });
    expect(json<{ line: { code: string }; team: { code: string } }>(res)).toMatchObject({ line: { code: 'L3' }, team: { code: 'L3-PLATFORM' } });
  });

  it('401 anonymous, 403 for an agent of another line, 404 for another customer, 400 on bad input', async () => {
    const key = await completeIncident();
    expectError(await post(null, `/${key}/escalate`, { reasonCode: 'non_typical', handover }), 401, 'UNAUTHENTICATED');
    expectError(await post(l3.token, `/${key}/escalate`, { reasonCode: 'non_typical', handover }), 403, 'FORBIDDEN');
    expectError(await post(customer.token, `/${key}/escalate`, { reasonCode: 'non_typical', handover }), 403, 'FORBIDDEN');
    expectError(await post(stranger.token, `/${key}/escalate`, { reasonCode: 'non_typical', handover }), 404, 'TICKET_NOT_FOUND');
    expectError(await post(l1.token, `/${key}/escalate`, { reasonCode: 'non_typical' }), 400, 'VALIDATION_FAILED');
    expectError(await post(l1.token, `/${key}/escalate`, { reasonCode: 'nope', handover }), 400, 'VALIDATION_FAILED');
    expectError(await post(l1.token, `/${key}/escalate`, { reasonCode: 'non_typical', toLineCode: 'L1', handover }), 400, 'VALIDATION_FAILED');
    const l3team = await t.f.teamId('L3-PLATFORM');
    expectError(await post(l1.token, `/${key}/escalate`, { reasonCode: 'non_typical', toTeamId: l3team, handover }), 400, 'VALIDATION_FAILED');
  });
});

describe('hand-over visibility', () => {
  it('customers and vendors never see hand-overs; the timeline hides the escalation from them', async () => {
    const key = await completeIncident({ type: 'vendor' });
    await t.app.inject({ method: 'PATCH', url: `/api/tickets/${key}`, headers: as(l1.token), payload: { vendorId: vendor.vendorId } });
    await post(l1.token, `/${key}/escalate`, { reasonCode: 'non_typical', handover });
    expectError(await get(customer.token, `/${key}/handovers`), 403, 'FORBIDDEN');
    expectError(await get(vendor.token, `/${key}/handovers`), 403, 'FORBIDDEN');
    expectError(await get(stranger.token, `/${key}/handovers`), 404);
    expectError(await get(null, `/${key}/handovers`), 401);
    for (const who of [customer, vendor]) {
      const tl = json<{ items: Array<{ type?: string; body?: string }> }>(await get(who.token, `/${key}/timeline`));
      expect(tl.items.some((i) => i.type === 'ticket.escalated')).toBe(false);
      expect(JSON.stringify(tl)).not.toContain(handover.found);
    }
  });
});

describe('POST /api/tickets/:key/return', () => {
  it('L2 returns with instructions; it goes back to the L1 agent who faces the customer', async () => {
    const key = await completeIncident();
    await post(l1.token, `/${key}/take`);
    await post(l1.token, `/${key}/escalate`, { reasonCode: 'deep_diagnostics', handover });
    await post(l2.token, `/${key}/take`);
    expectError(await post(l1.token, `/${key}/return`, { instructions: 'x' }), 403);
    expectError(await post(l2.token, `/${key}/return`, {}), 400);
    expectError(await post(l2.token, `/${key}/return`, { instructions: 'x', toLineCode: 'L3' }), 400);
    expectError(await post(null, `/${key}/return`, { instructions: 'x' }), 401);
    const res = await post(l2.token, `/${key}/return`, { instructions: 'Host fixed; ask the customer to start the VM' });
    expect(res.statusCode).toBe(200);
    expect(json<{ line: { code: string }; team: { code: string }; assignee: { id: string } }>(res)).toMatchObject({ line: { code: 'L1' }, team: { code: 'L1-DUTY' }, assignee: { id: l1.id } });
    const list = json<{ items: Array<{ kind: string; instructions: string }> }>(await get(l1.token, `/${key}/handovers`));
    expect(list.items[0]).toMatchObject({ kind: 'return', instructions: 'Host fixed; ask the customer to start the VM' });
    const own = json<{ specialistsEngaged: boolean; returns: number }>(await get(l1.token, `/${key}/ownership`));
    expect(own).toMatchObject({ specialistsEngaged: false, returns: 1 });
    expectError(await post(l1.token, `/${key}/return`, { instructions: 'x' }), 409, 'CONFLICT');
  });
});

describe('manager escalation', () => {
  it('any agent raises to the duty manager; only a manager acknowledges, once', async () => {
    const key = await completeIncident();
    expectError(await post(null, `/${key}/manager-escalate`, { reason: 'SLA at risk' }), 401);
    expectError(await post(customer.token, `/${key}/manager-escalate`, { reason: 'SLA at risk' }), 403);
    expectError(await post(stranger.token, `/${key}/manager-escalate`, { reason: 'SLA at risk' }), 404);
    expectError(await post(l1.token, `/${key}/manager-escalate`, {}), 400);
    const res = await post(l1.token, `/${key}/manager-escalate`, { reason: 'Customer threatens to leave' });
    expect(res.statusCode).toBe(201);
    const id = json<{ id: string; status: string }>(res).id;
    expectError(await post(l1.token, `/${key}/manager-escalations/${id}/ack`), 403);
    expectError(await post(manager.token, `/${key}/manager-escalations/00000000-0000-4000-8000-000000000000/ack`), 404);
    expectError(await post(manager.token, `/${key}/manager-escalations/not-a-uuid/ack`), 400);
    const ack = await post(manager.token, `/${key}/manager-escalations/${id}/ack`);
    expect(json<{ status: string; acknowledgedBy: string }>(ack)).toMatchObject({ status: 'acknowledged', acknowledgedBy: manager.id });
    expectError(await post(manager.token, `/${key}/manager-escalations/${id}/ack`), 409);
  });
});

describe('take and assign', () => {
  it('take opens the request and records ticket.assigned; assign checks line membership', async () => {
    const key = await completeIncident();
    expectError(await post(null, `/${key}/take`), 401);
    expectError(await post(l2.token, `/${key}/take`), 403);
    expectError(await post(stranger.token, `/${key}/take`), 404);
    const taken = await post(l1.token, `/${key}/take`);
    expect(json<{ status: string; assignee: { id: string } }>(taken)).toMatchObject({ status: 'open', assignee: { id: l1.id } });

    expectError(await post(l1.token, `/${key}/assign`, { assigneeId: l2.id }), 400, 'VALIDATION_FAILED');
    expectError(await post(l1.token, `/${key}/assign`, { assigneeId: 'x' }), 400);
    expectError(await post(l2.token, `/${key}/assign`, { assigneeId: l1.id }), 403);
    expectError(await post(null, `/${key}/assign`, { assigneeId: l1.id }), 401);
    const other = await t.f.staff({ lines: ['L1'], teams: ['L1-DUTY'] });
    const res = await post(l1.token, `/${key}/assign`, { assigneeId: other.id });
    expect(json<{ assignee: { id: string } }>(res).assignee.id).toBe(other.id);
    const tl = json<{ items: Array<{ type?: string }> }>(await get(l1.token, `/${key}/timeline`));
    expect(tl.items.filter((i) => i.type === 'ticket.assigned')).toHaveLength(2);
  });
});
