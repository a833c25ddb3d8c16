import type { AppContext } from '../../shared/context.js';
import type { Ticket } from '../../db/schema.js';
import type { Actor } from '../identity/actor.js';
import { loadVisibleTicket } from '../tickets/index.js';
import { assertWorksOn } from './policy.js';
import { moveTicketToLine } from './move-ticket-to-line.js';
import { catalogueLineage, loadOwnership, pickTeamForLine, saveOwnership } from './queries.js';
import { closedTicket, invalidField, noLowerLine } from './errors.js';
import type { ReturnInput } from './schemas.js';

/**
 * De-escalation to a lower line with instructions. By default it goes back to the team that escalated it;
 * back at the customer-facing owner's team it goes to the owner's agent again, who answers the customer.
 */
export async function returnTicket(ctx: AppContext, actor: Actor, key: string, input: ReturnInput): Promise<Ticket> {
  return ctx.db.transaction().execute(async (trx) => {
    const t = await loadVisibleTicket(trx, actor, key, true);
    assertWorksOn(actor, t);
    if (t.status === 'resolved' || t.status === 'closed') throw closedTicket(t.status);
    const lines = await trx.selectFrom('lines').selectAll().orderBy('level').execute();
    const current = lines.find((l) => l.id === t.line_id);
    if (!current) throw noLowerLine();
    const own = await loadOwnership(trx, t);
    const lastEscalation = await trx
      .selectFrom('ticket_handovers')
      .select(['from_line_id', 'from_team_id'])
      .where('ticket_id', '=', t.id)
      .where('kind', '=', 'escalation')
      .where('to_line_id', '=', current.id)
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();

    const target = input.toLineCode
      ? lines.find((l) => l.code === input.toLineCode)
      : (lines.find((l) => l.id === lastEscalation?.from_line_id && l.level < current.level) ?? [...lines].reverse().find((l) => l.level < current.level));
    if (input.toLineCode && !target) throw invalidField('toLineCode', 'no such line');
    if (!target) throw noLowerLine();
    if (target.level >= current.level) throw invalidField('toLineCode', `must be a line below ${current.code}`);

    let teamId: string | null;
    if (input.toTeamId) {
      const team = await trx.selectFrom('teams').select(['id', 'line_id', 'active']).where('id', '=', input.toTeamId).executeTakeFirst();
      if (!team || team.line_id !== target.id || !team.active) throw invalidField('toTeamId', `not an active team of ${target.code}`);
      teamId = team.id;
    } else if (lastEscalation?.from_line_id === target.id && lastEscalation.from_team_id) {
      teamId = lastEscalation.from_team_id;
    } else if (own.customer_line_id === target.id && own.customer_team_id) {
      teamId = own.customer_team_id;
    } else {
      const lineage = t.catalogue_item_id ? await catalogueLineage(trx, t.catalogue_item_id) : [];
      teamId = (await pickTeamForLine(trx, target.id, lineage, t.type))?.id ?? null;
    }
    const team = teamId ? await trx.selectFrom('teams').select(['confidential']).where('id', '=', teamId).executeTakeFirst() : undefined;
    const backToOwner = own.customer_line_id === target.id && own.customer_team_id === teamId;
    const assigneeId = backToOwner ? own.customer_agent_id : null;

    const now = ctx.clock.now();
    const handover = await trx
      .insertInto('ticket_handovers')
      .values({
        ticket_id: t.id,
        kind: 'return',
        from_line_id: t.line_id,
        from_team_id: t.team_id,
        to_line_id: target.id,
        to_team_id: teamId,
        instructions: input.instructions,
        actor_id: actor.userId,
        from_entered_at: own.line_entered_at,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await saveOwnership(trx, {
      ...own,
      ...(backToOwner || target.level <= (lines.find((l) => l.id === own.customer_line_id)?.level ?? 0)
        ? { customer_line_id: null, customer_team_id: null, customer_agent_id: null }
        : {}),
      line_entered_at: now,
      returns: own.returns + 1,
      returned_at: now,
    });
    return moveTicketToLine(ctx, trx, actor, t, {
      line: target,
      fromLineCode: current.code,
      team: teamId ? { id: teamId, confidential: team?.confidential ?? false } : null,
      assigneeId,
      event: 'ticket.returned',
      data: { handoverId: handover.id },
      at: now,
    });
  });
}
