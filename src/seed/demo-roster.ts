import type { AppContext } from '../shared/context.js';
import { loadActor } from '../modules/identity/actor.js';
import { createShift } from '../modules/lines/create-shift.js';

const HOUR = 3_600_000;

/** Everyone with a team is on a 12-hour shift that covers the moment the demo starts, so "on shift now" is real. */
export async function seedDemoRoster(ctx: AppContext): Promise<void> {
  const admin = await ctx.db.selectFrom('users').select('id').where('email', '=', 'admin@tierdesk.example').executeTakeFirst();
  const actor = admin ? await loadActor(ctx.db, admin.id, 'session', null) : null;
  if (!actor) return;
  const memberships = await ctx.db
    .selectFrom('team_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.team_id', 'm.user_id'])
    .where('u.is_demo', '=', true)
    .execute();
  const now = ctx.clock.now().getTime();
  const startsAt = new Date(Math.floor((now - 2 * HOUR) / HOUR) * HOUR);
  const endsAt = new Date(startsAt.getTime() + 12 * HOUR);
  for (const m of memberships) await createShift(ctx, actor, { teamId: m.team_id, userId: m.user_id, startsAt, endsAt });
}
