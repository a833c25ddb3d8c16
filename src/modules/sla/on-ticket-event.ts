/**
 * Maps request events to clock operations, inside the transaction that records the event (see
 * audit/record-event.ts `subscribe`), so a clock never disagrees with the request it measures.
 */
import type { Executor } from '../../db/executor.js';
import type { Priority, TicketStatus } from '../../db/schema.js';
import type { JobQueue } from '../../jobs/queue.js';
import type { RecordedEvent } from '../audit/index.js';
import { applyOp, type ClockOp, type OpContext } from './clock-store.js';
import { CUSTOMER_METRICS, isCustomerMetric, loadOrgSla, slaExemption } from './plan-store.js';

const PENDING: readonly string[] = ['pending_customer', 'pending_vendor'];
const DONE: readonly string[] = ['resolved', 'closed'];

function statusChange(e: RecordedEvent): { from: TicketStatus; to: TicketStatus } | null {
  const s = e.changes?.status;
  return s && typeof s.from === 'string' && typeof s.to === 'string' ? { from: s.from as TicketStatus, to: s.to as TicketStatus } : null;
}

const each = (metrics: readonly string[], kind: ClockOp['kind'], reason: string): ClockOp[] => metrics.map((metric) => ({ kind, metric, reason }));

/** What a status move does to the clocks. */
function statusOps(from: TicketStatus, to: TicketStatus, running: string[]): ClockOp[] {
  const ops: ClockOp[] = [];
  const ola = running.filter((m) => m.startsWith('ola:'));
  if (from === 'pending_vendor' && to !== 'pending_vendor') ops.push({ kind: 'stop', metric: 'vendor', reason: `no longer waiting for the vendor (${to})` });
  if (to === 'pending_customer') ops.push(...each(CUSTOMER_METRICS, 'pause', 'waiting for the customer'));
  if (to === 'pending_vendor') {
    ops.push(...each(CUSTOMER_METRICS, 'pause', 'waiting for the vendor'));
    ops.push({ kind: 'start', metric: 'vendor', reason: 'handed to the vendor', freshCycle: true });
  }
  if (PENDING.includes(from) && !PENDING.includes(to) && !DONE.includes(to)) ops.push(...each(CUSTOMER_METRICS, 'resume', `back to ${to}`));
  if (to === 'resolved') ops.push(...each([...CUSTOMER_METRICS, 'vendor', ...ola], 'stop', 'resolved'));
  if (to === 'closed') ops.push(...each([...CUSTOMER_METRICS, 'vendor', ...ola], 'stop', 'closed'));
  if (DONE.includes(from) && !DONE.includes(to)) ops.push({ kind: 'start', metric: 'resolution', reason: 'reopened' });
  return ops;
}

async function actorKindOf(exec: Executor, e: RecordedEvent): Promise<string> {
  if (typeof e.data?.authorKind === 'string') return e.data.authorKind;
  if (!e.actorId) return 'system';
  const u = await exec.selectFrom('users').select('kind').where('id', '=', e.actorId).executeTakeFirst();
  return u?.kind ?? 'system';
}

/** The first thing a line does after an escalation stops its OLA clock: a reply, a note, a status move, taking it. */
async function olaStops(exec: Executor, e: RecordedEvent, running: string[], actorKind: string): Promise<ClockOp[]> {
  const ola = running.filter((m) => m.startsWith('ola:'));
  if (ola.length === 0 || !e.actorId || actorKind !== 'staff') return [];
  const acting = ['ticket.replied', 'ticket.note_added', 'ticket.status_changed', 'ticket.resolved', 'ticket.assigned'];
  if (!acting.includes(e.type)) return [];
  if (e.type === 'ticket.assigned' && e.changes?.assigneeId?.to !== e.actorId) return [];
  const lines = await exec.selectFrom('line_members as m').innerJoin('lines as l', 'l.id', 'm.line_id').select('l.code').where('m.user_id', '=', e.actorId).execute();
  const mine = new Set(lines.map((l) => `ola:${l.code}`));
  return ola.filter((m) => mine.has(m)).map((metric) => ({ kind: 'stop', metric, reason: `first action by ${metric.slice(4)} (${e.type})` }));
}

export async function opsFor(exec: Executor, e: RecordedEvent, running: string[], actorKind: string): Promise<ClockOp[]> {
  const ops: ClockOp[] = [];
  const data = e.data ?? {};
  if (e.type === 'ticket.created') {
    ops.push({ kind: 'start', metric: 'first_response', reason: 'request registered' }, { kind: 'start', metric: 'resolution', reason: 'request registered' });
  }
  ops.push(...(await olaStops(exec, e, running, actorKind)));
  const s = statusChange(e);
  if (e.type === 'ticket.replied' && (actorKind === 'staff' || actorKind === 'integration')) {
    ops.push({ kind: 'stop', metric: 'first_response', reason: 'first public reply' }, { kind: 'stop', metric: 'next_response', reason: 'answered' });
  }
  if (s) ops.push(...statusOps(s.from, s.to, running));
  if (e.type === 'ticket.replied' && actorKind === 'customer' && !running.includes('first_response') && !(s && DONE.includes(s.to))) {
    ops.push({ kind: 'start', metric: 'next_response', reason: 'customer wrote', freshCycle: true });
  }
  if (e.type === 'ticket.escalated' || e.type === 'ticket.returned') {
    const from = typeof data.fromLine === 'string' ? data.fromLine : null;
    const to = typeof data.toLine === 'string' ? data.toLine : null;
    if (from) ops.push({ kind: 'stop', metric: `ola:${from}`, reason: `left ${from} (${e.type.slice(7)})` });
    if (to && e.type === 'ticket.escalated') ops.push({ kind: 'start', metric: `ola:${to}`, reason: `escalated from ${from ?? '?'}`, freshCycle: true });
  }
  if (e.changes?.priority || e.changes?.type) {
    const why = [
      e.changes.priority ? `priority ${String(e.changes.priority.from)} → ${String(e.changes.priority.to as Priority)}` : null,
      e.changes.type ? `type ${String(e.changes.type.from)} → ${String(e.changes.type.to)}` : null,
    ].filter(Boolean).join(', ');
    ops.push(...running.filter((m) => !m.startsWith('ola:') && m !== 'vendor').map((metric): ClockOp => ({ kind: 'retarget', metric, reason: why })));
  }
  return ops;
}

/**
 * The request moved to another service. Onto a service without SLA: its running customer clocks are
 * cancelled (neither met nor breached; a breach already recorded stays). Onto a covered service: cancelled
 * clocks continue where they stopped (the time without SLA is not counted), and a request registered on a
 * beta service gets its clocks from now — first response only if nobody has answered yet.
 */
function coverageOps(
  t: { status: TicketStatus; first_response_at: Date | null },
  clocks: readonly { metric: string; state: string }[],
  exemptService: string | null,
): ClockOp[] {
  if (exemptService) return each(CUSTOMER_METRICS, 'cancel', `service ${exemptService} is offered without SLA`);
  if (DONE.includes(t.status)) return [];
  const reason = 'moved to a service with SLA';
  const ops: ClockOp[] = clocks.filter((c) => c.state === 'cancelled' && isCustomerMetric(c.metric)).map((c) => ({ kind: 'start', metric: c.metric, reason }));
  const has = new Set(clocks.map((c) => c.metric));
  if (!has.has('resolution')) ops.push({ kind: 'start', metric: 'resolution', reason });
  if (!has.has('first_response') && t.first_response_at === null) ops.push({ kind: 'start', metric: 'first_response', reason });
  return ops;
}

/** The subscriber: request events → clock operations. Events of the SLA module itself are skipped. */
export async function onTicketEvent(exec: Executor, jobs: Pick<JobQueue, 'send'>, e: RecordedEvent): Promise<void> {
  if (e.type === 'organization.updated' && e.organizationId) return onOrganizationUpdated(exec, jobs, e);
  if (!e.ticketId || e.type.startsWith('sla.')) return;
  const t = await exec
    .selectFrom('tickets')
    .select(['id', 'organization_id', 'priority', 'type', 'catalogue_item_id', 'status', 'first_response_at'])
    .where('id', '=', e.ticketId)
    .executeTakeFirst();
  if (!t) return;
  const clocks = await exec.selectFrom('sla_clocks').select(['metric', 'stopped_at', 'state']).where('ticket_id', '=', t.id).execute();
  const running = clocks.filter((c) => c.stopped_at === null && c.state !== 'idle').map((c) => c.metric);
  const actorKind = await actorKindOf(exec, e);
  let ops = await opsFor(exec, e, running, actorKind);
  const serviceChanged = e.changes?.catalogueItemId !== undefined;
  const exemption = serviceChanged || ops.some((op) => op.kind === 'start' && isCustomerMetric(op.metric)) ? await slaExemption(exec, t.catalogue_item_id) : null;
  // A service offered without SLA (a beta) starts no customer clock; internal and vendor clocks still run.
  if (exemption) ops = ops.filter((op) => !(op.kind === 'start' && isCustomerMetric(op.metric)));
  if (serviceChanged) ops.push(...coverageOps(t, clocks, exemption?.catalogueItem.code ?? null));
  if (ops.length === 0) return;
  const c: OpContext = { ticketId: t.id, priority: t.priority, type: t.type, at: e.at, actorId: e.actorId ?? null, actorKind, sla: await loadOrgSla(exec, t.organization_id) };
  for (const op of ops) await applyOp(exec, jobs, op, c);
}

/**
 * A plan or time-zone change recomputes the running clocks of the organisation's open requests from
 * their start, keeping elapsed and paused time (bounded by that organisation's open requests).
 */
async function onOrganizationUpdated(exec: Executor, jobs: Pick<JobQueue, 'send'>, e: RecordedEvent): Promise<void> {
  const data = e.data ?? {};
  if (data.supportPlanCode === undefined && data.timeZone === undefined) return;
  const orgId = e.organizationId as string;
  const clocks = await exec
    .selectFrom('sla_clocks as c')
    .innerJoin('tickets as t', 't.id', 'c.ticket_id')
    .select(['c.ticket_id', 'c.metric', 't.priority', 't.type'])
    .where('t.organization_id', '=', orgId)
    .where('c.stopped_at', 'is', null)
    .where('c.state', '!=', 'idle')
    .orderBy('c.ticket_id')
    .execute();
  if (clocks.length === 0) return;
  const sla = await loadOrgSla(exec, orgId);
  const reason = data.supportPlanCode !== undefined ? `plan changed to ${String(data.supportPlanCode)}` : 'time zone changed';
  for (const k of clocks) {
    if (k.metric.startsWith('ola:') || k.metric === 'vendor') continue;
    const c: OpContext = { ticketId: k.ticket_id, priority: k.priority, type: k.type, at: e.at, actorId: e.actorId ?? null, actorKind: 'staff', sla };
    await applyOp(exec, jobs, { kind: 'retarget', metric: k.metric, reason }, c);
  }
}
