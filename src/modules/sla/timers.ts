/**
 * Durable deadlines: the next warning point or the breach of a clock is a pg-boss job that starts at
 * its instant, sent in the transaction that moved the clock. When the instant moves, the old job is
 * cancelled and a new one sent, so pending jobs track due deadlines, not open requests.
 */
import { sql } from 'kysely';
import { z } from 'zod';
import type { Executor } from '../../db/executor.js';
import { JOB_SCHEMA, type JobQueue } from '../../jobs/queue.js';
import type { ClockView } from './clock.js';

export const timerPayload = z.object({
  ticketId: z.uuid(),
  metric: z.string().min(1).max(80),
  cycle: z.number().int().min(1),
  /** A warning fraction as text ('0.75') or 'breach'. */
  point: z.string().min(1).max(20),
  /** The instant the job was scheduled for (epoch ms); a different current instant means it is stale. */
  at: z.number().int(),
});
export type TimerPayload = z.infer<typeof timerPayload>;

export type Timers = Record<string, { at: number; job: string | null; done?: boolean }>;

/** Where each point of the clock stands: its instant (past or projected), or null when it cannot come. */
export function pointInstants(view: ClockView): Map<string, number | null> {
  const out = new Map<string, number | null>();
  for (const w of view.warnings) out.set(String(w.fraction), (w.firedAt ?? w.dueAt)?.getTime() ?? null);
  const breach = view.breachedAt ?? (view.counting ? view.dueAt : null);
  if (view.targetMs !== null) out.set('breach', breach?.getTime() ?? null);
  return out;
}

/** Marks the jobs cancelled the way pg-boss's own cancel() does, but inside our transaction. */
async function cancelJobs(exec: Executor, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await sql`UPDATE ${sql.table(`${JOB_SCHEMA}.job`)} SET state = 'cancelled', completed_on = now()
    WHERE name = 'sla.timer' AND id = ANY(${sql.val(ids)}::uuid[]) AND state < 'completed'`.execute(exec);
}

export async function sendTimer(exec: Executor, jobs: Pick<JobQueue, 'send'>, p: TimerPayload, startAfter = new Date(p.at)): Promise<string | null> {
  return jobs.send(exec, 'sla.timer', p, {
    startAfter,
    singletonKey: `${p.ticketId}:${p.metric}:${p.point}:${p.at}`,
    retryLimit: 10,
    retryDelay: 2,
    retryBackoff: true,
  });
}

/**
 * Brings the clock's jobs in line with its current instants and returns the new timer map.
 * Points already recorded (`done`) never get a job again.
 */
export async function syncTimers(
  exec: Executor,
  jobs: Pick<JobQueue, 'send'>,
  clock: { ticketId: string; metric: string; cycle: number },
  view: ClockView,
  current: Timers,
): Promise<Timers> {
  const next: Timers = {};
  const cancel: string[] = [];
  const instants = pointInstants(view);
  // Only the earliest pending point has a job: when it fires, the clock is refreshed and the next point
  // is scheduled then. One job per clock keeps a create (and an outage storm) cheap.
  let earliest: string | undefined;
  for (const [point, at] of instants) {
    if (at === null || current[point]?.done) continue;
    if (earliest === undefined || at < (instants.get(earliest) ?? Infinity)) earliest = point;
  }
  for (const [point, instant] of instants) {
    const had = current[point];
    if (had?.done) {
      next[point] = had;
      continue;
    }
    const at = point === earliest ? instant : null;
    if (at === null || at === undefined) {
      if (had?.job) cancel.push(had.job);
      continue;
    }
    if (had && had.at === at) {
      next[point] = had;
      continue;
    }
    if (had?.job) cancel.push(had.job);
    const job = await sendTimer(exec, jobs, { ...clock, point, at });
    next[point] = { at, job };
  }
  // Points no longer defined (e.g. the target was removed) lose their jobs too.
  for (const [point, had] of Object.entries(current)) if (!(point in next) && !had.done && had.job && !cancel.includes(had.job)) cancel.push(had.job);
  await cancelJobs(exec, cancel);
  return next;
}

/** Cancels every pending job of a clock (a new cycle starts with a fresh map). */
export async function cancelAll(exec: Executor, current: Timers): Promise<void> {
  await cancelJobs(
    exec,
    Object.values(current)
      .filter((t) => !t.done && t.job)
      .map((t) => t.job as string),
  );
}
