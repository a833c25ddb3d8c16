import type { Executor } from '../../db/executor.js';
import { parseStoredForm, type FieldDefinition, type RegionOption } from './form-fields.js';

/** Regions and zones a region field accepts (setting catalogue.regions). */
export async function loadRegions(exec: Executor): Promise<RegionOption[]> {
  const row = await exec.selectFrom('settings').select('value').where('key', '=', 'catalogue.regions').executeTakeFirst();
  const list = Array.isArray(row?.value) ? (row.value as unknown[]) : [];
  return list.flatMap((r) => {
    if (!r || typeof r !== 'object') return [];
    const { value, nameEn, nameRu } = r as Record<string, unknown>;
    return typeof value === 'string' ? [{ value, nameEn: typeof nameEn === 'string' ? nameEn : value, nameRu: typeof nameRu === 'string' ? nameRu : value }] : [];
  });
}

export interface FormVersion {
  id: string;
  itemId: string;
  version: number;
  fields: FieldDefinition[];
  comment: string;
  createdAt: Date;
  createdById: string | null;
}

const toVersion = (r: { id: string; catalogue_item_id: string; version: number; fields: unknown; comment: string; created_at: Date; created_by_id: string | null }): FormVersion => ({
  id: r.id,
  itemId: r.catalogue_item_id,
  version: r.version,
  fields: parseStoredForm(r.fields),
  comment: r.comment,
  createdAt: r.created_at,
  createdById: r.created_by_id,
});

export async function loadFormVersion(exec: Executor, formId: string): Promise<FormVersion | undefined> {
  const r = await exec.selectFrom('catalogue_forms').selectAll().where('id', '=', formId).executeTakeFirst();
  return r ? toVersion(r) : undefined;
}

/** The item's current form version, if it has one. */
export async function loadCurrentForm(exec: Executor, itemId: string): Promise<FormVersion | undefined> {
  const r = await exec
    .selectFrom('catalogue_items as i')
    .innerJoin('catalogue_forms as f', 'f.id', 'i.form_id')
    .selectAll('f')
    .where('i.id', '=', itemId)
    .executeTakeFirst();
  return r ? toVersion(r) : undefined;
}

export async function listFormVersions(exec: Executor, itemId: string): Promise<FormVersion[]> {
  const rows = await exec.selectFrom('catalogue_forms').selectAll().where('catalogue_item_id', '=', itemId).orderBy('version', 'desc').execute();
  return rows.map(toVersion);
}

/** Adds a version and makes it current. The caller holds the item row lock (SELECT … FOR UPDATE). */
export async function insertFormVersion(exec: Executor, itemId: string, fields: FieldDefinition[], comment: string, actorId: string | null): Promise<FormVersion> {
  const last = await exec.selectFrom('catalogue_forms').select((eb) => eb.fn.max('version').as('v')).where('catalogue_item_id', '=', itemId).executeTakeFirst();
  const row = await exec
    .insertInto('catalogue_forms')
    .values({ catalogue_item_id: itemId, version: (last?.v ?? 0) + 1, fields: JSON.stringify(fields), comment, created_by_id: actorId })
    .returningAll()
    .executeTakeFirstOrThrow();
  await exec.updateTable('catalogue_items').set({ form_id: row.id }).where('id', '=', itemId).execute();
  return toVersion(row);
}
