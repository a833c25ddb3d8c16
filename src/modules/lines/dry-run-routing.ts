import type { AppContext } from '../../shared/context.js';
import type { Channel, Priority, TicketType } from '../../db/schema.js';
import type { Actor } from '../identity/actor.js';
import { loadVisibleTicket } from '../tickets/index.js';
import { assertStaffActor } from './policy.js';
import { routeRequest } from './route-request.js';
import type { RoutingRule } from './rules.js';
import { classifiedFacts } from '../classification/routing-facts.js';

export interface DryRunInput {
  key?: string;
  request?: {
    type: TicketType;
    catalogueItemId?: string;
    priority?: Priority;
    organizationId?: string;
    channel?: Channel;
    region?: string;
    subject?: string;
    description?: string;
  };
  rules?: RoutingRule[];
}

/** Which rule would route this request (an existing one by key, or a request body) and why every rule did or did not match. */
export async function dryRunRouting(ctx: AppContext, actor: Actor, input: DryRunInput) {
  assertStaffActor(actor);
  let facts: DryRunInput['request'] & object;
  let ticketId: string | null = null;
  if (input.key) {
    const t = await loadVisibleTicket(ctx.db, actor, input.key);
    ticketId = t.id;
    facts = {
      type: t.type,
      catalogueItemId: t.catalogue_item_id ?? undefined,
      priority: t.priority,
      organizationId: t.organization_id,
      channel: t.channel,
      region: t.region ?? undefined,
      subject: t.subject,
      description: t.description,
    };
  } else {
    facts = input.request ?? { type: 'incident' };
  }
  const classified = await classifiedFacts(ctx.db, ticketId ? { ticketId } : { subject: facts.subject ?? '', description: facts.description ?? '' });
  const d = await routeRequest(ctx.db, { ...facts, catalogueItemId: facts.catalogueItemId ?? null, classified }, { draft: input.rules, explain: true });
  const [line, team] = await Promise.all([
    d.lineId ? ctx.db.selectFrom('lines').select(['id', 'code']).where('id', '=', d.lineId).executeTakeFirst() : undefined,
    d.teamId ? ctx.db.selectFrom('teams').select(['id', 'code']).where('id', '=', d.teamId).executeTakeFirst() : undefined,
  ]);
  const matched = d.trace.find((r) => r.matched);
  return {
    ruleSetVersion: d.ruleSetVersion,
    matchedRule: matched ? { index: matched.index, id: matched.ruleId, name: matched.name } : null,
    decision: { line: line ?? null, team: team ?? null, priority: d.priority, tags: d.tags, source: d.source },
    explanation: d.trace.map((r) => ({
      index: r.index,
      ruleId: r.ruleId,
      name: r.name,
      enabled: r.enabled,
      matched: r.matched,
      checks: r.checks,
      why: !r.enabled
        ? 'disabled'
        : r.matched
          ? 'all conditions hold'
          : r.checks.every((c) => c.ok)
            ? 'matches, but an earlier rule matched first'
            : `failed: ${r.checks.filter((c) => !c.ok).map((c) => c.condition).join(', ')}`,
    })),
    facts: { ...d.facts },
  };
}
