import type { AppContext } from '../../shared/context.js';
import type { Executor } from '../../db/executor.js';
import type { Macro } from '../../db/schema.js';
import type { Actor } from '../identity/actor.js';
import { assertMacroAdmin, mayUse } from './policy.js';
import { invalidField, macroNotFound } from './errors.js';
import { assertTemplate } from './render.js';
import type { CreateMacroInput, MacroActions, UpdateMacroInput } from './schemas.js';
import { AppError } from '../../shared/errors.js';

export const presentMacro = (m: Macro) => ({
  id: m.id,
  name: m.name,
  description: m.description,
  lineId: m.line_id,
  teamId: m.team_id,
  actions: m.actions as unknown as Record<string, unknown>,
  active: m.active,
  updatedAt: m.updated_at.toISOString(),
});

/** Macros the agent may use (all of them, inactive too with `all`, for managers and admins). */
export async function listMacros(ctx: AppContext, actor: Actor, all: boolean) {
  if (actor.kind !== 'staff') throw new AppError('FORBIDDEN', 'Only support staff may do this');
  const rows = await ctx.db.selectFrom('macros').selectAll().orderBy('name').execute();
  return { items: rows.filter((m) => (all && actor.staffRole !== 'agent') || (m.active && mayUse(actor, m))).map(presentMacro) };
}

async function validate(exec: Executor, name: string, lineId: string | null, teamId: string | null, actions: MacroActions, id: string | null) {
  if (lineId && teamId) throw invalidField('teamId', 'a macro belongs to one line or one team, not both');
  if (lineId && !(await exec.selectFrom('lines').select('id').where('id', '=', lineId).executeTakeFirst())) throw invalidField('lineId', 'does not exist');
  if (teamId && !(await exec.selectFrom('teams').select('id').where('id', '=', teamId).executeTakeFirst())) throw invalidField('teamId', 'does not exist');
  const target = actions.set?.teamId;
  if (target && !(await exec.selectFrom('teams').select('id').where('id', '=', target).executeTakeFirst())) throw invalidField('actions.set.teamId', 'does not exist');
  if (actions.message) assertTemplate(actions.message.body, 'actions.message.body');
  const dups = await exec.selectFrom('macros').select(['id', 'name', 'line_id', 'team_id']).execute();
  const clash = dups.find((d) => d.id !== id && d.name.toLowerCase() === name.toLowerCase() && (d.line_id ?? d.team_id) === (lineId ?? teamId));
  if (clash) throw invalidField('name', 'another macro of the same scope has this name');
}

export async function createMacro(ctx: AppContext, actor: Actor, input: CreateMacroInput) {
  assertMacroAdmin(actor);
  return ctx.db.transaction().execute(async (trx) => {
    await validate(trx, input.name, input.lineId ?? null, input.teamId ?? null, input.actions, null);
    const now = ctx.clock.now();
    const row = await trx
      .insertInto('macros')
      .values({
        name: input.name,
        description: input.description ?? '',
        line_id: input.lineId ?? null,
        team_id: input.teamId ?? null,
        actions: JSON.stringify(input.actions),
        active: input.active ?? true,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return presentMacro(row);
  });
}

export async function updateMacro(ctx: AppContext, actor: Actor, id: string, input: UpdateMacroInput) {
  assertMacroAdmin(actor);
  return ctx.db.transaction().execute(async (trx) => {
    const m = await trx.selectFrom('macros').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!m) throw macroNotFound();
    const next = {
      name: input.name ?? m.name,
      lineId: input.lineId !== undefined ? input.lineId : m.line_id,
      teamId: input.teamId !== undefined ? input.teamId : m.team_id,
      actions: input.actions ?? (m.actions as unknown as MacroActions),
    };
    await validate(trx, next.name, next.lineId, next.teamId, next.actions, id);
    const row = await trx
      .updateTable('macros')
      .set({
        name: next.name,
        line_id: next.lineId,
        team_id: next.teamId,
        actions: JSON.stringify(next.actions),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
        updated_at: ctx.clock.now(),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return presentMacro(row);
  });
}

export async function deleteMacro(ctx: AppContext, actor: Actor, id: string) {
  assertMacroAdmin(actor);
  const res = await ctx.db.deleteFrom('macros').where('id', '=', id).executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) throw macroNotFound();
}
