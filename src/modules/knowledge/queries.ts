import { sql } from 'kysely';
import type { Executor } from '../../db/executor.js';
import type { KbArticle } from '../../db/schema.js';

/** The editable state of an article: what a version stores and a restore brings back. */
export interface ArticleState {
  slug: string;
  kind: KbArticle['kind'];
  visibility: KbArticle['visibility'];
  status: KbArticle['status'];
  titleEn: string | null;
  titleRu: string | null;
  bodyEn: string | null;
  bodyRu: string | null;
  symptomsEn: string | null;
  symptomsRu: string | null;
  workaroundEn: string | null;
  workaroundRu: string | null;
  errorStatus: KbArticle['error_status'];
  keywords: string;
  catalogueItemIds: string[];
}

export const stateOf = (a: KbArticle, catalogueItemIds: string[]): ArticleState => ({
  slug: a.slug,
  kind: a.kind,
  visibility: a.visibility,
  status: a.status,
  titleEn: a.title_en,
  titleRu: a.title_ru,
  bodyEn: a.body_en,
  bodyRu: a.body_ru,
  symptomsEn: a.symptoms_en,
  symptomsRu: a.symptoms_ru,
  workaroundEn: a.workaround_en,
  workaroundRu: a.workaround_ru,
  errorStatus: a.error_status,
  keywords: a.keywords,
  catalogueItemIds,
});

export const columnsOf = (s: ArticleState) => ({
  slug: s.slug,
  kind: s.kind,
  visibility: s.visibility,
  status: s.status,
  title_en: s.titleEn,
  title_ru: s.titleRu,
  body_en: s.bodyEn,
  body_ru: s.bodyRu,
  symptoms_en: s.symptomsEn,
  symptoms_ru: s.symptomsRu,
  workaround_en: s.workaroundEn,
  workaround_ru: s.workaroundRu,
  error_status: s.errorStatus,
  keywords: s.keywords,
});

export async function articleBySlug(exec: Executor, slug: string, forUpdate = false): Promise<KbArticle | undefined> {
  let q = exec.selectFrom('kb_articles').selectAll().where('slug', '=', slug);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function itemIdsOf(exec: Executor, articleId: string): Promise<string[]> {
  const rows = await exec.selectFrom('kb_article_items').select('catalogue_item_id').where('article_id', '=', articleId).orderBy('catalogue_item_id').execute();
  return rows.map((r) => r.catalogue_item_id);
}

export async function feedbackCounts(exec: Executor, articleIds: string[]): Promise<Map<string, { helpful: number; notHelpful: number }>> {
  const out = new Map<string, { helpful: number; notHelpful: number }>();
  if (articleIds.length === 0) return out;
  const rows = await exec
    .selectFrom('kb_feedback')
    .select(['article_id', sql<number>`count(*) FILTER (WHERE helpful)::int`.as('yes'), sql<number>`count(*) FILTER (WHERE NOT helpful)::int`.as('no')])
    .where('article_id', 'in', articleIds)
    .groupBy('article_id')
    .execute();
  for (const r of rows) out.set(r.article_id, { helpful: Number(r.yes), notHelpful: Number(r.no) });
  return out;
}

/** Words of a free text as an OR query for both morphologies: a long description must not need every word to match. */
export function anyWordQuery(text: string, maxWords = 80): string | null {
  const words = new Set<string>();
  for (const m of text.toLowerCase().matchAll(/[\p{L}\p{N}]+/gu)) {
    const w = m[0];
    if (w.length < 2 || w.length > 40) continue;
    words.add(w);
    if (words.size >= maxWords) break;
  }
  return words.size === 0 ? null : [...words].join(' | ');
}

/** Russian when Cyrillic letters outnumber Latin ones, English otherwise; null for text without letters. */
export function detectLanguage(text: string): 'ru' | 'en' | null {
  const cyr = (text.match(/\p{Script=Cyrillic}/gu) ?? []).length;
  const lat = (text.match(/[a-z]/gi) ?? []).length;
  if (cyr === 0 && lat === 0) return null;
  return cyr >= lat ? 'ru' : 'en';
}

/** The article's text in the wanted language, or the other one when it is missing. */
export function pick(a: Pick<KbArticle, 'title_en' | 'title_ru' | 'body_en' | 'body_ru'>, lang: 'en' | 'ru') {
  const has = (l: 'en' | 'ru') => (l === 'en' ? a.title_en : a.title_ru) !== null;
  const language = has(lang) ? lang : lang === 'en' ? 'ru' : 'en';
  return {
    language,
    title: (language === 'en' ? a.title_en : a.title_ru) ?? '',
    body: (language === 'en' ? a.body_en : a.body_ru) ?? '',
  } as const;
}

export const excerptOf = (body: string, max = 240) => {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
};
