import type { AppContext } from '../../shared/context.js';
import type { Executor } from '../../db/executor.js';
import type { Ticket } from '../../db/schema.js';
import type { Actor } from '../identity/actor.js';
import { recordEvent } from '../audit/index.js';
import { loadVisibleTicket } from '../tickets/index.js';
import { assertStaffActor } from './policy.js';

/**
 * Hierarchical escalation: an agent who can see the request raises it to the duty manager on shift
 * (or to whichever duty manager acknowledges first when nobody is rostered).
 */
export async function managerEscalateTicket(ctx: AppContext, actor: Actor, key: string, input: { reason: string }) {
  return ctx.db.transaction().execute(async (trx) => {
    const t = await loadVisibleTicket(trx, actor, key, true);
    assertStaffActor(actor);
    return raiseManagerEscalation(ctx, trx, t, { reason: input.reason, raisedById: actor.userId });
  });
}

/**
 * Addresses the escalation to the duty manager on shift (or whichever acknowledges first when nobody is
 * rostered). Used by hand (above) and by routing rules on intake, where nobody raised it (`raisedById` null).
 */
export async function raiseManagerEscalation(
  ctx: AppContext,
  exec: Executor,
  t: Pick<Ticket, 'id' | 'organization_id'>,
  input: { reason: string; raisedById: string | null; ruleId?: string | null },
) {
  const now = ctx.clock.now();
  const onDuty = await exec
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
  const row = await exec
    .insertInto('manager_escalations')
    .values({ ticket_id: t.id, reason: input.reason, raised_by_id: input.raisedById, manager_id: onDuty?.id ?? null, created_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordEvent(exec, ctx.jobs, {
    type: 'ticket.manager_escalated',
    ticketId: t.id,
    organizationId: t.organization_id,
    actorId: input.raisedById,
    visibility: 'internal',
    data: { managerEscalationId: row.id, managerId: row.manager_id, reason: input.reason, ...(input.ruleId ? { ruleId: input.ruleId } : {}) },
    at: now,
  });
  return row;
}
