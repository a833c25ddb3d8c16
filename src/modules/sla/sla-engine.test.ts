import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testApp, type TestApp } from '../../../test/helpers/app.js';
import type { TestUser } from '../../../test/helpers/factories.js';
import { FixedClock } from '../../shared/clock.js';
import { addMessage, changeStatus, reopenTicket, updateTicket } from '../tickets/index.js';
import { fireSlaTimer, type FireOutcome } from './fire-sla-timer.task.js';
import { recordEvent } from '../audit/index.js';

const MIN = 60_000;
let t: TestApp;
let clock: FixedClock;
let customer: TestUser;
let agent: TestUser;

beforeAll(async () => {
  clock = new FixedClock(new Date('2025-03-03T10:00:00Z'));
  t = await testApp({ clock });
  const org = await t.f.org();
  customer = await t.f.customer(org.id);
  agent = await t.f.staff({ lines: ['L1'], teams: ['L1-DUTY'] });
  // The shipped plans set no next-response target; this desk answers every customer message within 2 h.
  await t.ctx.db
    .updateTable('sla_plans')
    .set({ targets: JSON.stringify({ first_response: { any: 60 }, next_response: { any: 120 }, resolution: { critical: 120, high: 720, medium: 1440, low: 2880 } }) })
    .where('plan_code', '=', 'standard')
    .execute();
});
afterAll(() => t.close());

async function clocks(key: string) {
  return t.ctx.db
    .selectFrom('sla_clocks as c')
    .innerJoin('tickets as t', 't.id', 'c.ticket_id')
    .select(['c.metric', 'c.state', 'c.due_at', 'c.target_ms', 'c.elapsed_ms', 'c.timers', 'c.cycle'])
    .where('t.key', '=', key)
    .orderBy('c.metric')
    .execute();
}

/** Runs the timer jobs due at the fixed clock's instant, as a worker would. */
/** Runs due timer jobs as the worker would, until none is due (a fired point schedules the next one). */
async function fireDue(key: string): Promise<FireOutcome[]> {
  const out: FireOutcome[] = [];
  for (let round = 0; round < 20; round++) {
    const due = await sql<{ id: string; data: unknown }>`SELECT j.id, j.data FROM pgboss.job j JOIN tickets t ON t.id::text = j.data->>'ticketId'
      WHERE j.name = 'sla.timer' AND j.state = 'created' AND j.start_after <= ${clock.now()} AND t.key = ${key} ORDER BY j.start_after, j.id`.execute(t.ctx.db);
    if (due.rows.length === 0) break;
    for (const j of due.rows) {
      await sql`UPDATE pgboss.job SET state = 'completed' WHERE name = 'sla.timer' AND id = ${j.id}::uuid`.execute(t.ctx.db);
      out.push(await fireSlaTimer(t.ctx, j.data));
    }
  }
  return out;
}

async function marks(key: string) {
  return t.ctx.db
    .selectFrom('sla_marks as m')
    .innerJoin('tickets as t', 't.id', 'm.ticket_id')
    .select(['m.metric', 'm.point', 'm.due_at'])
    .where('t.key', '=', key)
    .orderBy('m.due_at')
    .orderBy('m.point')
    .execute();
}

describe('clocks follow the request', () => {
  it('starts first response and resolution on creation with the standard targets and schedules their points', async () => {
    clock.set(new Date('2025-03-03T10:00:00Z'));
    const key = await t.f.ticket(customer, { priority: 'high' });
    const c = await clocks(key);
    expect(c.map((x) => [x.metric, x.state, x.target_ms])).toEqual([
      ['first_response', 'running', 60 * MIN],
      ['resolution', 'running', 12 * 60 * MIN],
    ]);
    expect(c[0]?.due_at?.toISOString()).toBe('2025-03-03T11:00:00.000Z');
    // Only the next point has a job; each firing schedules the one after it.
    expect(Object.keys(c[0]?.timers ?? {}).sort()).toEqual(['0.5']);
  });

  it('an internal note does not stop first response; the first public staff reply does', async () => {
    clock.set(new Date('2025-03-03T10:00:00Z'));
    const key = await t.f.ticket(customer);
    clock.advance(10 * MIN);
    await addMessage(t.ctx, agent.actor, key, { body: 'looking', visibility: 'internal' });
    expect((await clocks(key))[0]?.state).toBe('running');
    clock.advance(10 * MIN);
    await addMessage(t.ctx, agent.actor, key, { body: 'Hello, we are on it', visibility: 'public' });
    const fr = (await clocks(key))[0];
    expect(fr?.state).toBe('met');
    expect(fr?.elapsed_ms).toBe(20 * MIN);
    const pending = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pgboss.job j JOIN tickets t ON t.id::text = j.data->>'ticketId'
      WHERE j.name = 'sla.timer' AND j.state = 'created' AND t.key = ${key} AND j.data->>'metric' = 'first_response'`.execute(t.ctx.db);
    expect(pending.rows[0]?.n).toBe(0);
  });

  it('waiting for the customer pauses and excludes the time; a customer reply resumes and starts next response', async () => {
    clock.set(new Date('2025-03-04T10:00:00Z'));
    const key = await t.f.ticket(customer, { priority: 'critical' });
    clock.advance(30 * MIN);
    await changeStatus(t.ctx, agent.actor, key, { status: 'pending_customer', comment: 'Which VM?' });
    let c = await clocks(key);
    expect(c.find((x) => x.metric === 'resolution')?.state).toBe('paused');
    clock.advance(5 * 60 * MIN);
    await addMessage(t.ctx, customer.actor, key, { body: 'vm-1', visibility: 'public' });
    c = await clocks(key);
    const res = c.find((x) => x.metric === 'resolution');
    expect(res?.state).toBe('running');
    expect(res?.due_at?.toISOString()).toBe('2025-03-04T17:00:00.000Z');
    expect(c.find((x) => x.metric === 'next_response')?.state).toBe('running');
    clock.advance(5 * MIN);
    await addMessage(t.ctx, agent.actor, key, { body: 'thanks', visibility: 'public' });
    expect((await clocks(key)).find((x) => x.metric === 'next_response')?.state).toBe('met');
  });

  it('pending vendor pauses the customer clocks and runs the vendor clock', async () => {
    clock.set(new Date('2025-03-05T10:00:00Z'));
    const key = await t.f.ticket(customer);
    await changeStatus(t.ctx, agent.actor, key, { status: 'pending_vendor' });
    let c = await clocks(key);
    expect(c.find((x) => x.metric === 'vendor')?.state).toBe('running');
    expect(c.find((x) => x.metric === 'first_response')?.state).toBe('paused');
    clock.advance(60 * MIN);
    await changeStatus(t.ctx, agent.actor, key, { status: 'open' });
    c = await clocks(key);
    expect(c.find((x) => x.metric === 'vendor')?.state).toBe('met');
    expect(c.find((x) => x.metric === 'first_response')?.state).toBe('running');
  });

  it('a raised priority retargets from the start, keeping elapsed time', async () => {
    clock.set(new Date('2025-03-06T10:00:00Z'));
    const key = await t.f.ticket(customer, { priority: 'low' });
    clock.advance(60 * MIN);
    await updateTicket(t.ctx, agent.actor, key, { priority: 'critical' }, undefined);
    const res = (await clocks(key)).find((x) => x.metric === 'resolution');
    expect(res?.target_ms).toBe(120 * MIN);
    expect(res?.due_at?.toISOString()).toBe('2025-03-06T12:00:00.000Z');
  });

  it('resolve stops resolution; a reopen continues the same cycle', async () => {
    clock.set(new Date('2025-03-07T10:00:00Z'));
    const key = await t.f.ticket(customer, { priority: 'critical' });
    clock.advance(30 * MIN);
    await changeStatus(t.ctx, agent.actor, key, { status: 'resolved', comment: 'Fixed' });
    expect((await clocks(key)).find((x) => x.metric === 'resolution')?.state).toBe('met');
    clock.advance(24 * 60 * MIN);
    await reopenTicket(t.ctx, customer.actor, key, { reason: 'still broken' });
    const res = (await clocks(key)).find((x) => x.metric === 'resolution');
    expect(res?.state).toBe('running');
    expect(res?.due_at?.toISOString()).toBe('2025-03-08T12:00:00.000Z');
  });
});

describe('warnings and breaches', () => {
  it('each point fires once at its instant, with the request state; a moved due makes the old job a no-op', async () => {
    clock.set(new Date('2025-03-10T10:00:00Z'));
    const key = await t.f.ticket(customer, { priority: 'critical' });
    clock.set(new Date('2025-03-10T10:30:01Z'));
    expect(await fireDue(key)).toContain('recorded');
    expect((await marks(key)).map((m) => `${m.metric}:${m.point}`)).toEqual(['first_response:0.5']);
    // Paused for an hour: the 0.75 instant moves by an hour; the job for the old instant does nothing.
    await changeStatus(t.ctx, agent.actor, key, { status: 'pending_customer' });
    clock.set(new Date('2025-03-10T11:30:00Z'));
    await addMessage(t.ctx, customer.actor, key, { body: 'here you go', visibility: 'public' });
    expect(await fireDue(key)).not.toContain('recorded');
    clock.set(new Date('2025-03-10T12:01:00Z'));
    await fireDue(key);
    // Paused at 10:30:01 for 59:59: 30:01 used, so 45 min are reached at 11:44:59 and the hour at 11:59:59.
    expect((await marks(key)).map((m) => `${m.metric}:${m.point}@${m.due_at.toISOString().slice(11, 19)}`).sort()).toEqual([
      'first_response:0.5@10:30:00',
      'first_response:0.75@11:44:59',
      'first_response:0.9@11:53:59',
      'first_response:breach@11:59:59',
      'resolution:0.5@11:59:59',
    ]);
    // Running the same jobs again records nothing more.
    await sql`UPDATE pgboss.job SET state = 'created' WHERE name = 'sla.timer'`.execute(t.ctx.db);
    expect((await fireDue(key)).filter((o) => o === 'recorded')).toEqual([]);
    const ev = await t.ctx.db.selectFrom('events').select(['type', 'data']).where('type', '=', 'sla.breached').execute();
    const mine = ev.filter((e) => (e.data as { snapshot?: { key?: string } }).snapshot?.key === key);
    expect(mine).toHaveLength(1);
    expect(mine[0]?.data).toMatchObject({ metric: 'first_response', point: 'breach', snapshot: { status: 'open', priority: 'critical' } });
  });
});

describe('plans, calendars, OLA and escalation', () => {
  it('business hours in the organisation zone: created 17:59 on the Friday before a Monday holiday', async () => {
    const basic = await t.ctx.db.selectFrom('support_plans').select('id').where('code', '=', 'basic').executeTakeFirstOrThrow();
    const org = await t.f.org();
    await t.ctx.db.updateTable('organizations').set({ support_plan_id: basic.id, time_zone: 'Europe/Moscow' }).where('id', '=', org.id).execute();
    const cal = await t.ctx.db.insertInto('sla_calendars').values({ name: 'org', organization_id: org.id, week: JSON.stringify({ mon: [{ start: '09:00', end: '18:00' }], tue: [{ start: '09:00', end: '18:00' }], wed: [{ start: '09:00', end: '18:00' }], thu: [{ start: '09:00', end: '18:00' }], fri: [{ start: '09:00', end: '18:00' }] }) }).returning('id').executeTakeFirstOrThrow();
    await t.ctx.db.insertInto('sla_holidays').values({ calendar_id: cal.id, date: '2025-03-10', name: 'transferred holiday' }).execute();
    const who = await t.f.customer(org.id);
    clock.set(new Date('2025-03-07T14:59:00Z')); // 17:59 in Moscow
    const key = await t.f.ticket(who, { priority: 'medium' });
    const fr = (await clocks(key)).find((x) => x.metric === 'first_response');
    // 24 business hours: 1 min on Friday, Monday is a holiday, 9 h Tuesday and Wednesday, 5 h 59 min Thursday.
    expect(fr?.due_at?.toISOString()).toBe('2025-03-13T11:59:00.000Z');
    // Basic inherits standard's resolution numbers but counts them on its own business calendar.
    expect((await clocks(key)).find((x) => x.metric === 'resolution')?.target_ms).toBe(24 * 60 * MIN);
  });

  it('an escalation starts the OLA clock of the receiving line; its first action stops it', async () => {
    clock.set(new Date('2025-03-11T10:00:00Z'));
    const key = await t.f.ticket(customer);
    const ticket = await t.ctx.db.selectFrom('tickets').select(['id', 'organization_id']).where('key', '=', key).executeTakeFirstOrThrow();
    clock.advance(5 * MIN);
    await t.ctx.db.transaction().execute((trx) =>
      recordEvent(trx, t.ctx.jobs, { type: 'ticket.escalated', ticketId: ticket.id, organizationId: ticket.organization_id, actorId: agent.id, data: { fromLine: 'L1', toLine: 'L2' }, at: clock.now() }),
    );
    const ola = (await clocks(key)).find((x) => x.metric === 'ola:L2');
    expect(ola).toMatchObject({ state: 'running', target_ms: 30 * MIN });
    const l2 = await t.f.staff({ lines: ['L2'], teams: ['L2-COMPUTE'] });
    clock.advance(12 * MIN);
    await addMessage(t.ctx, agent.actor, key, { body: 'L1 note', visibility: 'internal' });
    expect((await clocks(key)).find((x) => x.metric === 'ola:L2')?.state).toBe('running');
    await addMessage(t.ctx, l2.actor, key, { body: 'L2 looking', visibility: 'internal' });
    expect((await clocks(key)).find((x) => x.metric === 'ola:L2')).toMatchObject({ state: 'met', elapsed_ms: 12 * MIN });
  });

  it('a warning step of the chain raises the priority through the normal update path', async () => {
    const premium = await t.ctx.db.selectFrom('support_plans').select('id').where('code', '=', 'premium').executeTakeFirstOrThrow();
    const org = await t.f.org();
    await t.ctx.db.updateTable('organizations').set({ support_plan_id: premium.id }).where('id', '=', org.id).execute();
    await t.ctx.db
      .updateTable('sla_plans')
      .set({ escalation: JSON.stringify([{ on: '0.5', metrics: ['first_response'], actions: [{ kind: 'notify', who: 'assignee' }, { kind: 'raise_priority' }] }]) })
      .where('plan_code', '=', 'premium')
      .execute();
    const who = await t.f.customer(org.id);
    clock.set(new Date('2025-03-12T10:00:00Z'));
    const key = await t.f.ticket(who, { priority: 'medium' });
    clock.set(new Date('2025-03-12T11:00:01Z')); // premium: first response 2 h, so 50 % at 11:00
    expect(await fireDue(key)).toContain('recorded');
    const row = await t.ctx.db.selectFrom('tickets').select(['id', 'priority', 'version']).where('key', '=', key).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ priority: 'high', version: 2 });
    const types = (await t.ctx.db.selectFrom('events').select('type').where('ticket_id', '=', row.id).orderBy('id').execute()).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['sla.warned', 'ticket.updated', 'sla.escalated']));
    // The raise retargeted resolution (24 h → 12 h from the same start).
    expect((await clocks(key)).find((x) => x.metric === 'resolution')?.due_at?.toISOString()).toBe('2025-03-12T22:00:00.000Z');
  });

  it('a plan change of the organisation recomputes its running clocks', async () => {
    const org = await t.f.org();
    const who = await t.f.customer(org.id);
    clock.set(new Date('2025-03-13T10:00:00Z'));
    const key = await t.f.ticket(who, { priority: 'critical' });
    const premium = await t.ctx.db.selectFrom('support_plans').select('id').where('code', '=', 'premium').executeTakeFirstOrThrow();
    clock.advance(5 * MIN);
    await t.ctx.db.transaction().execute(async (trx) => {
      await trx.updateTable('organizations').set({ support_plan_id: premium.id }).where('id', '=', org.id).execute();
      await recordEvent(trx, t.ctx.jobs, { type: 'organization.updated', organizationId: org.id, actorId: agent.id, data: { supportPlanCode: 'premium' }, at: clock.now() });
    });
    const fr = (await clocks(key)).find((x) => x.metric === 'first_response');
    expect(fr).toMatchObject({ target_ms: 15 * MIN });
    expect(fr?.due_at?.toISOString()).toBe('2025-03-13T10:15:00.000Z');
  });
});
