import type { AppContext } from '../../shared/context.js';
import type { Ticket } from '../../db/schema.js';
import type { Actor } from '../identity/actor.js';
import { loadVisibleTicket } from '../tickets/index.js';
import { assertWorksOn } from './policy.js';
import { applyAssignment } from './apply-assignment.js';
import { closedTicket } from './errors.js';

/** An agent of the working line takes the request from the queue. Taking it twice changes nothing. */
export async function takeTicket(ctx: AppContext, actor: Actor, key: string): Promise<Ticket> {
  return ctx.db.transaction().execute(async (trx) => {
    const t = await loadVisibleTicket(trx, actor, key, true);
    assertWorksOn(actor, t);
    if (t.status === 'resolved' || t.status === 'closed') throw closedTicket(t.status);
    return applyAssignment(ctx, trx, t, actor.userId, actor.userId, { via: 'take' });
  });
}
