import type { AppContext } from '../../shared/context.js';
import type { Executor } from '../../db/executor.js';
import type { Actor } from '../identity/actor.js';
import { assertAdmin, assertStaffActor } from './policy.js';
import { invalidField, lineNotFound, teamNotFound } from './errors.js';

export interface TeamInput {
  lineId?: string;
  code?: string;
  nameEn?: string;
  nameRu?: string;
  confidential?: boolean;
  autoAssign?: boolean;
  defaultCapacity?: number;
  active?: boolean;
  /** Catalogue item codes the team covers (replaces the list). */
  skills?: string[];
}

async function itemIds(exec: Executor, codes: string[], field: string): Promise<string[]> {
  if (codes.length === 0) return [];
  const rows = await exec.selectFrom('catalogue_items').select(['id', 'code']).where('code', 'in', codes).execute();
  const unknown = codes.filter((c) => !rows.some((r) => r.code === c));
  if (unknown.length) throw invalidField(field, `unknown catalogue codes: ${unknown.join(', ')}`);
  return rows.map((r) => r.id);
}

/** Teams with members (lead, capacity) and skills. */
export async function listTeams(ctx: AppContext, actor: Actor) {
  assertStaffActor(actor);
  const [teams, members, skills, agentSkills] = await Promise.all([
    ctx.db.selectFrom('teams as t').innerJoin('lines as l', 'l.id', 't.line_id').selectAll('t').select('l.code as line_code').orderBy('l.level').orderBy('t.code').execute(),
    ctx.db
      .selectFrom('team_members as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .leftJoin('agent_profiles as p', 'p.user_id', 'm.user_id')
      .select(['m.team_id', 'm.user_id', 'm.is_lead', 'u.name', 'p.capacity'])
      .orderBy('u.name')
      .execute(),
    ctx.db.selectFrom('team_skills as s').innerJoin('catalogue_items as c', 'c.id', 's.catalogue_item_id').select(['s.team_id', 'c.code']).orderBy('c.code').execute(),
    ctx.db.selectFrom('agent_skills as s').innerJoin('catalogue_items as c', 'c.id', 's.catalogue_item_id').select(['s.user_id', 'c.code']).orderBy('c.code').execute(),
  ]);
  const skillsOf = new Map<string, string[]>();
  for (const s of agentSkills) skillsOf.set(s.user_id, [...(skillsOf.get(s.user_id) ?? []), s.code]);
  return {
    items: teams.map((t) => ({
      id: t.id,
      lineId: t.line_id,
      lineCode: t.line_code,
      code: t.code,
      nameEn: t.name_en,
      nameRu: t.name_ru,
      confidential: t.confidential,
      autoAssign: t.auto_assign,
      defaultCapacity: t.default_capacity,
      active: t.active,
      skills: skills.filter((s) => s.team_id === t.id).map((s) => s.code),
      members: members.filter((m) => m.team_id === t.id).map((m) => ({
        userId: m.user_id,
        name: m.name,
        isLead: m.is_lead,
        capacity: m.capacity ?? t.default_capacity,
        /** The agent's own capacity; null when the team default applies. */
        capacityOverride: m.capacity,
        /** Personal skills (catalogue codes); empty = whatever the team covers. */
        skills: skillsOf.get(m.user_id) ?? [],
      })),
    })),
  };
}

export async function createTeam(ctx: AppContext, actor: Actor, input: Required<Pick<TeamInput, 'lineId' | 'code' | 'nameEn' | 'nameRu'>> & TeamInput) {
  assertAdmin(actor);
  return ctx.db.transaction().execute(async (trx) => {
    const line = await trx.selectFrom('lines').select('id').where('id', '=', input.lineId).executeTakeFirst();
    if (!line) throw invalidField('lineId', 'no such line');
    const dup = await trx.selectFrom('teams').select('id').where('code', '=', input.code).executeTakeFirst();
    if (dup) throw invalidField('code', 'already used');
    const skillIds = await itemIds(trx, input.skills ?? [], 'skills');
    const team = await trx
      .insertInto('teams')
      .values({
        line_id: input.lineId,
        code: input.code,
        name_en: input.nameEn,
        name_ru: input.nameRu,
        confidential: input.confidential ?? false,
        auto_assign: input.autoAssign ?? false,
        default_capacity: input.defaultCapacity ?? 10,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (skillIds.length) await trx.insertInto('team_skills').values(skillIds.map((id) => ({ team_id: team.id, catalogue_item_id: id }))).execute();
    return team.id;
  });
}

export async function updateTeam(ctx: AppContext, actor: Actor, teamId: string, input: TeamInput) {
  assertAdmin(actor);
  return ctx.db.transaction().execute(async (trx) => {
    const team = await trx.selectFrom('teams').select('id').where('id', '=', teamId).forUpdate().executeTakeFirst();
    if (!team) throw teamNotFound();
    if (input.lineId && !(await trx.selectFrom('lines').select('id').where('id', '=', input.lineId).executeTakeFirst())) throw lineNotFound();
    const set = {
      ...(input.lineId !== undefined ? { line_id: input.lineId } : {}),
      ...(input.nameEn !== undefined ? { name_en: input.nameEn } : {}),
      ...(input.nameRu !== undefined ? { name_ru: input.nameRu } : {}),
      ...(input.confidential !== undefined ? { confidential: input.confidential } : {}),
      ...(input.autoAssign !== undefined ? { auto_assign: input.autoAssign } : {}),
      ...(input.defaultCapacity !== undefined ? { default_capacity: input.defaultCapacity } : {}),
      ...(input.active !== undefined ? { active: input.active } : {}),
    };
    if (Object.keys(set).length) await trx.updateTable('teams').set(set).where('id', '=', teamId).execute();
    if (input.skills) {
      const ids = await itemIds(trx, input.skills, 'skills');
      await trx.deleteFrom('team_skills').where('team_id', '=', teamId).execute();
      if (ids.length) await trx.insertInto('team_skills').values(ids.map((id) => ({ team_id: teamId, catalogue_item_id: id }))).execute();
    }
    return teamId;
  });
}

/** Adds (or updates) a member; membership of the team's line comes with it. */
export async function putTeamMember(ctx: AppContext, actor: Actor, teamId: string, userId: string, input: { isLead?: boolean }) {
  assertAdmin(actor);
  return ctx.db.transaction().execute(async (trx) => {
    const team = await trx.selectFrom('teams').select(['id', 'line_id']).where('id', '=', teamId).executeTakeFirst();
    if (!team) throw teamNotFound();
    const user = await trx.selectFrom('users').select('id').where('id', '=', userId).where('kind', '=', 'staff').executeTakeFirst();
    if (!user) throw invalidField('userId', 'not a staff member');
    await trx
      .insertInto('team_members')
      .values({ team_id: teamId, user_id: userId, is_lead: input.isLead ?? false })
      .onConflict((oc) => oc.columns(['team_id', 'user_id']).doUpdateSet({ is_lead: input.isLead ?? false }))
      .execute();
    await trx.insertInto('line_members').values({ line_id: team.line_id, user_id: userId }).onConflict((oc) => oc.doNothing()).execute();
  });
}

export async function removeTeamMember(ctx: AppContext, actor: Actor, teamId: string, userId: string) {
  assertAdmin(actor);
  await ctx.db.deleteFrom('team_members').where('team_id', '=', teamId).where('user_id', '=', userId).execute();
}

/** Per-agent capacity (null = the team's default) and personal skills (catalogue codes; empty = whatever the team covers). */
export async function updateAgent(ctx: AppContext, actor: Actor, userId: string, input: { capacity?: number | null; skills?: string[] }) {
  assertAdmin(actor);
  return ctx.db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('users').select('id').where('id', '=', userId).where('kind', '=', 'staff').executeTakeFirst();
    if (!user) throw invalidField('userId', 'not a staff member');
    if (input.capacity !== undefined) {
      await trx
        .insertInto('agent_profiles')
        .values({ user_id: userId, capacity: input.capacity })
        .onConflict((oc) => oc.column('user_id').doUpdateSet({ capacity: input.capacity }))
        .execute();
    }
    if (input.skills) {
      const ids = await itemIds(trx, input.skills, 'skills');
      await trx.deleteFrom('agent_skills').where('user_id', '=', userId).execute();
      if (ids.length) await trx.insertInto('agent_skills').values(ids.map((id) => ({ user_id: userId, catalogue_item_id: id }))).execute();
    }
  });
}
