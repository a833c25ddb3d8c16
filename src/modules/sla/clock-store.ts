/**
 * Stored clocks: appends clock events, re-folds the clock with the pure core and keeps the summary row
 * and the timer jobs current, all in the caller's transaction.
 */
import type { Executor } from '../../db/executor.js';
import type { Priority, TicketType } from '../../db/schema.js';
import type { JobQueue } from '../../jobs/queue.js';
import { evaluateClock, type ClockEvent, type ClockEventKind, type ClockView } from './clock.js';
import { calendarFor, resolveTarget, type OrgSla } from './plan-store.js';
import { cancelAll, syncTimers, type Timers } from './timers.js';
import type { CalendarRef } from './targets.js';

export interface ClockRow {
  ticket_id: string;
  metric: string;
  cycle: number;
  state: string;
  counting: boolean;
  plan_code: string;
  priority: Priority;
  calendar: CalendarRef;
  target_ms: number | null;
  stopped_at: Date | null;
  timers: Timers;
}

export type Phase = 'none' | 'idle' | 'running' | 'paused' | 'stopped';

export function phaseOf(row: Pick<ClockRow, 'state' | 'counting' | 'stopped_at'> | undefined): Phase {
  if (!row) return 'none';
  if (row.state === 'idle') return 'idle';
  if (row.stopped_at !== null || row.state === 'met' || row.state === 'stopped') return 'stopped';
  return row.counting ? 'running' : 'paused';
}

export interface ClockOp {
  kind: ClockEventKind;
  metric: string;
  reason: string;
  /** start only: begin a fresh cycle when the previous one is over (next response, OLA, vendor). */
  freshCycle?: boolean;
}

export interface OpContext {
  ticketId: string;
  priority: Priority;
  /** The request type, for plans with per-type targets. */
  type?: TicketType | null;
  at: Date;
  actorId: string | null;
  actorKind: string;
  sla: OrgSla;
}

export async function lockClock(exec: Executor, ticketId: string, metric: string): Promise<ClockRow | undefined> {
  return exec.selectFrom('sla_clocks').selectAll().where('ticket_id', '=', ticketId).where('metric', '=', metric).forUpdate().executeTakeFirst();
}

export async function clockEvents(exec: Executor, ticketId: string, metric: string, cycle: number) {
  return exec
    .selectFrom('sla_clock_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_id')
    .select(['e.kind', 'e.at', 'e.reason', 'e.actor_id', 'e.actor_kind', 'e.target_ms', 'u.name as actor_name'])
    .where('e.ticket_id', '=', ticketId)
    .where('e.metric', '=', metric)
    .where('e.cycle', '=', cycle)
    .orderBy('e.id')
    .execute();
}

type StoredEvent = Awaited<ReturnType<typeof clockEvents>>[number];

/** Folds one stored clock at `now`; the first start carries the target the clock began with. */
export function foldStored(events: StoredEvent[], calendar: ReturnType<typeof calendarFor>, warnAt: readonly number[], now: Date, label: (e: StoredEvent) => string | undefined): ClockView {
  const first = events.find((e) => e.kind === 'start');
  const folded: ClockEvent[] = events.map((e) => {
    const by = label(e);
    return {
      at: e.at,
      kind: e.kind,
      ...(e.reason ? { reason: e.reason } : {}),
      ...(by ? { by } : {}),
      ...(e.kind === 'retarget' && e.target_ms !== null ? { targetMs: e.target_ms } : {}),
    };
  });
  return evaluateClock({ calendar, targetMs: first?.target_ms ?? null, events: folded, now, warnAt });
}

/**
 * Re-folds a clock and writes its summary and timers. `folded` is the clock's fold at `now` when the caller
 * already made it in this transaction with no clock event appended since (the timer job), saving the re-read.
 */
export async function refreshClock(exec: Executor, jobs: Pick<JobQueue, 'send'>, row: ClockRow, sla: OrgSla, now: Date, folded?: ClockView): Promise<ClockView> {
  const view = folded ?? foldStored(await clockEvents(exec, row.ticket_id, row.metric, row.cycle), calendarFor(row.calendar, sla), sla.catalogue.warnAt, now, () => undefined);
  const timers = await syncTimers(exec, jobs, { ticketId: row.ticket_id, metric: row.metric, cycle: row.cycle }, view, row.timers);
  await exec
    .updateTable('sla_clocks')
    .set({
      state: view.state,
      counting: view.counting,
      target_ms: view.targetMs,
      elapsed_ms: view.elapsedMs,
      paused_ms: view.pausedMs,
      started_at: view.startedAt,
      due_at: view.counting ? view.dueAt : null,
      stopped_at: view.stoppedAt,
      breached_at: view.breachedAt,
      timers: JSON.stringify(timers),
      updated_at: now,
    })
    .where('ticket_id', '=', row.ticket_id)
    .where('metric', '=', row.metric)
    .execute();
  return view;
}

async function appendEvent(exec: Executor, row: Pick<ClockRow, 'ticket_id' | 'metric' | 'cycle'>, op: ClockOp, c: OpContext, targetMs: number | null) {
  await exec
    .insertInto('sla_clock_events')
    .values({
      ticket_id: row.ticket_id,
      metric: row.metric,
      cycle: row.cycle,
      kind: op.kind,
      at: c.at,
      reason: op.reason,
      actor_id: c.actorId,
      actor_kind: c.actorKind,
      target_ms: targetMs,
    })
    .execute();
}

/**
 * Applies one operation if it makes sense in the clock's phase (pausing a stopped clock is a no-op,
 * not an error: events from other modules arrive in any order). Returns whether anything changed.
 */
export async function applyOp(exec: Executor, jobs: Pick<JobQueue, 'send'>, op: ClockOp, c: OpContext): Promise<boolean> {
  let row = await lockClock(exec, c.ticketId, op.metric);
  const phase = phaseOf(row);
  let targetMs: number | null = null;
  switch (op.kind) {
    case 'start': {
      if (phase === 'running' || phase === 'paused') return false;
      const fresh = !row || (op.freshCycle === true && phase === 'stopped');
      if (!fresh) break; // reopen: the same cycle continues (clock.ts semantics)
      const target = await resolveTarget(exec, c.sla, op.metric, c.priority, c.type);
      if (!target) return false;
      targetMs = target.targetMs;
      const values = {
        state: 'idle' as const,
        counting: false,
        plan_code: target.planCode,
        priority: c.priority,
        calendar: target.calendar,
        target_ms: target.targetMs,
        elapsed_ms: 0,
        paused_ms: 0,
        started_at: null,
        due_at: null,
        stopped_at: null,
        breached_at: null,
        timers: '{}',
        updated_at: c.at,
      };
      if (row) {
        await cancelAll(exec, row.timers);
        row = await exec
          .updateTable('sla_clocks')
          .set({ ...values, cycle: row.cycle + 1 })
          .where('ticket_id', '=', c.ticketId)
          .where('metric', '=', op.metric)
          .returningAll()
          .executeTakeFirstOrThrow();
      } else {
        row = await exec
          .insertInto('sla_clocks')
          .values({ ticket_id: c.ticketId, metric: op.metric, ...values })
          .returningAll()
          .executeTakeFirstOrThrow();
      }
      break;
    }
    case 'pause':
      if (phase !== 'running') return false;
      break;
    case 'resume':
      if (phase !== 'paused') return false;
      break;
    case 'stop':
    case 'cancel':
      if (phase !== 'running' && phase !== 'paused') return false;
      break;
    case 'retarget': {
      if (phase !== 'running' && phase !== 'paused') return false;
      const target = await resolveTarget(exec, c.sla, op.metric, c.priority, c.type);
      if (!row || !target || (target.targetMs === row.target_ms && target.calendar === row.calendar)) {
        // Same target: nothing to record, but the calendar (e.g. the organisation's zone) may have moved the instants.
        if (row) {
          await exec.updateTable('sla_clocks').set({ priority: c.priority }).where('ticket_id', '=', c.ticketId).where('metric', '=', op.metric).execute();
          await refreshClock(exec, jobs, row, c.sla, c.at);
        }
        return false;
      }
      targetMs = target.targetMs;
      // The calendar may change with the priority (Business: critical is 24/7); the fold uses the new one throughout.
      await exec
        .updateTable('sla_clocks')
        .set({ priority: c.priority, plan_code: target.planCode, calendar: target.calendar })
        .where('ticket_id', '=', c.ticketId)
        .where('metric', '=', op.metric)
        .execute();
      if (row) row = { ...row, priority: c.priority, plan_code: target.planCode, calendar: target.calendar };
      break;
    }
  }
  if (!row) return false;
  await appendEvent(exec, row, op, c, targetMs);
  await refreshClock(exec, jobs, row, c.sla, c.at);
  return true;
}
