import type { AppContext } from '../../shared/context.js';
import { AppError } from '../../shared/errors.js';
import { isManager, type Actor } from '../identity/actor.js';
import { applyAssignment } from './apply-assignment.js';
import { openStatuses } from './queries.js';
import { invalidField, shiftNotFound } from './errors.js';

/**
 * The agent going off shift hands over with notes; with toUserId their open requests in that team
 * pass to the colleague now, otherwise they stay with the agent (handed over deliberately).
 */
export async function handoverShift(ctx: AppContext, actor: Actor, shiftId: string, input: { notes: string; toUserId?: string }) {
  if (actor.kind !== 'staff') throw new AppError('FORBIDDEN', 'Only support staff may do this');
  return ctx.db.transaction().execute(async (trx) => {
    const shift = await trx.selectFrom('shifts').selectAll().where('id', '=', shiftId).forUpdate().executeTakeFirst();
    if (!shift) throw shiftNotFound();
    if (shift.user_id !== actor.userId && !isManager(actor)) throw new AppError('FORBIDDEN', 'Only the agent on the shift or a duty manager may hand it over');
    if (shift.handed_over_at) throw new AppError('CONFLICT', 'This shift was already handed over', { handedOverAt: shift.handed_over_at });
    if (input.toUserId) {
      const member = await trx.selectFrom('team_members').select('user_id').where('team_id', '=', shift.team_id).where('user_id', '=', input.toUserId).executeTakeFirst();
      if (!member || input.toUserId === shift.user_id) throw invalidField('toUserId', 'another member of the same team');
    }
    const now = ctx.clock.now();
    const updated = await trx
      .updateTable('shifts')
      .set({ handed_over_at: now, handover_notes: input.notes, handover_to_id: input.toUserId ?? null })
      .where('id', '=', shiftId)
      .returningAll()
      .executeTakeFirstOrThrow();
    let moved = 0;
    if (input.toUserId) {
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
        await applyAssignment(ctx, trx, t, input.toUserId, actor.userId, { via: 'shift_handover', shiftId, notes: input.notes });
        moved++;
      }
    }
    return { shift: updated, moved };
  });
}
