import type { AppContext } from '../../shared/context.js';
import type { Executor } from '../../db/executor.js';
import type { Ticket } from '../../db/schema.js';
import { addTags } from './queries.js';
import { autoAssignTicket } from './auto-assign-ticket.js';
import { raiseManagerEscalation } from './manager-escalate-ticket.js';
import type { RoutingDecision } from './route-request.js';

/**
 * What routing does once the request row exists, in the creating transaction: the matching rule's tags,
 * a duty-manager escalation when the rule asks for one, and automatic assignment when the team has it on. create-ticket.ts calls this after its insert.
 */
export async function onTicketCreated(
  ctx: AppContext,
  exec: Executor,
  ticketId: string,
  decision: Pick<RoutingDecision, 'tags' | 'managerEscalation' | 'ruleId'>,
): Promise<Ticket> {
  await addTags(exec, ticketId, decision.tags);
  const t = await exec.selectFrom('tickets').selectAll().where('id', '=', ticketId).executeTakeFirstOrThrow();
  if (decision.managerEscalation) {
    await raiseManagerEscalation(ctx, exec, t, { reason: decision.managerEscalation, raisedById: null, ruleId: decision.ruleId });
  }
  return autoAssignTicket(ctx, exec, t);
}
