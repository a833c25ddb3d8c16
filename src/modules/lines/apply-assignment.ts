import { sql } from 'kysely';
import type { AppContext } from '../../shared/context.js';
import type { Executor } from '../../db/executor.js';
import type { Ticket, TicketUpdate } from '../../db/schema.js';
import { AppError } from '../../shared/errors.js';
import { recordEvent, type Changes } from '../audit/index.js';

export const versionConflict = (current: number) =>
  new AppError('VERSION_CONFLICT', 'The request was changed by someone else; reload and try again', { currentVersion: current });

/** Writes a new assignee with its history event; taking a new request into work opens it. */
export async function applyAssignment(
  ctx: AppContext,
  exec: Executor,
  t: Ticket,
  assigneeId: string | null,
  actorId: string | null,
  data: Record<string, unknown>,
): Promise<Ticket> {
  if (t.assignee_id === assigneeId) return t;
  const now = ctx.clock.now();
  const patch: TicketUpdate = { assignee_id: assigneeId, updated_at: now, version: t.version + 1 };
  const changes: Changes = { assigneeId: { from: t.assignee_id, to: assigneeId } };
  if (assigneeId && t.status === 'new') {
    patch.status = 'open';
    changes.status = { from: 'new', to: 'open' };
  }
  const updated = await exec.updateTable('tickets').set(patch).where('id', '=', t.id).where('version', '=', t.version).returningAll().executeTakeFirst();
  if (!updated) throw versionConflict(t.version + 1);
  if (assigneeId) await touchLastAssigned(exec, assigneeId, now);
  await recordEvent(exec, ctx.jobs, {
    type: 'ticket.assigned',
    ticketId: t.id,
    organizationId: t.organization_id,
    actorId,
    visibility: 'internal',
    changes,
    data,
    at: now,
  });
  return updated;
}

/** Round-robin among equals orders by this timestamp, so every assignment moves the agent to the back. */
export async function touchLastAssigned(exec: Executor, userId: string, at: Date): Promise<void> {
  await exec
    .insertInto('agent_profiles')
    .values({ user_id: userId, capacity: null, last_assigned_at: at })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ last_assigned_at: sql`excluded.last_assigned_at` }))
    .execute();
}
