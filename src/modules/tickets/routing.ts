import type { Executor } from '../../db/executor.js';
import type { Priority, TicketType } from '../../db/schema.js';
import { routeRequest, type RoutingDecision, type RoutingInput } from '../lines/route-request.js';

/**
 * Ownership of a new request, decided by the routing rules of the lines module (first matching rule,
 * then the catalogue item's defaults, then L1, which takes in every request). Pass the optional facts
 * (priority, organisation, channel, region, text) so rules on them can match.
 */
export async function defaultRouting(exec: Executor, input: RoutingInput): Promise<RoutingDecision> {
  const { trace: _trace, facts: _facts, ...decision } = await routeRequest(exec, input);
  return decision;
}

export function defaultPriority(type: TicketType): Priority {
  if (type === 'security') return 'high';
  if (type === 'incident') return 'medium';
  return 'low';
}
