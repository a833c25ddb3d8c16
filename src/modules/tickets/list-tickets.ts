import type { AppContext } from '../../shared/context.js';
import { AppError } from '../../shared/errors.js';
import { isUuid } from '../../shared/ids.js';
import type { Actor } from '../identity/actor.js';
import { visibleTo } from './policy.js';
import type { ExpressionBuilder } from 'kysely';
import type { DB, Locale } from '../../db/schema.js';
import { selectTicketSummaries, type TicketSummaryRow } from './queries.js';
import { presentSummary } from './presenter.js';
import type { ListTicketsQuery } from './schemas.js';
import { nearestDeadlines } from '../sla/index.js';
import { massOutageFlags } from '../similarity/flags.js';

const asArray = <T>(v: T | T[] | undefined): T[] | undefined => (v === undefined ? undefined : Array.isArray(v) ? v : [v]);

export function encodeCursor(updatedAt: Date, id: string): string {
  return Buffer.from(JSON.stringify([updatedAt.toISOString(), id])).toString('base64url');
}

export function decodeCursor(cursor: string): [Date, string] {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const d = new Date(at);
    if (Number.isNaN(d.getTime()) || typeof id !== 'string' || !isUuid(id)) throw new Error('bad cursor');
    return [d, id];
  } catch {
    throw new AppError('VALIDATION_FAILED', 'The cursor is invalid', [{ field: 'querystring.cursor', message: 'invalid cursor' }]);
  }
}

/** Rows after the cursor in newest-activity order (the keyset the list indexes serve). */
export function afterCursor(cursor: string) {
  const [at, id] = decodeCursor(cursor);
  return (eb: ExpressionBuilder<DB, 'tickets'>) => eb(eb.refTuple('tickets.updated_at', 'tickets.id'), '<', eb.tuple(at, id));
}

/** Cuts the `limit + 1` rows fetched into a page and the cursor of the next one. */
export function toPage(rows: TicketSummaryRow[], limit: number, locale: Locale) {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => presentSummary(r, locale)),
    nextCursor: rows.length > limit && last ? encodeCursor(last.updated_at, last.id) : null,
  };
}

/** A page of requests the actor may see, newest activity first, with a keyset cursor. */
export async function listTickets(ctx: AppContext, actor: Actor, q: ListTicketsQuery) {
  let query = selectTicketSummaries(ctx.db).where(visibleTo(actor));
  const statuses = asArray(q.status);
  const priorities = asArray(q.priority);
  const types = asArray(q.type);
  if (statuses) query = query.where('tickets.status', 'in', statuses);
  if (priorities) query = query.where('tickets.priority', 'in', priorities);
  if (types) query = query.where('tickets.type', 'in', types);
  if (q.lineId) query = query.where('tickets.line_id', '=', q.lineId);
  if (q.teamId) query = query.where('tickets.team_id', '=', q.teamId);
  if (q.assigneeId === 'me') query = query.where('tickets.assignee_id', '=', actor.userId);
  else if (q.assigneeId === 'none') query = query.where('tickets.assignee_id', 'is', null);
  else if (q.assigneeId) query = query.where('tickets.assignee_id', '=', q.assigneeId);
  if (q.organizationId) query = query.where('tickets.organization_id', '=', q.organizationId);
  if (q.requesterId) query = query.where('tickets.requester_id', '=', q.requesterId);
  if (q.catalogueItemId) query = query.where('tickets.catalogue_item_id', '=', q.catalogueItemId);
  if (q.createdFrom) query = query.where('tickets.created_at', '>=', q.createdFrom);
  if (q.createdTo) query = query.where('tickets.created_at', '<', q.createdTo);
  if (q.updatedFrom) query = query.where('tickets.updated_at', '>=', q.updatedFrom);
  if (q.updatedTo) query = query.where('tickets.updated_at', '<', q.updatedTo);
  if (q.cursor) query = query.where(afterCursor(q.cursor));
  const rows = await query
    .orderBy('tickets.updated_at', 'desc')
    .orderBy('tickets.id', 'desc')
    .limit(q.limit + 1)
    .execute();
  return withQueueFacts(ctx, actor, toPage(rows, q.limit, actor.locale));
}

/**
 * Adds what a queue row shows beside the request itself, one query each for the whole page: the nearest
 * SLA deadline, and the mass-outage candidate the request belongs to (L2/L3, managers and admins only).
 * Every list of requests (the request list, the named queue views) goes through here.
 */
export async function withQueueFacts<P extends { items: Array<{ id: string }> }>(ctx: AppContext, actor: Actor, page: P) {
  const ids = page.items.map((i) => i.id);
  const [due, outages] = await Promise.all([nearestDeadlines(ctx.db, actor, ids, ctx.clock.now()), massOutageFlags(ctx.db, actor, ids)]);
  return { ...page, items: page.items.map((i) => ({ ...i, sla: due.get(i.id) ?? null, massOutageId: outages.get(i.id) ?? null })) };
}
