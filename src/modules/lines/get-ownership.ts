import type { AppContext } from '../../shared/context.js';
import type { Actor } from '../identity/actor.js';
import { loadVisibleTicket } from '../tickets/index.js';
import { loadOwnership } from './queries.js';

/**
 * Who faces the customer and who works on the request. Customers and vendors learn only that
 * specialists are on it; staff get the lines, teams and people.
 */
export async function getOwnership(ctx: AppContext, actor: Actor, key: string) {
  const t = await loadVisibleTicket(ctx.db, actor, key);
  const own = await loadOwnership(ctx.db, t);
  const specialistsEngaged = own.customer_line_id !== null && own.customer_line_id !== t.line_id;
  if (actor.kind !== 'staff' && actor.kind !== 'integration') return { specialistsEngaged };
  const line = (id: string | null) => (id ? ctx.db.selectFrom('lines').select(['id', 'code']).where('id', '=', id).executeTakeFirst() : undefined);
  const [customerLine, workingLine] = [await line(own.customer_line_id ?? t.line_id), await line(t.line_id)];
  return {
    specialistsEngaged,
    customerFacing: {
      line: customerLine ?? null,
      teamId: own.customer_line_id ? own.customer_team_id : t.team_id,
      agentId: own.customer_line_id ? own.customer_agent_id : t.assignee_id,
    },
    working: { line: workingLine ?? null, teamId: t.team_id, agentId: t.assignee_id, since: own.line_entered_at },
    escalations: own.escalations,
    returns: own.returns,
    returnedAt: own.returned_at,
  };
}
