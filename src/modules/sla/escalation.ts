/**
 * Hierarchical escalation: each plan has steps keyed by a warning point or the breach; a step notifies
 * people up the hierarchy, raises the priority or moves the request to a team. Notifications are
 * recorded as events here; delivering them is the notifications module's job.
 */
import { z } from 'zod';
import type { Executor } from '../../db/executor.js';
import type { Priority, Ticket } from '../../db/schema.js';
import type { JobQueue } from '../../jobs/queue.js';
import { recordEvent } from '../audit/index.js';

export const escalationAction = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('notify'),
    who: z.enum(['assignee', 'team_lead', 'duty_manager', 'head_of_support']).describe('head_of_support = the administrators'),
  }),
  z.object({ kind: z.literal('raise_priority').describe('one level up, e.g. medium → high; critical stays') }),
  z.object({ kind: z.literal('move_to_team'), team: z.string().min(1).max(40).describe('team code, e.g. L2-COMPUTE') }),
]);
export const escalationStep = z.object({
  on: z.string().regex(/^(0\.\d+|breach)$/).describe("a warning point ('0.75') or 'breach'"),
  metrics: z.array(z.string().min(1).max(80)).optional().describe('only for these clocks; all when absent'),
  actions: z.array(escalationAction).min(1).max(10),
});
export const escalationChain = z.array(escalationStep).max(20);
export type EscalationStep = z.infer<typeof escalationStep>;

const UP: Record<Priority, Priority> = { low: 'medium', medium: 'high', high: 'critical', critical: 'critical' };

async function recipients(exec: Executor, t: Ticket, who: 'assignee' | 'team_lead' | 'duty_manager' | 'head_of_support'): Promise<string[]> {
  switch (who) {
    case 'assignee':
      return t.assignee_id ? [t.assignee_id] : [];
    case 'team_lead': {
      if (!t.team_id) return [];
      const rows = await exec.selectFrom('team_members').select('user_id').where('team_id', '=', t.team_id).where('is_lead', '=', true).execute();
      return rows.map((r) => r.user_id);
    }
    case 'duty_manager':
    case 'head_of_support': {
      const role = who === 'duty_manager' ? 'duty_manager' : 'admin';
      const rows = await exec.selectFrom('users').select('id').where('staff_role', '=', role).where('disabled_at', 'is', null).orderBy('id').limit(20).execute();
      return rows.map((r) => r.id);
    }
  }
}

/** Bumps version and records `ticket.updated` like a staff edit, so clocks retarget and webhooks see it. */
async function changeTicket(exec: Executor, jobs: Pick<JobQueue, 'send'>, t: Ticket, at: Date, patch: { priority?: Priority; team_id?: string; line_id?: string }, changes: Record<string, { from: unknown; to: unknown }>, why: string): Promise<Ticket> {
  const updated = await exec
    .updateTable('tickets')
    .set({ ...patch, version: t.version + 1, updated_at: at })
    .where('id', '=', t.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordEvent(exec, jobs, { type: 'ticket.updated', ticketId: t.id, organizationId: t.organization_id, actorId: null, visibility: 'internal', changes, data: { by: 'sla', reason: why }, at });
  return updated;
}

/** Runs the plan's steps for this point; the ticket row is locked by the caller. */
export async function runEscalation(
  exec: Executor,
  jobs: Pick<JobQueue, 'send'>,
  ticket: Ticket,
  mark: { metric: string; point: string; planCode: string; at: Date },
  /** The plans' chains as loaded with the SLA configuration in this transaction; absent → read from sla_plans. */
  chains?: ReadonlyMap<string, unknown>,
): Promise<void> {
  const stored = chains ? chains.get(mark.planCode) : (await exec.selectFrom('sla_plans').select('escalation').where('plan_code', '=', mark.planCode).executeTakeFirst())?.escalation;
  const chain = escalationChain.safeParse(stored ?? []);
  if (!chain.success) return;
  let t = ticket;
  for (const step of chain.data) {
    if (step.on !== mark.point || (step.metrics && !step.metrics.includes(mark.metric))) continue;
    const done: Record<string, unknown>[] = [];
    const why = `SLA ${mark.metric} ${mark.point === 'breach' ? 'breached' : `at ${Math.round(Number(mark.point) * 100)} %`}`;
    for (const a of step.actions) {
      if (a.kind === 'notify') {
        done.push({ kind: 'notify', who: a.who, userIds: await recipients(exec, t, a.who) });
      } else if (a.kind === 'raise_priority') {
        const to = UP[t.priority];
        if (to === t.priority) continue;
        const from = t.priority;
        t = await changeTicket(exec, jobs, t, mark.at, { priority: to }, { priority: { from, to } }, why);
        done.push({ kind: 'raise_priority', from, to });
      } else {
        const team = await exec.selectFrom('teams').select(['id', 'line_id']).where('code', '=', a.team).executeTakeFirst();
        if (!team || team.id === t.team_id) continue;
        const changes = { teamId: { from: t.team_id, to: team.id }, ...(team.line_id !== t.line_id ? { lineId: { from: t.line_id, to: team.line_id } } : {}) };
        t = await changeTicket(exec, jobs, t, mark.at, { team_id: team.id, line_id: team.line_id }, changes, why);
        done.push({ kind: 'move_to_team', team: a.team });
      }
    }
    await recordEvent(exec, jobs, {
      type: 'sla.escalated',
      ticketId: t.id,
      organizationId: t.organization_id,
      actorId: null,
      visibility: 'internal',
      data: { metric: mark.metric, point: mark.point, actions: done },
      at: mark.at,
    });
  }
}
