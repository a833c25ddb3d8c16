import type { AppContext } from '../../shared/context.js';
import type { Executor } from '../../db/executor.js';
import type { KbArticle } from '../../db/schema.js';
import type { Actor } from '../identity/actor.js';
import { assertEditor, assertKbAdmin } from './policy.js';
import { articleNotFound, articleVersionConflict, invalidField, versionNotFound } from './errors.js';
import { articleBySlug, columnsOf, itemIdsOf, stateOf, type ArticleState } from './queries.js';
import type { CreateArticleInput, UpdateArticleInput } from './schemas.js';
import { presentArticle } from './read-articles.js';

const knownErrorFields = ['symptomsEn', 'symptomsRu', 'workaroundEn', 'workaroundRu', 'errorStatus'] as const;

/** Rules every saved state obeys; each failure names the field. */
async function validate(exec: Executor, s: ArticleState, articleId: string | null) {
  for (const l of ['En', 'Ru'] as const) {
    const title = s[`title${l}`];
    const body = s[`body${l}`];
    if (title !== null && body === null) throw invalidField(`body${l}`, `required when title${l} is set`);
    if (body !== null && title === null) throw invalidField(`title${l}`, `required when body${l} is set`);
  }
  if (s.titleEn === null && s.titleRu === null) throw invalidField('titleEn', 'an article needs a title and a body in English or Russian (or both)');
  if (s.kind !== 'known_error') {
    const extra = knownErrorFields.find((f) => s[f] !== null);
    if (extra) throw invalidField(extra, 'only known-error articles have symptoms, a workaround and an error status; clear it or set kind to known_error');
  }
  const dup = await exec.selectFrom('kb_articles').select('id').where('slug', '=', s.slug).executeTakeFirst();
  if (dup && dup.id !== articleId) throw invalidField('slug', 'already used by another article');
  if (s.catalogueItemIds.length > 0) {
    const found = await exec.selectFrom('catalogue_items').select('id').where('id', 'in', s.catalogueItemIds).execute();
    const missing = s.catalogueItemIds.find((id) => !found.some((f) => f.id === id));
    if (missing) throw invalidField('catalogueItemIds', `no catalogue item ${missing}`);
  }
}

async function writeItems(exec: Executor, articleId: string, ids: string[]) {
  await exec.deleteFrom('kb_article_items').where('article_id', '=', articleId).execute();
  if (ids.length > 0) await exec.insertInto('kb_article_items').values(ids.map((id) => ({ article_id: articleId, catalogue_item_id: id }))).execute();
}

async function writeVersion(exec: Executor, articleId: string, version: number, s: ArticleState, authorId: string | null, note: string | null, at: Date) {
  await exec.insertInto('kb_article_versions').values({ article_id: articleId, version, snapshot: JSON.stringify(s), author_id: authorId, note, created_at: at }).execute();
}

const dedupe = (ids: string[]) => [...new Set(ids)].sort();

/** Agents of any line write articles (drafts or published); archiving is for administrators. Version 1 is stored. */
export async function createArticle(ctx: AppContext, actor: Actor, input: CreateArticleInput) {
  assertEditor(actor);
  if (input.status === 'archived') assertKbAdmin(actor);
  const state: ArticleState = {
    slug: input.slug,
    kind: input.kind,
    visibility: input.visibility,
    status: input.status ?? 'published',
    titleEn: input.titleEn ?? null,
    titleRu: input.titleRu ?? null,
    bodyEn: input.bodyEn ?? null,
    bodyRu: input.bodyRu ?? null,
    symptomsEn: input.symptomsEn ?? null,
    symptomsRu: input.symptomsRu ?? null,
    workaroundEn: input.workaroundEn ?? null,
    workaroundRu: input.workaroundRu ?? null,
    errorStatus: input.errorStatus ?? null,
    keywords: input.keywords ?? '',
    catalogueItemIds: dedupe(input.catalogueItemIds ?? []),
  };
  const row = await ctx.db.transaction().execute(async (trx) => {
    await validate(trx, state, null);
    const now = ctx.clock.now();
    const a = await trx
      .insertInto('kb_articles')
      .values({ ...columnsOf(state), version: 1, created_by: actor.userId, updated_by: actor.userId, created_at: now, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeItems(trx, a.id, state.catalogueItemIds);
    await writeVersion(trx, a.id, 1, state, actor.userId, null, now);
    return a;
  });
  return presentArticle(ctx, actor, row);
}

async function saveState(ctx: AppContext, trx: Executor, actor: Actor, a: KbArticle, next: ArticleState, note: string | null): Promise<KbArticle> {
  const before = stateOf(a, await itemIdsOf(trx, a.id));
  if ((next.status === 'archived') !== (before.status === 'archived')) assertKbAdmin(actor);
  await validate(trx, next, a.id);
  if (JSON.stringify(before) === JSON.stringify(next)) return a;
  const now = ctx.clock.now();
  const updated = await trx
    .updateTable('kb_articles')
    .set({ ...columnsOf(next), version: a.version + 1, updated_by: actor.userId, updated_at: now })
    .where('id', '=', a.id)
    .where('version', '=', a.version)
    .returningAll()
    .executeTakeFirst();
  if (!updated) throw articleVersionConflict(a.version + 1);
  if (JSON.stringify(before.catalogueItemIds) !== JSON.stringify(next.catalogueItemIds)) await writeItems(trx, a.id, next.catalogueItemIds);
  await writeVersion(trx, a.id, updated.version, next, actor.userId, note, now);
  return updated;
}

/** Every edit is a new version (author, time, optional note); a stale expected version is a 409. */
export async function updateArticle(ctx: AppContext, actor: Actor, slug: string, input: UpdateArticleInput, expectedVersion: number | undefined) {
  assertEditor(actor);
  const row = await ctx.db.transaction().execute(async (trx) => {
    const a = await articleBySlug(trx, slug, true);
    if (!a) throw articleNotFound();
    const version = expectedVersion ?? input.version;
    if (version !== undefined && version !== a.version) throw articleVersionConflict(a.version);
    const before = stateOf(a, await itemIdsOf(trx, a.id));
    const next: ArticleState = { ...before };
    for (const key of Object.keys(before) as Array<keyof ArticleState>) {
      const v = (input as Record<string, unknown>)[key];
      if (v !== undefined) (next as unknown as Record<string, unknown>)[key] = v;
    }
    next.catalogueItemIds = dedupe(next.catalogueItemIds);
    return saveState(ctx, trx, actor, a, next, input.note ?? null);
  });
  return presentArticle(ctx, actor, row);
}

/** Brings back an old version's content as a new version (history is never rewritten). */
export async function restoreVersion(ctx: AppContext, actor: Actor, slug: string, version: number, expectedVersion: number | undefined) {
  assertEditor(actor);
  const row = await ctx.db.transaction().execute(async (trx) => {
    const a = await articleBySlug(trx, slug, true);
    if (!a) throw articleNotFound();
    if (expectedVersion !== undefined && expectedVersion !== a.version) throw articleVersionConflict(a.version);
    const v = await trx.selectFrom('kb_article_versions').select('snapshot').where('article_id', '=', a.id).where('version', '=', version).executeTakeFirst();
    if (!v) throw versionNotFound();
    const old = v.snapshot as unknown as ArticleState;
    // Restoring content never un-archives (or archives) on its own; status changes stay explicit.
    const next: ArticleState = { ...old, status: old.status === 'archived' || a.status === 'archived' ? a.status : old.status, catalogueItemIds: dedupe(old.catalogueItemIds ?? []) };
    // Catalogue items deleted since then are dropped rather than failing the restore.
    if (next.catalogueItemIds.length > 0) {
      const found = await trx.selectFrom('catalogue_items').select('id').where('id', 'in', next.catalogueItemIds).execute();
      next.catalogueItemIds = next.catalogueItemIds.filter((id) => found.some((f) => f.id === id));
    }
    return saveState(ctx, trx, actor, a, next, `restored version ${version}`);
  });
  return presentArticle(ctx, actor, row);
}

/** Administrators delete an article with its history and feedback (archive keeps them). */
export async function deleteArticle(ctx: AppContext, actor: Actor, slug: string) {
  assertKbAdmin(actor);
  const res = await ctx.db.deleteFrom('kb_articles').where('slug', '=', slug).executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) throw articleNotFound();
}
