import type { AppContext } from '../../shared/context.js';
import type { Executor } from '../../db/executor.js';
import type { CatalogueItemsTable, Priority, TicketType } from '../../db/schema.js';
import type { Updateable } from 'kysely';
import type { Actor } from '../identity/actor.js';
import { recordEvent, diff } from '../audit/index.js';
import { formDefinition, type FieldDefinition } from './form-fields.js';
import { insertFormVersion, listFormVersions, loadCurrentForm, type FormVersion } from './queries.js';
import { assertCatalogueAdmin } from './policy.js';
import { catalogueItemNotFound, formInvalid, invalidField } from './errors.js';

type Kind = 'service_type' | 'category' | 'group' | 'service';
const parentKind: Record<Kind, Kind | null> = { service_type: null, category: 'service_type', group: 'category', service: 'group' };

export interface ItemInput {
  parentId?: string | null;
  code?: string;
  kind?: Kind;
  nameEn?: string;
  nameRu?: string;
  descriptionEn?: string;
  descriptionRu?: string;
  defaultType?: TicketType | null;
  defaultPriority?: Priority | null;
  defaultLineId?: string | null;
  defaultTeamId?: string | null;
  active?: boolean;
  sort?: number;
}

/** Every item with its current form version (admins; inactive ones too). */
export async function listCatalogueForAdmin(ctx: AppContext, actor: Actor) {
  assertCatalogueAdmin(actor);
  const rows = await ctx.db
    .selectFrom('catalogue_items as i')
    .leftJoin('catalogue_forms as f', 'f.id', 'i.form_id')
    .selectAll('i')
    .select(['f.version as form_version', 'f.fields as form_fields'])
    .orderBy('i.sort')
    .orderBy('i.code')
    .execute();
  return rows.map((r) => ({
    ...presentItem(r),
    formVersion: r.form_version ?? null,
    fieldCount: Array.isArray(r.form_fields) ? r.form_fields.length : 0,
  }));
}

export function presentItem(r: {
  id: string;
  parent_id: string | null;
  code: string;
  kind: Kind;
  name_en: string;
  name_ru: string;
  description_en: string;
  description_ru: string;
  default_type: TicketType | null;
  default_priority: Priority | null;
  default_line_id: string | null;
  default_team_id: string | null;
  escalation_requirements: string[] | null;
  active: boolean;
  sort: number;
}) {
  return {
    id: r.id,
    parentId: r.parent_id,
    code: r.code,
    kind: r.kind,
    nameEn: r.name_en,
    nameRu: r.name_ru,
    descriptionEn: r.description_en,
    descriptionRu: r.description_ru,
    defaultType: r.default_type,
    defaultPriority: r.default_priority,
    defaultLineId: r.default_line_id,
    defaultTeamId: r.default_team_id,
    escalationRequirements: r.escalation_requirements,
    active: r.active,
    sort: r.sort,
  };
}

async function checkPlacement(exec: Executor, kind: Kind, parentId: string | null) {
  const want = parentKind[kind];
  if (want === null) {
    if (parentId) throw invalidField('parentId', 'a service type is a root: it has no parent');
    return;
  }
  if (!parentId) throw invalidField('parentId', `a ${kind} needs a parent ${want}`);
  const p = await exec.selectFrom('catalogue_items').select('kind').where('id', '=', parentId).executeTakeFirst();
  if (!p) throw invalidField('parentId', 'no such catalogue item');
  if (p.kind !== want) throw invalidField('parentId', `the parent of a ${kind} must be a ${want}, not a ${p.kind}`);
}

async function checkRouting(exec: Executor, input: ItemInput) {
  if (input.defaultLineId) {
    const l = await exec.selectFrom('lines').select('id').where('id', '=', input.defaultLineId).executeTakeFirst();
    if (!l) throw invalidField('defaultLineId', 'no such line');
  }
  if (input.defaultTeamId) {
    const tm = await exec.selectFrom('teams').select(['id', 'line_id']).where('id', '=', input.defaultTeamId).executeTakeFirst();
    if (!tm) throw invalidField('defaultTeamId', 'no such team');
  }
}

const columns = (i: ItemInput): Updateable<CatalogueItemsTable> => ({
  ...(i.parentId !== undefined ? { parent_id: i.parentId } : {}),
  ...(i.nameEn !== undefined ? { name_en: i.nameEn } : {}),
  ...(i.nameRu !== undefined ? { name_ru: i.nameRu } : {}),
  ...(i.descriptionEn !== undefined ? { description_en: i.descriptionEn } : {}),
  ...(i.descriptionRu !== undefined ? { description_ru: i.descriptionRu } : {}),
  ...(i.defaultType !== undefined ? { default_type: i.defaultType } : {}),
  ...(i.defaultPriority !== undefined ? { default_priority: i.defaultPriority } : {}),
  ...(i.defaultLineId !== undefined ? { default_line_id: i.defaultLineId } : {}),
  ...(i.defaultTeamId !== undefined ? { default_team_id: i.defaultTeamId } : {}),
  ...(i.active !== undefined ? { active: i.active } : {}),
  ...(i.sort !== undefined ? { sort: i.sort } : {}),
});

export async function createCatalogueItem(ctx: AppContext, actor: Actor, input: ItemInput & { code: string; kind: Kind; nameEn: string; nameRu: string }) {
  assertCatalogueAdmin(actor);
  return ctx.db.transaction().execute(async (trx) => {
    await checkPlacement(trx, input.kind, input.parentId ?? null);
    await checkRouting(trx, input);
    const dup = await trx.selectFrom('catalogue_items').select('id').where('code', '=', input.code).executeTakeFirst();
    if (dup) throw invalidField('code', 'an item with this code exists already');
    const row = await trx
      .insertInto('catalogue_items')
      .values({ code: input.code, kind: input.kind, name_en: input.nameEn, name_ru: input.nameRu, parent_id: input.parentId ?? null, ...columns(input) } as never)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(trx, ctx.jobs, { type: 'catalogue.item_created', actorId: actor.userId, visibility: 'internal', data: { itemId: row.id, code: row.code } });
    return presentItem(row);
  });
}

export async function updateCatalogueItem(ctx: AppContext, actor: Actor, id: string, input: ItemInput) {
  assertCatalogueAdmin(actor);
  return ctx.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('catalogue_items').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) throw catalogueItemNotFound();
    if (input.parentId !== undefined) {
      if (input.parentId === id) throw invalidField('parentId', 'an item cannot be its own parent');
      await checkPlacement(trx, before.kind, input.parentId);
    }
    await checkRouting(trx, input);
    const set = columns(input);
    const row = await trx.updateTable('catalogue_items').set({ ...set, updated_at: ctx.clock.now() }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    const changes = diff(presentItem(before) as unknown as Record<string, unknown>, presentItem(row) as unknown as Record<string, unknown>);
    if (Object.keys(changes).length) {
      const type = changes.active ? (row.active ? 'catalogue.item_activated' : 'catalogue.item_deactivated') : 'catalogue.item_updated';
      await recordEvent(trx, ctx.jobs, { type, actorId: actor.userId, visibility: 'internal', changes, data: { itemId: id, code: row.code } });
    }
    return presentItem(row);
  });
}

/**
 * Saves the item's form as a new version (the old versions stay: requests keep the one they were submitted
 * with). Saving the same fields again creates nothing and returns the current version.
 */
export async function publishForm(ctx: AppContext, actor: Actor, itemId: string, input: { fields: unknown; comment?: string }): Promise<{ created: boolean; form: FormVersion }> {
  assertCatalogueAdmin(actor);
  const parsed = formDefinition.safeParse(input.fields);
  if (!parsed.success) {
    throw formInvalid(parsed.error.issues.map((i) => ({ field: ['body', 'fields', ...i.path.map(String)].join('.'), message: i.message })));
  }
  const fields: FieldDefinition[] = parsed.data;
  return ctx.db.transaction().execute(async (trx) => {
    const item = await trx.selectFrom('catalogue_items').select(['id', 'code', 'kind']).where('id', '=', itemId).forUpdate().executeTakeFirst();
    if (!item) throw catalogueItemNotFound();
    if (item.kind !== 'service') throw invalidField('fields', 'only services (the leaves of the catalogue) carry a form');
    const current = await loadCurrentForm(trx, itemId);
    if (current && JSON.stringify(current.fields) === JSON.stringify(fields)) return { created: false, form: current };
    const form = await insertFormVersion(trx, itemId, fields, input.comment ?? '', actor.userId);
    await recordEvent(trx, ctx.jobs, {
      type: 'catalogue.form_published',
      actorId: actor.userId,
      visibility: 'internal',
      data: { itemId, code: item.code, formId: form.id, version: form.version, fieldNames: fields.map((f) => f.name) },
    });
    return { created: true, form };
  });
}

export async function formHistory(ctx: AppContext, actor: Actor, itemId: string) {
  assertCatalogueAdmin(actor);
  const item = await ctx.db.selectFrom('catalogue_items').select(['id', 'form_id']).where('id', '=', itemId).executeTakeFirst();
  if (!item) throw catalogueItemNotFound();
  const [versions, events] = await Promise.all([
    listFormVersions(ctx.db, itemId),
    ctx.db
      .selectFrom('events as e')
      .leftJoin('users as u', 'u.id', 'e.actor_id')
      .select(['e.id', 'e.type', 'e.changes', 'e.data', 'e.created_at', 'u.name as actor_name'])
      .where('e.type', 'like', 'catalogue.%')
      .where('e.ticket_id', 'is', null)
      .where((eb) => eb(eb.ref('e.data', '->>').key('itemId' as never), '=', itemId))
      .orderBy('e.id', 'desc')
      .limit(200)
      .execute(),
  ]);
  const names = new Map<string, string>();
  for (const v of versions) if (v.createdById && !names.has(v.createdById)) names.set(v.createdById, '');
  const users = names.size ? await ctx.db.selectFrom('users').select(['id', 'name']).where('id', 'in', [...names.keys()]).execute() : [];
  return {
    currentFormId: item.form_id,
    versions: versions.map((v) => ({ ...v, createdBy: users.find((u) => u.id === v.createdById)?.name ?? null })),
    events: events.map((e) => ({ id: Number(e.id), type: e.type, changes: e.changes, data: e.data, at: e.created_at, actorName: e.actor_name })),
  };
}
