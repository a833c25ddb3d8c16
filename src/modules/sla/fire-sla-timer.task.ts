/**
 * The job behind every warning and breach instant. It re-folds the clock (events may have arrived
 * since the job was scheduled) and records the point once: the (ticket, metric, cycle, point) key of
 * sla_marks makes a second process, a retry or a duplicate job a no-op.
 */
import type { AppContext } from '../../shared/context.js';
import { recordEvent } from '../audit/index.js';
import { clockEvents, foldStored, lockClock, refreshClock } from './clock-store.js';
import { runEscalation } from './escalation.js';
import { calendarFor, loadOrgSla } from './plan-store.js';
import { pointInstants, sendTimer, timerPayload, type TimerPayload } from './timers.js';

export type FireOutcome = 'recorded' | 'duplicate' | 'stale' | 'early' | 'gone';

/** How long after an early job its retry starts; an app clock behind the database's fires jobs early. */
const EARLY_RETRY_MS = 250;

/** Thrown inside the firing transaction to undo it when the point was already recorded. */
class Duplicate extends Error {}

export async function fireSlaTimer(ctx: AppContext, raw: unknown): Promise<FireOutcome> {
  const p = timerPayload.parse(raw);
  try {
    return await fire(ctx, p);
  } catch (err) {
    if (err instanceof Duplicate) return 'duplicate';
    throw err;
  }
}

async function fire(ctx: AppContext, p: TimerPayload): Promise<FireOutcome> {
  return ctx.db.transaction().execute(async (trx) => {
    // The request first, then its clock: the same lock order as every request change. The names for the
    // snapshot come with it (only the request row is locked).
    const locked = await trx
      .selectFrom('tickets as t')
      .leftJoin('lines as l', 'l.id', 't.line_id')
      .leftJoin('teams as tm', 'tm.id', 't.team_id')
      .leftJoin('users as u', 'u.id', 't.assignee_id')
      .selectAll('t')
      .select(['l.code as snapshot_line', 'tm.code as snapshot_team', 'u.name as snapshot_assignee'])
      .where('t.id', '=', p.ticketId)
      .forUpdate('t')
      .executeTakeFirst();
    if (!locked) return 'gone';
    const { snapshot_line, snapshot_team, snapshot_assignee, ...t } = locked;
    const row = await lockClock(trx, t.id, p.metric);
    if (!row || row.cycle !== p.cycle || row.timers[p.point]?.done) return 'stale';
    const sla = await loadOrgSla(trx, t.organization_id);
    const now = ctx.clock.now();
    const events = await clockEvents(trx, t.id, p.metric, p.cycle);
    const view = foldStored(events, calendarFor(row.calendar, sla), sla.catalogue.warnAt, now, () => undefined);
    if (pointInstants(view).get(p.point) !== p.at) {
      // The instant moved (or cannot come any more): make sure the current instants have jobs, do nothing else.
      await refreshClock(trx, ctx.jobs, row, sla, now, view);
      return 'stale';
    }
    const warning = view.warnings.find((w) => String(w.fraction) === p.point);
    const fired = p.point === 'breach' ? view.breachedAt !== null : Boolean(warning?.firedAt);
    if (!fired) {
      const job = await sendTimer(trx, ctx.jobs, p, new Date(Math.max(p.at, now.getTime()) + EARLY_RETRY_MS));
      await trx
        .updateTable('sla_clocks')
        .set({ timers: JSON.stringify({ ...row.timers, [p.point]: { at: p.at, job } }) })
        .where('ticket_id', '=', t.id)
        .where('metric', '=', p.metric)
        .execute();
      return 'early';
    }
    const dueAt = new Date(p.at);
    const snapshot = {
      key: t.key,
      status: t.status,
      priority: t.priority,
      line: snapshot_line,
      team: snapshot_team,
      assigneeId: t.assignee_id,
      assignee: snapshot_assignee,
      plan: row.plan_code,
      targetMs: view.targetMs,
      elapsedMs: view.elapsedMs,
      pausedMs: view.pausedMs,
      clockState: view.state,
    };
    const eventId = await recordEvent(trx, ctx.jobs, {
      type: p.point === 'breach' ? 'sla.breached' : 'sla.warned',
      ticketId: t.id,
      organizationId: t.organization_id,
      actorId: null,
      visibility: 'internal',
      data: { metric: p.metric, cycle: p.cycle, point: p.point, dueAt: dueAt.toISOString(), snapshot },
      at: now,
    });
    // The mark's key is the exactly-once guarantee; a conflict (another process got here first despite the
    // clock lock, e.g. after a cycle reset) rolls the event and everything above back.
    const inserted = await trx
      .insertInto('sla_marks')
      .values({ ticket_id: t.id, metric: p.metric, cycle: p.cycle, point: p.point, due_at: dueAt, recorded_at: now, snapshot: JSON.stringify(snapshot), event_id: eventId })
      .onConflict((oc) => oc.columns(['ticket_id', 'metric', 'cycle', 'point']).doNothing())
      .returning('point')
      .executeTakeFirst();
    if (!inserted) throw new Duplicate();
    await refreshClock(trx, ctx.jobs, { ...row, timers: { ...row.timers, [p.point]: { at: p.at, job: null, done: true } } }, sla, now, view);
    await runEscalation(trx, ctx.jobs, t, { metric: p.metric, point: p.point, planCode: row.plan_code, at: now }, sla.escalation);
    return 'recorded';
  });
}
