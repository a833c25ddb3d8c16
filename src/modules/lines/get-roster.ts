import type { AppContext } from '../../shared/context.js';
import type { Actor } from '../identity/actor.js';
import { assertStaffActor } from './policy.js';
import { deskTimeZone } from './queries.js';
import { instantToLocal } from './time-zone.js';

/** Who is on shift at an instant (half-open: a shift ending at 00:00 is over at 00:00), by team. */
export async function getRoster(ctx: AppContext, actor: Actor, at?: Date) {
  assertStaffActor(actor);
  const when = at ?? ctx.clock.now();
  const zone = await deskTimeZone(ctx.db);
  const rows = await ctx.db
    .selectFrom('shifts as s')
    .innerJoin('teams as t', 't.id', 's.team_id')
    .innerJoin('lines as l', 'l.id', 't.line_id')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['s.id', 's.team_id', 't.code as team_code', 'l.code as line_code', 's.user_id', 'u.name', 's.starts_at', 's.ends_at', 's.handed_over_at'])
    .where('s.starts_at', '<=', when)
    .where('s.ends_at', '>', when)
    .orderBy('l.level')
    .orderBy('t.code')
    .orderBy('u.name')
    .execute();
  return {
    at: when,
    deskTimeZone: zone,
    localTime: instantToLocal(zone, when),
    onShift: rows.map((r) => ({
      shiftId: r.id,
      line: r.line_code,
      team: { id: r.team_id, code: r.team_code },
      agent: { id: r.user_id, name: r.name },
      startsAt: r.starts_at,
      endsAt: r.ends_at,
      startsLocal: instantToLocal(zone, r.starts_at),
      endsLocal: instantToLocal(zone, r.ends_at),
      handedOver: r.handed_over_at !== null,
    })),
  };
}
