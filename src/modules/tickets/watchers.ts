import type { AppContext } from '../../shared/context.js';
import { AppError } from '../../shared/errors.js';
import type { Actor } from '../identity/actor.js';
import { recordEvent } from '../audit/index.js';
import { isStaffLike } from './policy.js';
import { loadVisibleTicket } from './load-ticket.js';
import { invalidField } from './errors.js';

/**
 * Watchers get notified of changes. Staff may add staff or the organisation's users; a customer may add
 * themselves or colleagues from their own organisation. A watcher must be able to see the request.
 */
export async function addWatcher(ctx: AppContext, actor: Actor, key: string, userId: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const t = await loadVisibleTicket(trx, actor, key, true);
    if (actor.kind === 'vendor') throw new AppError('FORBIDDEN', 'Vendors cannot add watchers');
    const u = await trx.selectFrom('users').select(['id', 'kind', 'organization_id']).where('id', '=', userId).executeTakeFirst();
    const sameOrg = u?.kind === 'customer' && u.organization_id === t.organization_id;
    const ok = u && (sameOrg || (isStaffLike(actor) && u.kind === 'staff'));
    if (!ok) throw invalidField('userId', 'this user cannot watch the request');
    const res = await trx
      .insertInto('ticket_watchers')
      .values({ ticket_id: t.id, user_id: u.id, added_by_id: actor.userId })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    if (Number(res.numInsertedOrUpdatedRows ?? 0n) > 0) {
      await recordEvent(trx, ctx.jobs, {
        type: 'ticket.watcher_added',
        ticketId: t.id,
        organizationId: t.organization_id,
        actorId: actor.userId,
        visibility: u.kind === 'staff' ? 'internal' : 'public',
        data: { userId: u.id },
      });
    }
  });
}

export async function removeWatcher(ctx: AppContext, actor: Actor, key: string, userId: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const t = await loadVisibleTicket(trx, actor, key, true);
    if (!isStaffLike(actor) && userId !== actor.userId && actor.orgRole !== 'admin') {
      throw new AppError('FORBIDDEN', 'You may only remove yourself');
    }
    const res = await trx.deleteFrom('ticket_watchers').where('ticket_id', '=', t.id).where('user_id', '=', userId).executeTakeFirst();
    if (Number(res.numDeletedRows) > 0) {
      await recordEvent(trx, ctx.jobs, {
        type: 'ticket.watcher_removed',
        ticketId: t.id,
        organizationId: t.organization_id,
        actorId: actor.userId,
        visibility: 'internal',
        data: { userId },
      });
    }
  });
}
