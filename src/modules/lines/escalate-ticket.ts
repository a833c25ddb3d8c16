import type { AppContext } from '../../shared/context.js';
import type { Ticket } from '../../db/schema.js';
import type { Actor } from '../identity/actor.js';
import { loadVisibleTicket } from '../tickets/index.js';
import { assertWorksOn } from './policy.js';
import { moveTicketToLine } from './move-ticket-to-line.js';
import { catalogueLineage, keepsCustomerContact, loadOwnership, pickTeamForLine, saveOwnership } from './queries.js';
import { assertEscalationInfo } from './requirements.js';
import { closedTicket, invalidField, noHigherLine } from './errors.js';
import type { EscalateInput } from './schemas.js';

// Moved to requirements.ts with the form fields it is now unified with; re-exported for existing callers.
export { requiredInformation } from './requirements.js';

/**
 * Functional escalation to a higher line with a reason and a hand-over. The customer-facing owner
 * (by default L1, per line setting) stays; the receiving team's queue gets the request unassigned,
 * or auto-assigned when the team has that on.
 */
export async function escalateTicket(ctx: AppContext, actor: Actor, key: string, input: EscalateInput): Promise<Ticket> {
  return ctx.db.transaction().execute(async (trx) => {
    const t = await loadVisibleTicket(trx, actor, key, true);
    assertWorksOn(actor, t);
    if (t.status === 'resolved' || t.status === 'closed') throw closedTicket(t.status);
    const lines = await trx.selectFrom('lines').selectAll().orderBy('level').execute();
    const current = lines.find((l) => l.id === t.line_id) ?? lines[0];
    if (!current) throw noHigherLine();
    const target = input.toLineCode ? lines.find((l) => l.code === input.toLineCode) : lines.find((l) => l.level > current.level);
    if (input.toLineCode && !target) throw invalidField('toLineCode', 'no such line');
    if (!target) throw noHigherLine();
    if (target.level <= current.level) throw invalidField('toLineCode', `must be a line above ${current.code}`);

    const reason = await trx.selectFrom('escalation_reasons').select(['id', 'code']).where('code', '=', input.reasonCode).where('active', '=', true).executeTakeFirst();
    if (!reason) throw invalidField('reasonCode', 'no such active escalation reason');

    const lineage = t.catalogue_item_id ? await catalogueLineage(trx, t.catalogue_item_id) : [];
    const team = input.toTeamId
      ? await trx.selectFrom('teams').select(['id', 'line_id', 'confidential', 'active']).where('id', '=', input.toTeamId).executeTakeFirst()
      : await pickTeamForLine(trx, target.id, lineage, t.type).then((p) => (p ? { ...p, line_id: target.id, active: true } : undefined));
    if (input.toTeamId && (!team || team.line_id !== target.id || !team.active)) throw invalidField('toTeamId', `not an active team of ${target.code}`);

    if (current.level === 1) {
      await assertEscalationInfo(trx, t);
    }

    const now = ctx.clock.now();
    const own = await loadOwnership(trx, t);
    const handover = await trx
      .insertInto('ticket_handovers')
      .values({
        ticket_id: t.id,
        kind: 'escalation',
        from_line_id: t.line_id,
        from_team_id: t.team_id,
        to_line_id: target.id,
        to_team_id: team?.id ?? null,
        reason_id: reason.id,
        reason_text: input.reasonText ?? '',
        checked: input.handover.checked,
        found: input.handover.found,
        told_customer: input.handover.toldCustomer,
        actor_id: actor.userId,
        from_entered_at: own.line_entered_at,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    // The first line that keeps customer contact stays the customer's owner until the request comes back.
    const keepOwner = own.customer_line_id === null && keepsCustomerContact(current);
    await saveOwnership(trx, {
      ...own,
      ...(keepOwner ? { customer_line_id: current.id, customer_team_id: t.team_id, customer_agent_id: t.assignee_id } : {}),
      line_entered_at: now,
      escalations: own.escalations + 1,
      returned_at: null,
    });

    return moveTicketToLine(ctx, trx, actor, t, {
      line: target,
      fromLineCode: current.code,
      team: team ?? null,
      assigneeId: null,
      status: t.status === 'new' ? 'open' : t.status,
      event: 'ticket.escalated',
      data: { handoverId: handover.id, reasonCode: reason.code },
      at: now,
    });
  });
}
