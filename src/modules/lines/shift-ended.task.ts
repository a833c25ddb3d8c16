import type { AppContext } from '../../shared/context.js';
import { applyAssignment } from './apply-assignment.js';
import { autoAssignTicket } from './auto-assign-ticket.js';
import { openStatuses } from './queries.js';

/**
 * Job `lines.shift_ended`, run at the end of a shift: without a hand-over, the agent's open requests in
 * that team return to the team queue (and are auto-assigned if the team does that). Idempotent: a re-run
 * finds nothing left to move; a shift moved later or followed by a consecutive shift moves nothing.
 */
export async function shiftEnded(ctx: AppContext, shiftId: string): Promise<{ returned: number }> {
  return ctx.db.transaction().execute(async (trx) => {
    const shift = await trx.selectFrom('shifts').selectAll().where('id', '=', shiftId).forUpdate().executeTakeFirst();
    const now = ctx.clock.now();
    if (!shift || shift.handed_over_at || shift.ends_at > now) return { returned: 0 };
    const continuing = await trx
      .selectFrom('shifts')
      .select('id')
      .where('user_id', '=', shift.user_id)
      .where('team_id', '=', shift.team_id)
      .where('starts_at', '<=', now)
      .where('ends_at', '>', now)
      .executeTakeFirst();
    if (continuing) return { returned: 0 };
    const tickets = await trx
      .selectFrom('tickets')
      .selectAll()
      .where('assignee_id', '=', shift.user_id)
      .where('team_id', '=', shift.team_id)
      .where('status', 'in', openStatuses)
      .orderBy('id')
      .forUpdate()
      .execute();
    for (const t of tickets) {
      const back = await applyAssignment(ctx, trx, t, null, null, { via: 'off_shift', shiftId });
      await autoAssignTicket(ctx, trx, back);
    }
    return { returned: tickets.length };
  });
}
