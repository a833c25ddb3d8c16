import { sql } from 'kysely';
import type { AppContext } from '../../shared/context.js';
import type { Executor } from '../../db/executor.js';
import type { Actor } from '../identity/actor.js';
import { loadVisibleTicket } from '../tickets/index.js';
import { AppError } from '../../shared/errors.js';
import { seesInternal } from './policy.js';
import { anyWordQuery, detectLanguage, excerptOf, pick } from './queries.js';
import { sessionNotFound } from './errors.js';

/**
 * Ranking weights, tuned on data/knowledge/eval.jsonl with `npm run bench -- kb` (see docs/BENCHMARKS.md).
 * Text relevance is ts_rank over an OR query of the request's words (titles A, keywords/symptoms B, body C);
 * an article linked to the request's catalogue item, or to a sibling item of the same group, gets a bonus.
 * idf > 0 switches to scoring matched words by rarity (measured: no better on the labelled set, slower; kept
 * for larger knowledge bases where common words swamp ts_rank).
 */
export const rankingWeights = { d: 0.02, c: 0.15, b: 0.6, a: 0.6, item: 0.25, group: 0.08, idf: 0 };

export interface SuggestQuery {
  text: string;
  catalogueItemId?: string | null;
  language?: 'en' | 'ru' | null;
  limit: number;
  /** Public, published articles only (customers, vendors, the help centre). */
  publicOnly: boolean;
}

/** Articles ranked for a request's text (and catalogue item); the core of every suggestion surface. */
export async function rankArticles(exec: Executor, q: SuggestQuery, weights = rankingWeights) {
  const words = anyWordQuery(q.text);
  let itemIds: string[] = [];
  let groupIds: string[] = [];
  if (q.catalogueItemId) {
    const item = await exec.selectFrom('catalogue_items').select(['id', 'parent_id']).where('id', '=', q.catalogueItemId).executeTakeFirst();
    if (item) {
      itemIds = [item.id];
      if (item.parent_id) {
        const sibs = await exec.selectFrom('catalogue_items').select('id').where('parent_id', '=', item.parent_id).execute();
        groupIds = [item.parent_id, ...sibs.map((s) => s.id).filter((id) => id !== item.id)];
      }
    }
  }
  if (!words && itemIds.length === 0) return [];
  const tsq = words ? sql`(to_tsquery('russian', ${words}) || to_tsquery('english', ${words}))` : sql`''::tsquery`;
  const linked = (ids: string[]) =>
    ids.length === 0
      ? sql<boolean>`false`
      : sql<boolean>`EXISTS (SELECT 1 FROM kb_article_items i WHERE i.article_id = a.id AND i.catalogue_item_id IN (${sql.join(ids)}))`;
  const w = `{${weights.d},${weights.c},${weights.b},${weights.a}}`;
  const rows = await exec
    .selectFrom('kb_articles as a')
    .selectAll('a')
    .select([
      sql<number>`ts_rank(${w}::float4[], a.search, ${tsq}, 0)`.as('text_score'),
      linked(itemIds).as('item_match'),
      linked(groupIds).as('group_match'),
      // With idf on: the request's lexemes this article contains, with the weights (A–D) they carry in it.
      (weights.idf > 0
        ? sql<Array<{ l: string; w: string[] }> | null>`(SELECT json_agg(json_build_object('l', u.lexeme, 'w', u.weights)) FROM unnest(a.search) u WHERE a.search @@ ${tsq} AND u.lexeme = ANY(ARRAY(SELECT tsvector_to_array(to_tsvector('russian', ${q.text}) || to_tsvector('english', ${q.text})))))`
        : sql<Array<{ l: string; w: string[] }> | null>`NULL::json`
      ).as('matched'),
    ])
    .where('a.status', '=', 'published')
    .$if(q.publicOnly, (b) => b.where('a.visibility', '=', 'public'))
    .where((eb) => eb.or([eb(sql`a.search`, '@@', tsq), eb(linked(itemIds), '=', true)]))
    .execute();
  const lang = q.language ?? detectLanguage(q.text) ?? 'en';
  // Rare words decide: each matched lexeme counts by its inverse document frequency over the published
  // articles (a word in every article says nothing) times the weight of the best place it occurs in.
  let textScore = (r: (typeof rows)[number]) => Number(r.text_score);
  if (weights.idf > 0 && rows.length > 0) {
    const lexemes = [...new Set(rows.flatMap((r) => (r.matched ?? []).map((m) => m.l)))];
    const stats =
      lexemes.length === 0
        ? []
        : await exec
            .selectFrom(sql<{ word: string; ndoc: number }>`ts_stat('SELECT search FROM kb_articles WHERE status = ''published''')`.as('s'))
            .select(['s.word', 's.ndoc'])
            .where('s.word', 'in', lexemes)
            .execute();
    const total = Number((await exec.selectFrom('kb_articles').select(sql<number>`count(*)::int`.as('n')).where('status', '=', 'published').executeTakeFirstOrThrow()).n);
    const df = new Map(stats.map((x) => [x.word, Number(x.ndoc)]));
    const placeWeight: Record<string, number> = { A: weights.a, B: weights.b, C: weights.c, D: weights.d };
    const raw = new Map(
      rows.map((r) => [
        r.id,
        (r.matched ?? []).reduce((sum, m) => {
          const n = df.get(m.l) ?? 1;
          const idf = Math.log(1 + (total - n + 0.5) / (n + 0.5));
          const place = Math.max(...(m.w ?? ['D']).map((x) => placeWeight[x] ?? weights.d));
          return sum + idf * place;
        }, 0),
      ]),
    );
    const top = Math.max(...raw.values(), 1e-9);
    textScore = (r) => (raw.get(r.id) ?? 0) / top;
  }
  return rows
    .map((r) => {
      const score = textScore(r) + (r.item_match ? weights.item : r.group_match ? weights.group : 0);
      const text = pick(r, lang);
      return {
        id: r.id,
        slug: r.slug,
        kind: r.kind,
        visibility: r.visibility,
        title: text.title,
        excerpt: excerptOf(text.body),
        body: text.body,
        language: text.language,
        score: Math.round(score * 10_000) / 10_000,
        catalogueMatch: Boolean(r.item_match),
      };
    })
    .sort((x, y) => y.score - x.score || x.slug.localeCompare(y.slug))
    .slice(0, q.limit);
}

const view = ({ body: _body, ...rest }: Awaited<ReturnType<typeof rankArticles>>[number]) => rest;

/**
 * Suggestions while a customer types a new request. Each draft is a session: views of suggested articles
 * are recorded against it, and creating a request marks it submitted (see onTicketCreated); a session
 * with views and no request counts as deflected.
 */
export async function suggestArticles(ctx: AppContext, actor: Actor, input: { subject: string; description: string; catalogueItemId?: string; sessionId?: string; limit: number }) {
  const text = `${input.subject}\n${input.description}`;
  const items = await rankArticles(ctx.db, { text, catalogueItemId: input.catalogueItemId ?? null, limit: input.limit, publicOnly: !seesInternal(actor), language: detectLanguage(text) ?? actor.locale });
  let sessionId: string | null = null;
  if (actor.kind === 'customer') {
    if (input.sessionId) {
      const s = await ctx.db.selectFrom('kb_suggestion_sessions').select(['id', 'submitted_at']).where('id', '=', input.sessionId).where('user_id', '=', actor.userId).executeTakeFirst();
      if (!s) throw sessionNotFound();
      sessionId = s.id;
    } else if (items.length > 0) {
      sessionId = (
        await ctx.db
          .insertInto('kb_suggestion_sessions')
          .values({ user_id: actor.userId, organization_id: actor.organizationId, started_at: ctx.clock.now() })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    }
  }
  return { sessionId, items: items.map(view) };
}

/** Articles for the agent on the request page: the request's text and catalogue item, internal articles included. */
export async function ticketArticleSuggestions(ctx: AppContext, actor: Actor, key: string, limit: number) {
  if (actor.kind !== 'staff' && actor.kind !== 'integration') throw new AppError('FORBIDDEN', 'Only support staff may do this');
  const t = await loadVisibleTicket(ctx.db, actor, key);
  const org = await ctx.db.selectFrom('organizations').select('language').where('id', '=', t.organization_id).executeTakeFirst();
  const text = `${t.subject}\n${t.description}`;
  const language = detectLanguage(text) ?? org?.language ?? 'en';
  const items = await rankArticles(ctx.db, { text, catalogueItemId: t.catalogue_item_id, limit, publicOnly: false, language });
  return { language, items: items.map(view) };
}
