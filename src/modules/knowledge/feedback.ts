import type { AppContext } from '../../shared/context.js';
import type { Actor } from '../identity/actor.js';
import { canRead } from './policy.js';
import { articleNotFound } from './errors.js';
import { articleBySlug, feedbackCounts } from './queries.js';

/** "Did this help?": one answer per user per article; answering again replaces the earlier answer. */
export async function giveFeedback(ctx: AppContext, actor: Actor, slug: string, input: { helpful: boolean; comment?: string }) {
  const a = await articleBySlug(ctx.db, slug);
  if (!a || !canRead(actor, a) || a.status !== 'published') throw articleNotFound();
  const now = ctx.clock.now();
  await ctx.db
    .insertInto('kb_feedback')
    .values({ article_id: a.id, user_id: actor.userId, helpful: input.helpful, comment: input.comment || null, created_at: now, updated_at: now })
    .onConflict((oc) => oc.columns(['article_id', 'user_id']).doUpdateSet({ helpful: input.helpful, comment: input.comment || null, updated_at: now }))
    .execute();
  return { helpful: input.helpful, comment: input.comment || null };
}

/** Counts and the latest comments (staff). */
export async function listFeedback(ctx: AppContext, slug: string) {
  const a = await articleBySlug(ctx.db, slug);
  if (!a) throw articleNotFound();
  const counts = (await feedbackCounts(ctx.db, [a.id])).get(a.id) ?? { helpful: 0, notHelpful: 0 };
  const rows = await ctx.db
    .selectFrom('kb_feedback as f')
    .innerJoin('users as u', 'u.id', 'f.user_id')
    .select(['f.helpful', 'f.comment', 'f.updated_at', 'u.id', 'u.name', 'u.kind'])
    .where('f.article_id', '=', a.id)
    .where('f.comment', 'is not', null)
    .orderBy('f.updated_at', 'desc')
    .limit(100)
    .execute();
  return { ...counts, comments: rows.map((r) => ({ helpful: r.helpful, comment: r.comment ?? '', at: r.updated_at.toISOString(), user: { id: r.id, name: r.name, kind: r.kind } })) };
}
