import type { AppContext } from '../../shared/context.js';
import type { Ticket } from '../../db/schema.js';
import type { Actor } from '../identity/actor.js';
import { loadVisibleTicket } from '../tickets/index.js';
import { assertWorksOn } from './policy.js';
import { applyAssignment } from './apply-assignment.js';
import { closedTicket, invalidField } from './errors.js';

/** Assign to a named agent (or unassign with null); the agent must belong to the line working on the request. */
export async function assignTicket(ctx: AppContext, actor: Actor, key: string, input: { assigneeId: string | null }): Promise<Ticket> {
  return ctx.db.transaction().execute(async (trx) => {
    const t = await loadVisibleTicket(trx, actor, key, true);
    assertWorksOn(actor, t);
    if (t.status === 'resolved' || t.status === 'closed') throw closedTicket(t.status);
    if (input.assigneeId) {
      const member = await trx
        .selectFrom('users as u')
        .innerJoin('line_members as lm', 'lm.user_id', 'u.id')
        .select('u.id')
        .where('u.id', '=', input.assigneeId)
        .where('u.kind', '=', 'staff')
        .where('u.disabled_at', 'is', null)
        .where('lm.line_id', '=', t.line_id ?? '00000000-0000-0000-0000-000000000000')
        .executeTakeFirst();
      if (!member) throw invalidField('assigneeId', "not an active member of the request's line");
      // A confidential team's requests are visible to its members only; nobody else can work on them.
      if (t.confidential && t.team_id) {
        const inTeam = await trx.selectFrom('team_members').select('user_id').where('team_id', '=', t.team_id).where('user_id', '=', input.assigneeId).executeTakeFirst();
        if (!inTeam) throw invalidField('assigneeId', 'not a member of the confidential team that owns the request');
      }
    }
    return applyAssignment(ctx, trx, t, input.assigneeId, actor.userId, { via: 'assign' });
  });
}
