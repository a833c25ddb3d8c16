import type { z } from 'zod';
import type { AppContext } from '../../shared/context.js';
import type { Executor } from '../../db/executor.js';
import { AppError } from '../../shared/errors.js';
import type { Actor } from '../identity/actor.js';
import { recordEvent } from '../audit/index.js';
import type { organizationInput, organizationPatch } from './schemas.js';

async function planId(exec: Executor, code: string | undefined): Promise<string | null | undefined> {
  if (code === undefined) return undefined;
  const p = await exec.selectFrom('support_plans').select('id').where('code', '=', code).executeTakeFirst();
  if (!p) throw new AppError('VALIDATION_FAILED', 'Unknown support plan', [{ field: 'body.supportPlanCode', message: 'no such plan' }]);
  return p.id;
}

async function assertProjectsFree(exec: Executor, projectIds: string[], orgId?: string) {
  if (projectIds.length === 0) return;
  const taken = await exec.selectFrom('organization_projects').select(['project_id', 'organization_id']).where('project_id', 'in', projectIds).execute();
  const conflicts = taken.filter((t) => t.organization_id !== orgId).map((t) => t.project_id);
  if (conflicts.length) throw new AppError('CONFLICT', 'Some projects belong to another organisation', { projectIds: conflicts });
}

export async function createOrganization(ctx: AppContext, actor: Actor, input: z.infer<typeof organizationInput>) {
  return ctx.db.transaction().execute(async (trx) => {
    await assertProjectsFree(trx, input.projectIds);
    const org = await trx
      .insertInto('organizations')
      .values({ name: input.name, support_plan_id: (await planId(trx, input.supportPlanCode)) ?? null, language: input.language, time_zone: input.timeZone })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (input.projectIds.length) {
      await trx.insertInto('organization_projects').values(input.projectIds.map((p) => ({ project_id: p, organization_id: org.id }))).execute();
    }
    await recordEvent(trx, ctx.jobs, { type: 'organization.created', organizationId: org.id, actorId: actor.userId, visibility: 'internal', data: { name: input.name } });
    return org.id;
  });
}

export async function updateOrganization(ctx: AppContext, actor: Actor, id: string, input: z.infer<typeof organizationPatch>) {
  return ctx.db.transaction().execute(async (trx) => {
    const plan = await planId(trx, input.supportPlanCode);
    const res = await trx
      .updateTable('organizations')
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(plan !== undefined ? { support_plan_id: plan } : {}),
        ...(input.language !== undefined ? { language: input.language } : {}),
        ...(input.timeZone !== undefined ? { time_zone: input.timeZone } : {}),
      })
      .where('id', '=', id)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw new AppError('ORGANIZATION_NOT_FOUND', 'Organisation not found');
    await recordEvent(trx, ctx.jobs, { type: 'organization.updated', organizationId: id, actorId: actor.userId, visibility: 'internal', data: { ...input } });
  });
}

export async function setProjects(ctx: AppContext, actor: Actor, id: string, projectIds: string[]) {
  return ctx.db.transaction().execute(async (trx) => {
    const org = await trx.selectFrom('organizations').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
    if (!org) throw new AppError('ORGANIZATION_NOT_FOUND', 'Organisation not found');
    await assertProjectsFree(trx, projectIds, id);
    await trx.deleteFrom('organization_projects').where('organization_id', '=', id).execute();
    if (projectIds.length) await trx.insertInto('organization_projects').values(projectIds.map((p) => ({ project_id: p, organization_id: id }))).execute();
    await recordEvent(trx, ctx.jobs, { type: 'organization.projects_changed', organizationId: id, actorId: actor.userId, visibility: 'internal', data: { projectIds } });
  });
}

export async function listOrganizations(exec: Executor, filter: { id?: string } = {}) {
  let q = exec
    .selectFrom('organizations as o')
    .leftJoin('support_plans as p', 'p.id', 'o.support_plan_id')
    .select(['o.id', 'o.name', 'o.language', 'o.time_zone', 'o.created_at', 'p.code as plan_code', 'p.name_en as plan_name'])
    .orderBy('o.name');
  if (filter.id) q = q.where('o.id', '=', filter.id);
  const rows = await q.execute();
  const projects = rows.length
    ? await exec.selectFrom('organization_projects').select(['project_id', 'organization_id']).where('organization_id', 'in', rows.map((r) => r.id)).execute()
    : [];
  return rows.map((o) => ({
    id: o.id,
    name: o.name,
    supportPlan: o.plan_code ? { code: o.plan_code, name: o.plan_name ?? o.plan_code } : null,
    language: o.language,
    timeZone: o.time_zone,
    projectIds: projects.filter((p) => p.organization_id === o.id).map((p) => p.project_id),
    createdAt: o.created_at,
  }));
}
