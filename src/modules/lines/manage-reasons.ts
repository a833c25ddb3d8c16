import type { AppContext } from '../../shared/context.js';
import type { Actor } from '../identity/actor.js';
import { assertAdmin, assertStaffActor } from './policy.js';
import { invalidField, reasonNotFound } from './errors.js';
import { requirementKeys } from './requirements.js';

export interface ReasonInput {
  code?: string;
  nameEn?: string;
  nameRu?: string;
  active?: boolean;
  sort?: number;
}

export async function listReasons(ctx: AppContext, actor: Actor, includeInactive: boolean) {
  assertStaffActor(actor);
  let q = ctx.db.selectFrom('escalation_reasons').selectAll().orderBy('sort').orderBy('code');
  if (!includeInactive) q = q.where('active', '=', true);
  const rows = await q.execute();
  return { items: rows.map((r) => ({ id: r.id, code: r.code, nameEn: r.name_en, nameRu: r.name_ru, active: r.active, sort: r.sort })) };
}

/** Creates (id null) or edits a reason; reasons are retired with active=false, never deleted (history refers to them). */
export async function saveReason(ctx: AppContext, actor: Actor, id: string | null, input: ReasonInput) {
  assertAdmin(actor);
  return ctx.db.transaction().execute(async (trx) => {
    if (input.code) {
      const dup = await trx.selectFrom('escalation_reasons').select('id').where('code', '=', input.code).executeTakeFirst();
      if (dup && dup.id !== id) throw invalidField('code', 'already used');
    }
    const set = {
      ...(input.code !== undefined ? { code: input.code } : {}),
      ...(input.nameEn !== undefined ? { name_en: input.nameEn } : {}),
      ...(input.nameRu !== undefined ? { name_ru: input.nameRu } : {}),
      ...(input.active !== undefined ? { active: input.active } : {}),
      ...(input.sort !== undefined ? { sort: input.sort } : {}),
      updated_at: ctx.clock.now(),
    };
    if (id === null) {
      if (!input.code || !input.nameEn || !input.nameRu) throw invalidField('code', 'code, nameEn and nameRu are required');
      return (await trx.insertInto('escalation_reasons').values({ ...set, code: input.code, name_en: input.nameEn, name_ru: input.nameRu }).returning('id').executeTakeFirstOrThrow()).id;
    }
    const row = await trx.updateTable('escalation_reasons').set(set).where('id', '=', id).returning('id').executeTakeFirst();
    if (!row) throw reasonNotFound();
    return row.id;
  });
}

/** What L1 must collect before escalating requests of a catalogue item (null restores the seeded default). */
export async function setEscalationRequirements(ctx: AppContext, actor: Actor, catalogueItemId: string, requirements: Array<(typeof requirementKeys)[number]> | null) {
  assertAdmin(actor);
  const row = await ctx.db
    .updateTable('catalogue_items')
    .set({ escalation_requirements: requirements ? requirementKeys.filter((k) => requirements.includes(k)) : null })
    .where('id', '=', catalogueItemId)
    .returning(['id', 'code', 'escalation_requirements'])
    .executeTakeFirst();
  if (!row) throw invalidField('catalogueItemId', 'no such catalogue item');
  return row;
}
