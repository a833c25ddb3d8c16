import type { AppContext } from '../../shared/context.js';
import { AppError } from '../../shared/errors.js';
import type { Actor } from '../identity/actor.js';
import { recordEvent } from '../audit/index.js';
import { loadVisibleTicket } from '../tickets/index.js';
import { assertManager } from './policy.js';
import { managerEscalationNotFound } from './errors.js';

/** The duty manager confirms they have taken the escalation; once only. */
export async function acknowledgeManagerEscalation(ctx: AppContext, actor: Actor, key: string, id: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const t = await loadVisibleTicket(trx, actor, key, true);
    assertManager(actor);
    const row = await trx.selectFrom('manager_escalations').selectAll().where('id', '=', id).where('ticket_id', '=', t.id).forUpdate().executeTakeFirst();
    if (!row) throw managerEscalationNotFound();
    if (row.status === 'acknowledged') throw new AppError('CONFLICT', 'This escalation was already acknowledged', { acknowledgedAt: row.acknowledged_at });
    const now = ctx.clock.now();
    const updated = await trx
      .updateTable('manager_escalations')
      .set({ status: 'acknowledged', acknowledged_at: now, acknowledged_by_id: actor.userId })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(trx, ctx.jobs, {
      type: 'ticket.manager_escalation_acknowledged',
      ticketId: t.id,
      organizationId: t.organization_id,
      actorId: actor.userId,
      visibility: 'internal',
      data: { managerEscalationId: id },
      at: now,
    });
    return updated;
  });
}
