import type { AppContext } from '../../shared/context.js';
import type { Executor } from '../../db/executor.js';
import type { Ticket, TicketStatus, TicketUpdate } from '../../db/schema.js';
import { AppError } from '../../shared/errors.js';
import type { Actor } from '../identity/actor.js';
import { recordEvent } from '../audit/index.js';
import { assertCustomerOfTicket, assertStaff } from './policy.js';
import { loadVisibleTicket } from './load-ticket.js';
import { canTransition, transitions } from './status-machine.js';
import { invalidTransition, versionConflict } from './errors.js';
import { insertMessage } from './add-message.js';

interface Move {
  to: TicketStatus;
  comment?: string;
  /** Who's moving it and why, for the history. */
  event: string;
  extra?: TicketUpdate;
  data?: Record<string, unknown>;
}

async function move(ctx: AppContext, exec: Executor, actor: Actor, t: Ticket, m: Move): Promise<Ticket> {
  if (!canTransition(t.status, m.to)) throw invalidTransition(t.status, m.to, transitions[t.status]);
  const now = ctx.clock.now();
  const patch: TicketUpdate = { status: m.to, updated_at: now, version: t.version + 1, ...m.extra };
  if (m.to === 'resolved') patch.resolved_at = now;
  if (m.to === 'closed') patch.closed_at = now;
  if (m.to === 'open' && (t.status === 'resolved' || t.status === 'closed')) {
    patch.resolved_at = null;
    patch.closed_at = null;
  }
  const updated = await exec
    .updateTable('tickets')
    .set(patch)
    .where('id', '=', t.id)
    .where('version', '=', t.version)
    .returningAll()
    .executeTakeFirst();
  if (!updated) throw versionConflict(t.version + 1);
  if (m.comment) await insertMessage(ctx, exec, updated, actor, { body: m.comment, visibility: 'public' }, { touch: false });
  await recordEvent(exec, ctx.jobs, {
    type: m.event,
    ticketId: t.id,
    organizationId: t.organization_id,
    actorId: actor.userId,
    changes: { status: { from: t.status, to: m.to } },
    data: m.data ?? {},
    at: now,
  });
  return updated;
}

/** Staff move a request along the lifecycle (open, pending customer/vendor, on hold, resolved, closed). */
export async function changeStatus(ctx: AppContext, actor: Actor, key: string, input: { status: TicketStatus; comment?: string }, expectedVersion?: number) {
  assertStaff(actor);
  return ctx.db.transaction().execute(async (trx) => {
    const t = await loadVisibleTicket(trx, actor, key, true);
    if (expectedVersion !== undefined && expectedVersion !== t.version) throw versionConflict(t.version);
    const event = input.status === 'resolved' ? 'ticket.resolved' : input.status === 'closed' ? 'ticket.closed' : input.status === 'open' && t.status === 'resolved' ? 'ticket.reopened' : 'ticket.status_changed';
    return move(ctx, trx, actor, t, { to: input.status, comment: input.comment, event });
  });
}

/** The customer sends a resolved request back to work, with a reason, within the reopen period. */
export async function reopenTicket(ctx: AppContext, actor: Actor, key: string, input: { reason: string }) {
  return ctx.db.transaction().execute(async (trx) => {
    const t = await loadVisibleTicket(trx, actor, key, true);
    assertCustomerOfTicket(actor, t);
    if (t.status === 'closed' || t.status !== 'resolved') {
      if (t.status === 'closed') throw new AppError('INVALID_TRANSITION', 'A closed request cannot be reopened; create a new request and link it', { from: 'closed', to: 'open' });
      throw invalidTransition(t.status, 'open', []);
    }
    const limit = (t.resolved_at?.getTime() ?? 0) + ctx.config.reopenDays * 86_400_000;
    if (ctx.clock.now().getTime() > limit) {
      throw new AppError('REOPEN_PERIOD_EXPIRED', `Requests can be reopened within ${ctx.config.reopenDays} days of resolution; create a new request instead`, {
        reopenDays: ctx.config.reopenDays,
      });
    }
    return move(ctx, trx, actor, t, { to: 'open', comment: input.reason, event: 'ticket.reopened', data: { reason: input.reason } });
  });
}

/** The customer rates a resolved request 1–5, which closes it. */
export async function rateTicket(ctx: AppContext, actor: Actor, key: string, input: { rating: number; comment?: string }) {
  return ctx.db.transaction().execute(async (trx) => {
    const t = await loadVisibleTicket(trx, actor, key, true);
    assertCustomerOfTicket(actor, t);
    if (t.status !== 'resolved') throw invalidTransition(t.status, 'closed', t.status === 'closed' ? [] : ['resolved']);
    return move(ctx, trx, actor, t, {
      to: 'closed',
      event: 'ticket.rated',
      extra: { rating: input.rating, rating_comment: input.comment ?? null },
      data: { rating: input.rating, comment: input.comment ?? null },
    });
  });
}

/** Next statuses the actor may choose from for this request (for the UI). */
export function allowedTransitions(actor: Actor, t: Pick<Ticket, 'status' | 'organization_id'>): TicketStatus[] {
  if (actor.kind === 'staff' || actor.kind === 'integration') return [...transitions[t.status]];
  if (actor.kind === 'customer' && actor.organizationId === t.organization_id && t.status === 'resolved') return ['open', 'closed'];
  return [];
}
