import { sql } from 'kysely';
import type { AppContext } from '../../shared/context.js';
import type { Executor } from '../../db/executor.js';
import type { Ticket, TicketUpdate, Visibility } from '../../db/schema.js';
import { AppError } from '../../shared/errors.js';
import type { Actor } from '../identity/actor.js';
import { recordEvent } from '../audit/index.js';
import { assertCanPost, isStaffLike } from './policy.js';
import { loadVisibleTicket } from './load-ticket.js';
import { bilingualVector, extractIdents, mergeIdents } from './queries.js';

export interface MessageInput {
  body: string;
  visibility: Visibility;
  source?: string;
}

/**
 * Adds the message, keeps the search vectors current, and applies the lifecycle side effects:
 * a staff public reply is the first response; a customer reply to a request waiting on them reopens it.
 */
export async function insertMessage(ctx: AppContext, exec: Executor, t: Ticket, actor: Actor, input: MessageInput, opts: { touch: boolean }) {
  const now = ctx.clock.now();
  const msg = await exec
    .insertInto('ticket_messages')
    .values({ ticket_id: t.id, author_id: actor.userId, visibility: input.visibility, body: input.body, source: input.source ?? 'ui', created_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();

  const patch: TicketUpdate = { idents: mergeIdents(t.idents, extractIdents(input.body)) };
  const vector = bilingualVector(input.body, 'C');
  let statusChange: { from: string; to: string } | undefined;
  if (opts.touch) {
    patch.updated_at = now;
    patch.version = t.version + 1;
    if (isStaffLike(actor) && input.visibility === 'public' && !t.first_response_at) patch.first_response_at = now;
    if (actor.kind === 'customer' && t.status === 'pending_customer') {
      patch.status = 'open';
      statusChange = { from: t.status, to: 'open' };
    }
  }
  await exec
    .updateTable('tickets')
    .set(patch)
    .set((eb) => ({
      search_all: sql<string>`${eb.ref('search_all')} || ${vector}`,
      search_public: input.visibility === 'public' ? sql<string>`${eb.ref('search_public')} || ${vector}` : eb.ref('search_public'),
    }))
    .where('id', '=', t.id)
    .execute();
  await recordEvent(exec, ctx.jobs, {
    type: input.visibility === 'public' ? 'ticket.replied' : 'ticket.note_added',
    ticketId: t.id,
    organizationId: t.organization_id,
    actorId: actor.userId,
    visibility: input.visibility,
    data: { messageId: msg.id, authorKind: actor.kind },
    ...(statusChange ? { changes: { status: statusChange } } : {}),
    at: now,
  });
  return msg;
}

export async function addMessage(ctx: AppContext, actor: Actor, key: string, input: MessageInput) {
  assertCanPost(actor, input.visibility);
  return ctx.db.transaction().execute(async (trx) => {
    const t = await loadVisibleTicket(trx, actor, key, true);
    if (t.status === 'closed') {
      throw new AppError('INVALID_TRANSITION', 'The request is closed; create a new request instead', { status: 'closed' });
    }
    return insertMessage(ctx, trx, t, actor, input, { touch: true });
  });
}
