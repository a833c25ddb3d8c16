/**
 * `GET /tickets/{key}/sla`: every clock of a request, folded at the current instant, with the
 * timeline that explains its due date. Customers see their contract's clocks; OLA and vendor clocks
 * are internal; a vendor sees only the clock that measures the vendor.
 */
import type { AppContext } from '../../shared/context.js';
import type { Actor } from '../identity/actor.js';
import { loadVisibleTicket } from '../tickets/index.js';
import { clockEvents, foldStored } from './clock-store.js';
import { calendarFor, isCustomerMetric, loadOrgSla, slaExemption } from './plan-store.js';
import type { TimelineEntry } from './clock.js';

function visibleMetric(actor: Actor, metric: string): boolean {
  if (actor.kind === 'staff' || actor.kind === 'integration') return true;
  if (actor.kind === 'vendor') return metric === 'vendor';
  return isCustomerMetric(metric);
}

type Labeller = (e: { actor_id: string | null; actor_kind: string; actor_name: string | null }) => string | undefined;

/** Staff see who did it; others see the side (support, customer, vendor) but not staff names. */
function labeller(actor: Actor): Labeller {
  if (actor.kind === 'staff' || actor.kind === 'integration') return (e) => e.actor_name ?? e.actor_kind;
  return (e) => (e.actor_kind === 'staff' || e.actor_kind === 'integration' ? 'support' : e.actor_id === actor.userId ? (e.actor_name ?? e.actor_kind) : e.actor_kind);
}

export async function explainTicketSla(ctx: AppContext, actor: Actor, key: string) {
  const t = await loadVisibleTicket(ctx.db, actor, key);
  const rows = (await ctx.db.selectFrom('sla_clocks').selectAll().where('ticket_id', '=', t.id).orderBy('metric').execute()).filter((r) => visibleMetric(actor, r.metric));
  const sla = await loadOrgSla(ctx.db, t.organization_id);
  const marks = await ctx.db.selectFrom('sla_marks').select(['metric', 'cycle', 'point', 'recorded_at']).where('ticket_id', '=', t.id).execute();
  const now = ctx.clock.now();
  const label = labeller(actor);
  const clocks = [];
  for (const r of rows) {
    const events = await clockEvents(ctx.db, t.id, r.metric, r.cycle);
    const view = foldStored(events, calendarFor(r.calendar, sla), sla.catalogue.warnAt, now, label);
    const recorded = (point: string) => marks.find((m) => m.metric === r.metric && m.cycle === r.cycle && m.point === point)?.recorded_at ?? null;
    clocks.push({
      metric: r.metric,
      cycle: r.cycle,
      state: view.state,
      counting: view.counting,
      plan: r.plan_code,
      priority: r.priority,
      calendar: r.calendar,
      targetMs: view.targetMs,
      elapsedMs: view.elapsedMs,
      pausedMs: view.pausedMs,
      remainingMs: view.remainingMs,
      percent: view.percent === null ? null : Math.round(view.percent * 10) / 10,
      startedAt: view.startedAt,
      stoppedAt: view.stoppedAt,
      dueAt: view.dueAt,
      breachedAt: view.breachedAt,
      breachRecordedAt: recorded('breach'),
      warnings: view.warnings.map((w) => ({ ...w, recordedAt: recorded(String(w.fraction)) })),
      timeline: view.timeline.map((e: TimelineEntry) => ({
        at: e.at,
        kind: e.kind,
        note: e.note,
        by: e.by ?? null,
        reason: e.reason ?? null,
        elapsedMs: e.elapsedMs,
        targetMs: e.targetMs,
        dueAt: e.dueAt ?? null,
        fraction: e.fraction ?? null,
      })),
    });
  }
  // A beta service runs no customer clock (or cancelled them when the request moved there): say so.
  const exemption = clocks.some((c) => isCustomerMetric(c.metric) && c.state !== 'cancelled') ? null : await slaExemption(ctx.db, t.catalogue_item_id);
  return {
    key: t.key,
    plan: sla.planCode,
    timeZone: sla.timeZone,
    requestType: t.type,
    evaluatedAt: now,
    noSla: exemption ? { reason: exemption.reason, message: 'no SLA: beta service', catalogueItem: exemption.catalogueItem } : null,
    clocks,
  };
}
