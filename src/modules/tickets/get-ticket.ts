import type { AppContext } from '../../shared/context.js';
import type { Ticket } from '../../db/schema.js';
import type { Actor } from '../identity/actor.js';
import { loadVisibleTicket } from './load-ticket.js';
import { selectTicketSummaries } from './queries.js';
import { presentSummary } from './presenter.js';
import { allowedTransitions } from './change-status.js';

export async function getTicket(ctx: AppContext, actor: Actor, key: string) {
  const t = await loadVisibleTicket(ctx.db, actor, key);
  return presentTicket(ctx, actor, t);
}

/** The full view of one request, shaped for the actor (vendors and customers see no internal fields). */
export async function presentTicket(ctx: AppContext, actor: Actor, t: Ticket) {
  const [summary, item, watchers] = await Promise.all([
    selectTicketSummaries(ctx.db).where('tickets.id', '=', t.id).executeTakeFirstOrThrow(),
    t.catalogue_item_id
      ? ctx.db.selectFrom('catalogue_items').select(['id', 'name_en', 'name_ru']).where('id', '=', t.catalogue_item_id).executeTakeFirst()
      : undefined,
    ctx.db
      .selectFrom('ticket_watchers')
      .innerJoin('users', 'users.id', 'ticket_watchers.user_id')
      .select(['users.id', 'users.name', 'users.kind'])
      .where('ticket_id', '=', t.id)
      .orderBy('users.name')
      .execute(),
  ]);
  const staffView = actor.kind === 'staff' || actor.kind === 'integration';
  return {
    ...presentSummary(summary, actor.locale),
    description: t.description,
    region: t.region,
    projectId: t.project_id,
    resourceIds: t.resource_ids,
    fields: t.fields,
    catalogueItem: item ? { id: item.id, nameEn: item.name_en, nameRu: item.name_ru } : null,
    rating: t.rating,
    ratingComment: t.rating_comment,
    firstResponseAt: t.first_response_at,
    resolvedAt: t.resolved_at,
    closedAt: t.closed_at,
    allowedTransitions: allowedTransitions(actor, t),
    watchers: watchers.filter((w) => staffView || w.kind !== 'staff').map((w) => ({ id: w.id, name: w.name })),
  };
}

export type TicketView = Awaited<ReturnType<typeof presentTicket>>;
