/**
 * The nearest running SLA deadline of each request on a list page, from one query over the page's
 * clocks (never one query per row), so queues can show and sort by it without asking per request.
 */
import { z } from 'zod';
import type { Executor } from '../../db/executor.js';
import type { Actor } from '../identity/actor.js';
import { isCustomerMetric } from './plan-store.js';

export const slaDueView = z
  .object({
    metric: z.string().describe('the clock nearest its deadline: first_response, next_response, resolution, vendor or ola:<line>'),
    state: z.enum(['ok', 'warning', 'breached', 'paused']).describe('warning = a warning point has been reached'),
    dueAt: z.date().nullable().describe('the due instant; null while paused'),
    remainingMs: z.number().describe('running: real time until the due instant (negative when overdue); paused: business time left of the target'),
    targetMs: z.number(),
  })
  .describe("the request's nearest running SLA deadline");
export type SlaDue = z.infer<typeof slaDueView>;

function visible(actor: Pick<Actor, 'kind'>, metric: string): boolean {
  if (actor.kind === 'staff' || actor.kind === 'integration') return true;
  if (actor.kind === 'vendor') return metric === 'vendor';
  return isCustomerMetric(metric);
}

/** Overdue first, then running by due instant, then paused by what is left (the web queue's order too). */
function rank(d: SlaDue): number {
  if (d.state === 'paused') return 1e15 + d.remainingMs;
  return d.dueAt ? d.dueAt.getTime() : Number.MAX_SAFE_INTEGER;
}

/** ticket id → its nearest live deadline, for the clocks this actor may see; requests without one are absent. */
export async function nearestDeadlines(exec: Executor, actor: Pick<Actor, 'kind'>, ticketIds: readonly string[], now: Date): Promise<Map<string, SlaDue>> {
  const out = new Map<string, SlaDue>();
  if (ticketIds.length === 0) return out;
  const rows = await exec
    .selectFrom('sla_clocks')
    .select(['ticket_id', 'metric', 'state', 'counting', 'due_at', 'breached_at', 'target_ms', 'elapsed_ms', 'timers'])
    .where('ticket_id', 'in', [...ticketIds])
    .where('stopped_at', 'is', null)
    .where('state', 'in', ['running', 'paused', 'breached'])
    .where('target_ms', 'is not', null)
    .execute();
  const t = now.getTime();
  for (const r of rows) {
    if (!visible(actor, r.metric) || r.target_ms === null) continue;
    const dueAt = r.counting ? r.due_at : r.state === 'breached' ? (r.breached_at ?? r.due_at) : null;
    const overdue = r.state === 'breached' || (r.counting && r.due_at !== null && r.due_at.getTime() <= t);
    // The timer map holds each warning point's instant (done once recorded): reached = a warning.
    const warned = Object.entries(r.timers ?? {}).some(([point, timer]) => point !== 'breach' && (timer.done === true || timer.at <= t));
    const state: SlaDue['state'] = overdue ? 'breached' : !r.counting ? 'paused' : warned ? 'warning' : 'ok';
    const remainingMs = r.counting && r.due_at ? r.due_at.getTime() - t : r.target_ms - r.elapsed_ms;
    const due: SlaDue = { metric: r.metric, state, dueAt, remainingMs, targetMs: r.target_ms };
    const had = out.get(r.ticket_id);
    if (!had || rank(due) < rank(had)) out.set(r.ticket_id, due);
  }
  return out;
}
