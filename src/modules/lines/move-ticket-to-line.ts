import type { AppContext } from '../../shared/context.js';
import type { Executor } from '../../db/executor.js';
import type { Ticket, TicketStatus } from '../../db/schema.js';
import type { Actor } from '../identity/actor.js';
import { recordEvent } from '../audit/index.js';
import { autoAssignTicket } from './auto-assign-ticket.js';
import { versionConflict } from './apply-assignment.js';

export interface LineMove {
  line: { id: string; code: string };
  fromLineCode: string;
  team: { id: string; confidential: boolean } | null;
  assigneeId: string | null;
  status?: TicketStatus;
  event: 'ticket.escalated' | 'ticket.returned';
  data: Record<string, unknown>;
  at: Date;
}

/**
 * Hands the request to another line (escalation or return): the ownership columns, the version, the
 * history event, then automatic assignment in the receiving team — all in the caller's transaction.
 */
export async function moveTicketToLine(ctx: AppContext, exec: Executor, actor: Actor, t: Ticket, move: LineMove): Promise<Ticket> {
  const teamId = move.team?.id ?? null;
  const updated = await exec
    .updateTable('tickets')
    .set({
      line_id: move.line.id,
      team_id: teamId,
      assignee_id: move.assigneeId,
      confidential: (move.team?.confidential ?? false) || t.type === 'security',
      ...(move.status ? { status: move.status } : {}),
      updated_at: move.at,
      version: t.version + 1,
    })
    .where('id', '=', t.id)
    .where('version', '=', t.version)
    .returningAll()
    .executeTakeFirst();
  if (!updated) throw versionConflict(t.version + 1);
  await recordEvent(exec, ctx.jobs, {
    type: move.event,
    ticketId: t.id,
    organizationId: t.organization_id,
    actorId: actor.userId,
    visibility: 'internal',
    changes: {
      lineId: { from: t.line_id, to: move.line.id },
      teamId: { from: t.team_id, to: teamId },
      ...(t.assignee_id !== move.assigneeId ? { assigneeId: { from: t.assignee_id, to: move.assigneeId } } : {}),
    },
    data: { fromLine: move.fromLineCode, toLine: move.line.code, ...move.data },
    at: move.at,
  });
  return autoAssignTicket(ctx, exec, updated);
}
