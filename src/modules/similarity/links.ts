import type { AppContext } from '../../shared/context.js';
import type { Executor } from '../../db/executor.js';
import type { Ticket, TicketLinkKind } from '../../db/schema.js';
import type { Actor } from '../identity/actor.js';
import { AppError } from '../../shared/errors.js';
import { recordEvent } from '../audit/index.js';
import { loadVisibleTicket, visibleTo } from '../tickets/index.js';
import { assertSupportStaff } from './policy.js';
import { alreadyLinked, invalidField, linkNotFound } from './errors.js';

export type LinkDirection = 'duplicate_of' | 'duplicated_by' | 'related';

/**
 * The links of a request whose other end the viewer may read: a customer sees links within their own
 * organisation only, a vendor only to requests handed to them; staff all but confidential ones they may not open.
 */
export async function listLinks(ctx: AppContext, actor: Actor, key: string) {
  const t = await loadVisibleTicket(ctx.db, actor, key);
  const staff = actor.kind === 'staff' || actor.kind === 'integration';
  const links = await ctx.db
    .selectFrom('ticket_links as l')
    .innerJoin('tickets', (j) => j.on((eb) => eb.or([
      eb.and([eb('l.ticket_id', '=', t.id), eb('tickets.id', '=', eb.ref('l.target_id'))]),
      eb.and([eb('l.target_id', '=', t.id), eb('tickets.id', '=', eb.ref('l.ticket_id'))]),
    ])))
    .innerJoin('organizations as o', 'o.id', 'tickets.organization_id')
    .select(['l.id', 'l.kind', 'l.ticket_id', 'l.created_at', 'tickets.key', 'tickets.subject', 'tickets.status', 'o.id as org_id', 'o.name as org_name'])
    .where(visibleTo(actor))
    .orderBy('l.created_at')
    .execute();
  return {
    items: links.map((l) => ({
      id: l.id,
      kind: direction(l.kind, l.ticket_id === t.id),
      ticket: { key: l.key, subject: l.subject, status: l.status },
      ...(staff ? { organization: { id: l.org_id, name: l.org_name } } : {}),
      createdAt: l.created_at,
    })),
  };
}

const direction = (kind: TicketLinkKind, outgoing: boolean): LinkDirection => (kind === 'related' ? 'related' : outgoing ? 'duplicate_of' : 'duplicated_by');

export async function findLink(exec: Executor, a: string, b: string) {
  return exec
    .selectFrom('ticket_links')
    .selectAll()
    .where((eb) => eb.or([eb.and([eb('ticket_id', '=', a), eb('target_id', '=', b)]), eb.and([eb('ticket_id', '=', b), eb('target_id', '=', a)])]))
    .executeTakeFirst();
}

/** Why `dup` cannot be marked a duplicate of `original`, as a 400 naming the field; nothing when it can. */
export async function checkDuplicatePair(exec: Executor, dup: Ticket, original: Ticket, field: string): Promise<void> {
  if (dup.organization_id !== original.organization_id) {
    throw invalidField(field, 'a duplicate must belong to the same organisation as the original; link them as related instead');
  }
  const originalsOriginal = await exec
    .selectFrom('ticket_links')
    .innerJoin('tickets', 'tickets.id', 'ticket_links.target_id')
    .select('tickets.key')
    .where('ticket_links.ticket_id', '=', original.id)
    .where('ticket_links.kind', '=', 'duplicate_of')
    .executeTakeFirst();
  if (originalsOriginal) throw invalidField(field, `${original.key} is itself a duplicate of ${originalsOriginal.key}; use ${originalsOriginal.key}`);
  const other = await exec
    .selectFrom('ticket_links')
    .innerJoin('tickets', 'tickets.id', 'ticket_links.target_id')
    .select('tickets.key')
    .where('ticket_links.ticket_id', '=', dup.id)
    .where('ticket_links.kind', '=', 'duplicate_of')
    .where('ticket_links.target_id', '<>', original.id)
    .executeTakeFirst();
  if (other) throw alreadyLinked(`${dup.key} is already a duplicate of ${other.key}`);
}

/** History on both ends; public where both requests belong to one organisation (its customers may see it). */
export async function recordLinkEvents(ctx: AppContext, exec: Executor, actor: Actor, type: 'ticket.linked' | 'ticket.unlinked', from: Ticket, to: Ticket, kind: TicketLinkKind) {
  const visibility = from.organization_id === to.organization_id ? 'public' : 'internal';
  const now = ctx.clock.now();
  await recordEvent(exec, ctx.jobs, { type, ticketId: from.id, organizationId: from.organization_id, actorId: actor.userId, visibility, data: { kind: direction(kind, true), key: to.key }, at: now });
  await recordEvent(exec, ctx.jobs, { type, ticketId: to.id, organizationId: to.organization_id, actorId: actor.userId, visibility, data: { kind: direction(kind, false), key: from.key }, at: now });
}

export async function linkTickets(ctx: AppContext, actor: Actor, key: string, input: { kind: TicketLinkKind; targetKey: string }) {
  assertSupportStaff(actor);
  return ctx.db.transaction().execute(async (trx) => {
    const t = await loadVisibleTicket(trx, actor, key, true);
    if (input.targetKey.toUpperCase() === t.key) throw invalidField('body.targetKey', 'a request cannot be linked to itself');
    const target = await loadTarget(trx, actor, input.targetKey);
    const existing = await findLink(trx, t.id, target.id);
    if (existing) throw alreadyLinked(direction(existing.kind, existing.ticket_id === t.id));
    if (input.kind === 'duplicate_of') await checkDuplicatePair(trx, t, target, 'body.targetKey');
    const link = await trx
      .insertInto('ticket_links')
      .values({ ticket_id: t.id, target_id: target.id, kind: input.kind, created_by_id: actor.userId, created_at: ctx.clock.now() })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordLinkEvents(ctx, trx, actor, 'ticket.linked', t, target, input.kind);
    return {
      id: link.id,
      kind: direction(link.kind, true),
      ticket: { key: target.key, subject: target.subject, status: target.status },
      createdAt: link.created_at,
    };
  });
}

export async function unlinkTickets(ctx: AppContext, actor: Actor, key: string, targetKey: string): Promise<void> {
  assertSupportStaff(actor);
  await ctx.db.transaction().execute(async (trx) => {
    const t = await loadVisibleTicket(trx, actor, key, true);
    const target = await loadVisibleTicket(trx, actor, targetKey);
    const link = await findLink(trx, t.id, target.id);
    if (!link) throw linkNotFound();
    await trx.deleteFrom('ticket_links').where('id', '=', link.id).execute();
    const [from, to] = link.ticket_id === t.id ? [t, target] : [target, t];
    await recordLinkEvents(ctx, trx, actor, 'ticket.unlinked', from, to, link.kind);
  });
}

/** The other request of a link; a key the viewer may not read is reported as a bad field, like a missing one. */
export async function loadTarget(exec: Executor, actor: Actor, key: string, field = 'body.targetKey'): Promise<Ticket> {
  try {
    return await loadVisibleTicket(exec, actor, key);
  } catch (err) {
    if (err instanceof AppError && err.code === 'TICKET_NOT_FOUND') throw invalidField(field, `no request ${key} that you may read`);
    throw err;
  }
}
