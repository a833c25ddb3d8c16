/** Admin use cases for plan targets, escalation chains and internal (OLA / vendor) targets. */
import type { z } from 'zod';
import type { AppContext } from '../../shared/context.js';
import type { Executor } from '../../db/executor.js';
import type { JobQueue } from '../../jobs/queue.js';
import { AppError } from '../../shared/errors.js';
import type { Actor } from '../identity/actor.js';
import { recordEvent } from '../audit/index.js';
import { loadCatalogue, loadOrgSla, loadWarnAt, type OrgSla } from './plan-store.js';
import { lockClock, refreshClock } from './clock-store.js';
import { catalogueProblems } from './targets.js';
import type { escalationChain } from './escalation.js';
import type { planInput } from './views.js';

export async function listPlans(exec: Executor) {
  const rows = await exec.selectFrom('sla_plans').selectAll().orderBy('plan_code').execute();
  const warnAt = await loadWarnAt(exec);
  return rows.map((r) => ({
    code: r.plan_code,
    name: r.name,
    extends: r.extends_code,
    calendar: r.calendar,
    calendarByPriority: r.calendar_by_priority as Record<string, '24x7' | 'business-hours'>,
    targets: r.targets as Record<string, Record<string, number>>,
    typeTargets: r.type_targets as Record<string, Record<string, Record<string, number>>>,
    warnAt,
    attainmentGoal: r.attainment_goal,
    calendarId: r.calendar_id,
    escalation: r.escalation,
  }));
}

const planNotFound = (code: string) => new AppError('SLA_PLAN_NOT_FOUND', `No support plan "${code}"`);

/**
 * Creates or changes a plan's SLA. The whole catalogue is validated before commit (a dangling
 * `extends` or a cycle would leave no target to compute). Running clocks keep their target until
 * their next retarget (priority or plan change); new clocks use the new numbers.
 */
export async function savePlan(ctx: AppContext, actor: Actor, code: string, input: z.infer<typeof planInput>) {
  return ctx.db.transaction().execute(async (trx) => {
    const known = await trx.selectFrom('support_plans').select('code').where('code', '=', code).executeTakeFirst();
    const existing = await trx.selectFrom('sla_plans').select('plan_code').where('plan_code', '=', code).forUpdate().executeTakeFirst();
    if (!known && !existing) throw planNotFound(code);
    if (input.calendarId) {
      const cal = await trx.selectFrom('sla_calendars').select('id').where('id', '=', input.calendarId).executeTakeFirst();
      if (!cal) throw new AppError('VALIDATION_FAILED', 'The request is invalid; see details', [{ field: 'body.calendarId', message: 'no such calendar' }]);
    }
    const values = {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.extends !== undefined ? { extends_code: input.extends } : {}),
      ...(input.calendar !== undefined ? { calendar: input.calendar } : {}),
      ...(input.calendarByPriority !== undefined ? { calendar_by_priority: JSON.stringify(input.calendarByPriority) } : {}),
      ...(input.targets !== undefined ? { targets: JSON.stringify(input.targets) } : {}),
      ...(input.typeTargets !== undefined ? { type_targets: JSON.stringify(input.typeTargets) } : {}),
      ...(input.attainmentGoal !== undefined ? { attainment_goal: input.attainmentGoal } : {}),
      ...(input.calendarId !== undefined ? { calendar_id: input.calendarId } : {}),
      updated_at: ctx.clock.now(),
    };
    if (existing) await trx.updateTable('sla_plans').set(values).where('plan_code', '=', code).execute();
    else await trx.insertInto('sla_plans').values({ plan_code: code, extends_code: null, calendar: null, attainment_goal: null, calendar_id: null, ...values }).execute();
    const problems = catalogueProblems(await loadCatalogue(trx));
    if (problems.length) {
      throw new AppError('VALIDATION_FAILED', 'The plans would not be usable; see details', problems.map((p) => ({ field: 'body', message: p })));
    }
    await recordEvent(trx, ctx.jobs, { type: 'sla.plan_updated', actorId: actor.userId, visibility: 'internal', data: { code, ...input } });
    return (await listPlans(trx)).find((p) => p.code === code);
  });
}

export async function saveEscalation(ctx: AppContext, actor: Actor, code: string, steps: z.infer<typeof escalationChain>) {
  return ctx.db.transaction().execute(async (trx) => {
    const res = await trx.updateTable('sla_plans').set({ escalation: JSON.stringify(steps), updated_at: ctx.clock.now() }).where('plan_code', '=', code).executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw planNotFound(code);
    for (const [i, s] of steps.entries()) {
      for (const a of s.actions) {
        if (a.kind !== 'move_to_team') continue;
        const team = await trx.selectFrom('teams').select('id').where('code', '=', a.team).executeTakeFirst();
        if (!team) throw new AppError('VALIDATION_FAILED', 'The request is invalid; see details', [{ field: `body.steps.${i}`, message: `no team "${a.team}"` }]);
      }
    }
    await recordEvent(trx, ctx.jobs, { type: 'sla.escalation_updated', actorId: actor.userId, visibility: 'internal', data: { code, steps } });
    return steps;
  });
}

/**
 * The warning points of every clock. Running clocks keep their scheduled points until their next
 * change; the points are read when a clock is folded, so new instants follow at the next refresh.
 */
export async function saveWarnAt(ctx: AppContext, actor: Actor, warnAt: number[]) {
  const sorted = [...warnAt].sort((a, b) => a - b);
  return ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('settings')
      .values({ key: 'sla.warn_at', value: JSON.stringify(sorted), updated_at: ctx.clock.now() })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(sorted), updated_at: ctx.clock.now() }))
      .execute();
    await recordEvent(trx, ctx.jobs, { type: 'sla.warning_points_updated', actorId: actor.userId, visibility: 'internal', data: { warnAt: sorted } });
    return loadWarnAt(trx);
  });
}

export async function listInternalTargets(exec: Executor) {
  const rows = await exec.selectFrom('sla_internal_targets').select(['code', 'target_minutes', 'calendar']).orderBy('code').execute();
  return rows.map((r) => ({ code: r.code, targetMinutes: r.target_minutes, calendar: r.calendar }));
}

export async function saveInternalTargets(ctx: AppContext, actor: Actor, targets: Array<{ code: string; targetMinutes: number; calendar: '24x7' | 'business-hours' }>) {
  return ctx.db.transaction().execute(async (trx) => {
    const lines = new Set((await trx.selectFrom('lines').select('code').execute()).map((l) => l.code));
    targets.forEach((t, i) => {
      if (t.code !== 'vendor' && !lines.has(t.code)) throw new AppError('VALIDATION_FAILED', 'The request is invalid; see details', [{ field: `body.targets.${i}.code`, message: 'a line code or "vendor"' }]);
    });
    await trx.deleteFrom('sla_internal_targets').execute();
    if (targets.length) {
      await trx.insertInto('sla_internal_targets').values(targets.map((t) => ({ code: t.code, target_minutes: t.targetMinutes, calendar: t.calendar, updated_at: ctx.clock.now() }))).execute();
    }
    await recordEvent(trx, ctx.jobs, { type: 'sla.internal_targets_updated', actorId: actor.userId, visibility: 'internal', data: { targets } });
    return listInternalTargets(trx);
  });
}

/**
 * After a calendar edit, re-folds the running business-hours clocks it affects (null = every
 * organisation) so their timer jobs move with the hours. Bounded by the affected open requests.
 */
export async function refreshBusinessClocks(exec: Executor, jobs: Pick<JobQueue, 'send'>, organizationId: string | null, now: Date): Promise<number> {
  let q = exec
    .selectFrom('sla_clocks as c')
    .innerJoin('tickets as t', 't.id', 'c.ticket_id')
    .select(['c.ticket_id', 'c.metric', 't.organization_id'])
    .where('c.calendar', '=', 'business-hours')
    .where('c.stopped_at', 'is', null)
    .where('c.state', '!=', 'idle');
  if (organizationId) q = q.where('t.organization_id', '=', organizationId);
  const clocks = await q.orderBy('c.ticket_id').execute();
  const slas = new Map<string, OrgSla>();
  for (const k of clocks) {
    let sla = slas.get(k.organization_id);
    if (!sla) slas.set(k.organization_id, (sla = await loadOrgSla(exec, k.organization_id)));
    const row = await lockClock(exec, k.ticket_id, k.metric);
    if (row) await refreshClock(exec, jobs, row, sla, now);
  }
  return clocks.length;
}
