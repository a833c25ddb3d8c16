import { sql } from 'kysely';
import type { AppContext } from '../../shared/context.js';
import type { KbArticle } from '../../db/schema.js';
import type { Actor } from '../identity/actor.js';
import { canRead, seesInternal } from './policy.js';
import { articleNotFound, versionNotFound } from './errors.js';
import { articleBySlug, excerptOf, feedbackCounts, pick } from './queries.js';
import type { ListArticlesQuery } from './schemas.js';

const lang = (actor: Actor | null, fallback: 'en' | 'ru' = 'en') => actor?.locale ?? fallback;

function summary(a: KbArticle, actor: Actor | null, counts?: { helpful: number; notHelpful: number }) {
  return {
    id: a.id,
    slug: a.slug,
    kind: a.kind,
    visibility: a.visibility,
    status: a.status,
    titleEn: a.title_en,
    titleRu: a.title_ru,
    excerpt: excerptOf(pick(a, lang(actor)).body),
    errorStatus: a.error_status,
    version: a.version,
    updatedAt: a.updated_at.toISOString(),
    ...(seesInternal(actor) ? { feedback: counts ?? { helpful: 0, notHelpful: 0 } } : {}),
  };
}

/**
 * The article list and search (Russian and English morphology). Readers outside support see published
 * public articles only; staff see drafts too, and archived ones on request.
 */
export async function listArticles(ctx: AppContext, actor: Actor | null, input: ListArticlesQuery) {
  const staff = seesInternal(actor);
  let q = ctx.db.selectFrom('kb_articles').selectAll('kb_articles');
  if (!staff) q = q.where('visibility', '=', 'public').where('status', '=', 'published');
  else {
    if (input.visibility) q = q.where('visibility', '=', input.visibility);
    if (input.status === undefined) q = q.where('status', '!=', 'archived');
    else if (input.status !== 'all') q = q.where('status', '=', input.status);
  }
  if (input.kind) q = q.where('kind', '=', input.kind);
  if (input.catalogueItemId) {
    const item = input.catalogueItemId;
    q = q.where((eb) => eb.exists(eb.selectFrom('kb_article_items as i').select('i.article_id').whereRef('i.article_id', '=', 'kb_articles.id').where('i.catalogue_item_id', '=', item)));
  }
  const text = input.q?.trim();
  let rows: KbArticle[];
  if (text) {
    const tsq = sql`(websearch_to_tsquery('russian', ${text}) || websearch_to_tsquery('english', ${text}))`;
    const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    rows = await q
      .where((eb) => eb.or([eb(sql`kb_articles.search`, '@@', tsq), eb('slug', 'ilike', like), eb('title_en', 'ilike', like), eb('title_ru', 'ilike', like)]))
      .orderBy(sql`ts_rank_cd(kb_articles.search, ${tsq}) + CASE WHEN title_en ILIKE ${like} OR title_ru ILIKE ${like} THEN 1 ELSE 0 END`, 'desc')
      .orderBy('updated_at', 'desc')
      .limit(input.limit)
      .offset(input.offset)
      .execute();
  } else {
    rows = await q.orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(input.limit).offset(input.offset).execute();
  }
  const counts = staff ? await feedbackCounts(ctx.db, rows.map((r) => r.id)) : undefined;
  return { items: rows.map((r) => summary(r, actor, counts?.get(r.id))) };
}

export async function presentArticle(ctx: AppContext, actor: Actor | null, a: KbArticle) {
  const staff = seesInternal(actor);
  const items = await ctx.db
    .selectFrom('kb_article_items as i')
    .innerJoin('catalogue_items as c', 'c.id', 'i.catalogue_item_id')
    .select(['c.id', 'c.code', 'c.name_en', 'c.name_ru'])
    .where('i.article_id', '=', a.id)
    .orderBy('c.code')
    .execute();
  const counts = staff ? (await feedbackCounts(ctx.db, [a.id])).get(a.id) : undefined;
  const mine = actor
    ? await ctx.db.selectFrom('kb_feedback').select(['helpful', 'comment']).where('article_id', '=', a.id).where('user_id', '=', actor.userId).executeTakeFirst()
    : undefined;
  const editor = staff && a.updated_by ? await ctx.db.selectFrom('users').select(['id', 'name']).where('id', '=', a.updated_by).executeTakeFirst() : undefined;
  const { excerpt: _excerpt, ...base } = summary(a, actor, counts);
  return {
    ...base,
    bodyEn: a.body_en,
    bodyRu: a.body_ru,
    symptomsEn: a.symptoms_en,
    symptomsRu: a.symptoms_ru,
    workaroundEn: a.workaround_en,
    workaroundRu: a.workaround_ru,
    ...(staff ? { keywords: a.keywords, updatedBy: editor ? { id: editor.id, name: editor.name } : null } : {}),
    catalogueItems: items.map((i) => ({ id: i.id, code: i.code, nameEn: i.name_en, nameRu: i.name_ru })),
    createdAt: a.created_at.toISOString(),
    myFeedback: mine ? { helpful: mine.helpful, comment: mine.comment } : null,
  };
}

/** One article by slug; one the reader may not see is reported as missing. */
export async function getArticle(ctx: AppContext, actor: Actor | null, slug: string) {
  const a = await articleBySlug(ctx.db, slug);
  if (!a || !canRead(actor, a)) throw articleNotFound();
  return presentArticle(ctx, actor, a);
}

/** The article's history, newest first (staff). */
export async function listVersions(ctx: AppContext, slug: string) {
  const a = await articleBySlug(ctx.db, slug);
  if (!a) throw articleNotFound();
  const rows = await ctx.db
    .selectFrom('kb_article_versions as v')
    .leftJoin('users as u', 'u.id', 'v.author_id')
    .select(['v.version', 'v.note', 'v.created_at', 'v.author_id', 'u.name as author_name', 'v.snapshot'])
    .where('v.article_id', '=', a.id)
    .orderBy('v.version', 'desc')
    .execute();
  return {
    current: a.version,
    items: rows.map((r) => {
      const s = r.snapshot as { titleEn?: string | null; titleRu?: string | null; status?: string };
      return {
        version: r.version,
        note: r.note,
        createdAt: r.created_at.toISOString(),
        author: r.author_id ? { id: r.author_id, name: r.author_name ?? '' } : null,
        titleEn: s.titleEn ?? null,
        titleRu: s.titleRu ?? null,
        status: s.status ?? 'published',
      };
    }),
  };
}

export async function getVersion(ctx: AppContext, slug: string, version: number) {
  const a = await articleBySlug(ctx.db, slug);
  if (!a) throw articleNotFound();
  const v = await ctx.db
    .selectFrom('kb_article_versions as v')
    .leftJoin('users as u', 'u.id', 'v.author_id')
    .select(['v.version', 'v.note', 'v.created_at', 'v.author_id', 'u.name as author_name', 'v.snapshot'])
    .where('v.article_id', '=', a.id)
    .where('v.version', '=', version)
    .executeTakeFirst();
  if (!v) throw versionNotFound();
  return { version: v.version, note: v.note, createdAt: v.created_at.toISOString(), author: v.author_id ? { id: v.author_id, name: v.author_name ?? '' } : null, state: v.snapshot };
}
