/** Admin use cases for services offered without SLA (beta services): a flag on catalogue items. */
import type { AppContext } from '../../shared/context.js';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Executor } from '../../db/executor.js';
import { AppError } from '../../shared/errors.js';
import type { Actor } from '../identity/actor.js';
import { recordEvent } from '../audit/index.js';

export async function listServices(exec: Executor) {
  const rows = await exec
    .selectFrom('catalogue_items')
    .select(['id', 'code', 'kind', 'parent_id', 'name_en', 'name_ru', 'sla_exempt'])
    .where('active', '=', true)
    .orderBy('sort')
    .orderBy('code')
    .execute();
  return rows.map((r) => ({ id: r.id, code: r.code, kind: r.kind, parentId: r.parent_id, nameEn: r.name_en, nameRu: r.name_ru, slaExempt: r.sla_exempt }));
}

/**
 * Flags a catalogue item (a service, or a group/category and everything below it) as offered without
 * SLA. Applies to requests registered from now on: running clocks of existing requests are left alone,
 * because a customer who was promised a target keeps it.
 */
export async function setServiceExempt(ctx: AppContext, actor: Actor, id: string, slaExempt: boolean) {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx.updateTable('catalogue_items').set({ sla_exempt: slaExempt }).where('id', '=', id).returning(['id']).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', 'No such catalogue item');
    await recordEvent(trx, ctx.jobs, { type: 'sla.service_exemption_updated', actorId: actor.userId, visibility: 'internal', data: { catalogueItemId: id, slaExempt } });
    return (await listServices(trx)).find((s) => s.id === id) ?? null;
  });
}

/** The realistic beta service of the shipped catalogue: GPU virtual machines, offered without SLA. */
export const BETA_SERVICE = {
  code: 'compute.vm.gpu-beta',
  parentCode: 'compute.vm',
  en: 'GPU virtual machines (beta)',
  ru: 'Виртуальные машины с GPU (бета)',
} as const;

/**
 * Adds the shipped beta service once, when the catalogue it belongs under exists. Runs when a process
 * starts its workers (after the reference data is seeded on a fresh install). A settings flag records
 * that it was done, so an administrator who removes or re-flags the item is not overruled.
 */
export async function seedBetaService(db: Kysely<DB>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const done = await trx.selectFrom('settings').select('key').where('key', '=', 'sla.beta_seeded').executeTakeFirst();
    if (done) return;
    const parent = await trx.selectFrom('catalogue_items').select(['id', 'default_line_id', 'default_team_id', 'sort']).where('code', '=', BETA_SERVICE.parentCode).executeTakeFirst();
    if (!parent) return;
    const sibling = await trx.selectFrom('catalogue_items').select(['default_line_id', 'default_team_id']).where('parent_id', '=', parent.id).where('kind', '=', 'service').orderBy('sort').executeTakeFirst();
    await trx
      .insertInto('catalogue_items')
      .values({
        parent_id: parent.id,
        code: BETA_SERVICE.code,
        kind: 'service',
        name_en: BETA_SERVICE.en,
        name_ru: BETA_SERVICE.ru,
        default_type: 'incident',
        default_priority: 'medium',
        default_line_id: sibling?.default_line_id ?? null,
        default_team_id: sibling?.default_team_id ?? null,
        sort: parent.sort,
        sla_exempt: true,
      })
      .onConflict((oc) => oc.column('code').doUpdateSet({ sla_exempt: true }))
      .execute();
    await trx.insertInto('settings').values({ key: 'sla.beta_seeded', value: JSON.stringify(true) }).onConflict((oc) => oc.column('key').doNothing()).execute();
  });
}
