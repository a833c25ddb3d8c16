import type { AppContext } from '../../shared/context.js';
import type { Actor } from '../identity/actor.js';
import { loadCurrentForm, loadRegions } from './queries.js';
import { catalogueItemNotFound } from './errors.js';
import { fieldPath } from './form-fields.js';

const fold = (s: string) => s.toLowerCase().replace(/ё/g, 'е');

/**
 * Services whose name (or the name of a level above them) contains every word of the query, in Russian or
 * English, best first: matches in the service's own name rank above matches in its path.
 */
export async function searchCatalogue(ctx: AppContext, _actor: Actor, q: string, limit: number) {
  const rows = await ctx.db
    .selectFrom('catalogue_items')
    .select(['id', 'parent_id', 'code', 'kind', 'name_en', 'name_ru', 'description_en', 'description_ru', 'default_type', 'default_priority'])
    .where('active', '=', true)
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const words = fold(q).split(/\s+/).filter(Boolean);
  const hits = rows
    .filter((r) => r.kind === 'service')
    .flatMap((r) => {
      const path: typeof rows = [];
      let cur: (typeof rows)[number] | undefined = r;
      for (let guard = 0; cur && guard < 10; guard++) {
        path.unshift(cur);
        cur = cur.parent_id ? byId.get(cur.parent_id) : undefined;
      }
      // An item under an inactive level is not offered.
      if (path[0]?.parent_id) return [];
      const own = fold(`${r.name_en} ${r.name_ru} ${r.code} ${r.description_en} ${r.description_ru}`);
      const all = fold(path.map((p) => `${p.name_en} ${p.name_ru} ${p.code}`).join(' ')) + ' ' + own;
      if (!words.every((w) => all.includes(w))) return [];
      const score = words.filter((w) => own.includes(w)).length * 10 + (fold(r.name_en).startsWith(words[0] ?? '') || fold(r.name_ru).startsWith(words[0] ?? '') ? 5 : 0);
      return [{ r, path, score }];
    })
    .sort((a, b) => b.score - a.score || a.r.name_en.localeCompare(b.r.name_en))
    .slice(0, limit);
  return {
    items: hits.map(({ r, path }) => ({
      id: r.id,
      code: r.code,
      nameEn: r.name_en,
      nameRu: r.name_ru,
      pathEn: path.map((p) => p.name_en),
      pathRu: path.map((p) => p.name_ru),
      defaultType: r.default_type,
      defaultPriority: r.default_priority,
    })),
  };
}

/** The current form of an active service, as the portal renders it (with the region list). */
export async function getItemForm(ctx: AppContext, _actor: Actor, itemId: string) {
  const item = await ctx.db.selectFrom('catalogue_items').select(['id', 'code', 'kind', 'active', 'name_en', 'name_ru', 'description_en', 'description_ru']).where('id', '=', itemId).executeTakeFirst();
  if (!item || !item.active) throw catalogueItemNotFound();
  const [form, regions] = await Promise.all([loadCurrentForm(ctx.db, itemId), loadRegions(ctx.db)]);
  return {
    item: { id: item.id, code: item.code, kind: item.kind, nameEn: item.name_en, nameRu: item.name_ru, descriptionEn: item.description_en, descriptionRu: item.description_ru },
    form: form ? { id: form.id, version: form.version } : null,
    fields: (form?.fields ?? []).map((f) => ({ ...f, path: fieldPath(f).replace(/^body\./, '') })),
    regions,
  };
}
