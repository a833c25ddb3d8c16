import type { AppContext } from '../../shared/context.js';
import type { Actor } from '../identity/actor.js';
import { recordEvent } from '../audit/index.js';
import { loadVisibleTicket } from '../tickets/index.js';
import { assertStaffActor } from './policy.js';

/**
 * Hierarchical escalation: any agent who can see the request raises it to the duty manager on shift
 * (or to whichever duty manager acknowledges first when nobody is rostered).
 */
export async function managerEscalateTicket(ctx: AppContext, actor: Actor, key: string, input: { reason: string }) {
  return ctx.db.transaction().execute(async (trx) => {
    const t = await loadVisibleTicket(trx, actor, key, true);
    assertStaffActor(actor);
    const now = ctx.clock.now();
    const onDuty = await trx
      .selectFrom('shifts as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .select('u.id')
      .where('u.staff_role', '=', 'duty_manager')
      .where('u.disabled_at', 'is', null)
      .where('s.starts_at', '<=', now)
      .where('s.ends_at', '>', now)
      .orderBy('s.starts_at')
      .limit(1)
      .executeTakeFirst();
    const row = await trx
      .insertInto('manager_escalations')
      .values({ ticket_id: t.id, reason: input.reason, raised_by_id: actor.userId, manager_id: onDuty?.id ?? null, created_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(trx, ctx.jobs, {
      type: 'ticket.manager_escalated',
      ticketId: t.id,
      organizationId: t.organization_id,
      actorId: actor.userId,
      visibility: 'internal',
      data: { managerEscalationId: row.id, managerId: row.manager_id, reason: input.reason },
      at: now,
    });
    return row;
  });
}
