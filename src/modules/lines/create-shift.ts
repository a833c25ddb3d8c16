import type { AppContext } from '../../shared/context.js';
import type { Actor } from '../identity/actor.js';
import { assertManager } from './policy.js';
import { deskTimeZone } from './queries.js';
import { localToInstant, nextDate } from './time-zone.js';
import { invalidField, teamNotFound } from './errors.js';

export type CreateShiftInput = { teamId: string; userId: string } & (
  | { startsAt: Date; endsAt: Date }
  | { date: string; from: string; to: string }
);

/**
 * Adds a shift to the roster. Times are instants, or a desk-local date with wall-clock from/to
 * (to ≤ from means the shift ends the next day, so 16:00–00:00 ends exactly at local midnight).
 * A job at the end of the shift returns what the agent still holds to the team queue unless handed over.
 */
export async function createShift(ctx: AppContext, actor: Actor, input: CreateShiftInput) {
  assertManager(actor);
  return ctx.db.transaction().execute(async (trx) => {
    const team = await trx.selectFrom('teams').select('id').where('id', '=', input.teamId).executeTakeFirst();
    if (!team) throw teamNotFound();
    const member = await trx.selectFrom('team_members').select('user_id').where('team_id', '=', input.teamId).where('user_id', '=', input.userId).executeTakeFirst();
    if (!member) throw invalidField('userId', 'not a member of the team');
    let startsAt: Date;
    let endsAt: Date;
    if ('date' in input) {
      const zone = await deskTimeZone(trx);
      startsAt = localToInstant(zone, input.date, input.from);
      endsAt = localToInstant(zone, input.to <= input.from ? nextDate(input.date) : input.date, input.to);
    } else {
      ({ startsAt, endsAt } = input);
    }
    if (endsAt <= startsAt) throw invalidField('endsAt', 'must be after the start');
    const overlap = await trx
      .selectFrom('shifts')
      .select('id')
      .where('user_id', '=', input.userId)
      .where('team_id', '=', input.teamId)
      .where('starts_at', '<', endsAt)
      .where('ends_at', '>', startsAt)
      .executeTakeFirst();
    if (overlap) throw invalidField('startsAt', 'overlaps another shift of this agent in this team');
    const shift = await trx
      .insertInto('shifts')
      .values({ team_id: input.teamId, user_id: input.userId, starts_at: startsAt, ends_at: endsAt, created_by_id: actor.userId })
      .returningAll()
      .executeTakeFirstOrThrow();
    await ctx.jobs.send(trx, 'lines.shift_ended', { shiftId: shift.id }, { startAfter: endsAt, singletonKey: `shift-ended:${shift.id}` });
    return shift;
  });
}
