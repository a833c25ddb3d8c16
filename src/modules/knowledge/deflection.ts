import { sql } from 'kysely';
import type { AppContext } from '../../shared/context.js';
import type { EventSubscriber } from '../audit/index.js';
import type { Actor } from '../identity/actor.js';
import { articleNotFound, sessionNotFound } from './errors.js';
import { articleBySlug } from './queries.js';

/** A draft left this long without a request is settled: deflected if the customer read a suggestion. */
export const SETTLE_MINUTES = 60;

/** The customer opened a suggested article from their draft. */
export async function recordSuggestionView(ctx: AppContext, actor: Actor, sessionId: string, slug: string) {
  const s = await ctx.db.selectFrom('kb_suggestion_sessions').select('id').where('id', '=', sessionId).where('user_id', '=', actor.userId).executeTakeFirst();
  if (!s) throw sessionNotFound();
  const a = await articleBySlug(ctx.db, slug);
  if (!a || a.visibility !== 'public' || a.status !== 'published') throw articleNotFound();
  await ctx.db
    .insertInto('kb_suggestion_views')
    .values({ session_id: s.id, article_id: a.id, viewed_at: ctx.clock.now() })
    .onConflict((oc) => oc.columns(['session_id', 'article_id']).doNothing())
    .execute();
}

/**
 * A request created by a customer closes their open draft sessions as submitted (in the creating
 * transaction), so a deflection is counted only when no request followed.
 */
export const onTicketCreated: EventSubscriber = async (exec, _jobs, event) => {
  if (event.type !== 'ticket.created' || !event.actorId || !event.ticketId) return;
  const since = new Date(event.at.getTime() - 24 * 3_600_000);
  await exec
    .updateTable('kb_suggestion_sessions')
    .set({ submitted_at: event.at, ticket_id: event.ticketId })
    .where('user_id', '=', event.actorId)
    .where('submitted_at', 'is', null)
    .where('started_at', '>=', since)
    .execute();
};

/** Deflection figures for administrators over a period, overall and per article. */
export async function deflectionReport(ctx: AppContext, input: { from?: Date; to?: Date }) {
  const to = input.to ?? ctx.clock.now();
  const from = input.from ?? new Date(to.getTime() - 30 * 86_400_000);
  const settled = new Date(ctx.clock.now().getTime() - SETTLE_MINUTES * 60_000);
  const viewed = sql<boolean>`EXISTS (SELECT 1 FROM kb_suggestion_views v WHERE v.session_id = s.id)`;
  const totals = await ctx.db
    .selectFrom('kb_suggestion_sessions as s')
    .select([
      sql<number>`count(*)::int`.as('sessions'),
      sql<number>`count(*) FILTER (WHERE ${viewed})::int`.as('with_views'),
      sql<number>`count(*) FILTER (WHERE s.submitted_at IS NOT NULL)::int`.as('submitted'),
      sql<number>`count(*) FILTER (WHERE ${viewed} AND s.submitted_at IS NULL AND s.started_at < ${settled})::int`.as('deflected'),
      sql<number>`count(*) FILTER (WHERE ${viewed} AND s.submitted_at IS NULL AND s.started_at >= ${settled})::int`.as('undecided'),
    ])
    .where('s.started_at', '>=', from)
    .where('s.started_at', '<', to)
    .executeTakeFirstOrThrow();
  const perArticle = await ctx.db
    .selectFrom('kb_suggestion_views as v')
    .innerJoin('kb_suggestion_sessions as s', 's.id', 'v.session_id')
    .innerJoin('kb_articles as a', 'a.id', 'v.article_id')
    .select([
      'a.slug',
      'a.title_en',
      'a.title_ru',
      sql<number>`count(*)::int`.as('views'),
      sql<number>`count(*) FILTER (WHERE s.submitted_at IS NULL AND s.started_at < ${settled})::int`.as('deflected'),
    ])
    .where('s.started_at', '>=', from)
    .where('s.started_at', '<', to)
    .groupBy(['a.slug', 'a.title_en', 'a.title_ru'])
    .orderBy('deflected', 'desc')
    .orderBy('views', 'desc')
    .limit(50)
    .execute();
  const withViews = Number(totals.with_views);
  const deflected = Number(totals.deflected);
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    sessions: Number(totals.sessions),
    sessionsWithViews: withViews,
    submitted: Number(totals.submitted),
    deflected,
    undecided: Number(totals.undecided),
    deflectionRate: withViews === 0 ? 0 : Math.round((deflected / withViews) * 1000) / 1000,
    articles: perArticle.map((r) => ({ slug: r.slug, titleEn: r.title_en, titleRu: r.title_ru, views: Number(r.views), deflected: Number(r.deflected) })),
  };
}
