/**
 * SLA compliance of the requests registered in a period: per plan, priority, line or team, the share
 * of decided clocks that met their target, median and 95th percentile of business time to first
 * response and to resolution, and the breaches with the state of the request when they happened.
 */
import { sql } from 'kysely';
import type { AppContext } from '../../shared/context.js';
import { AppError } from '../../shared/errors.js';
import { isManager, type Actor } from '../identity/actor.js';

export type GroupBy = 'plan' | 'priority' | 'line' | 'team';

const groupExpr: Record<GroupBy, string> = {
  plan: 'c.plan_code',
  priority: 't.priority',
  line: "COALESCE(l.code, '(none)')",
  team: "COALESCE(tm.code, '(none)')",
};

interface Row {
  group: string;
  metric: string;
  total: number;
  met: number;
  breached: number;
  open: number;
  cancelled: number;
  median_ms: number | null;
  p95_ms: number | null;
}

export async function slaReport(ctx: AppContext, actor: Actor, q: { from: Date; to: Date; groupBy: GroupBy }) {
  if (!isManager(actor)) throw new AppError('FORBIDDEN', 'Only duty managers and administrators see SLA reports');
  if (q.to <= q.from) throw new AppError('VALIDATION_FAILED', 'The request is invalid; see details', [{ field: 'querystring.to', message: 'must be after from' }]);
  const rows = await sql<Row>`
    SELECT ${sql.raw(groupExpr[q.groupBy])} AS "group", c.metric,
      count(*)::int AS total,
      count(*) FILTER (WHERE c.state = 'met')::int AS met,
      count(*) FILTER (WHERE c.breached_at IS NOT NULL)::int AS breached,
      count(*) FILTER (WHERE c.stopped_at IS NULL AND c.breached_at IS NULL)::int AS open,
      count(*) FILTER (WHERE c.state = 'cancelled')::int AS cancelled,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY c.elapsed_ms) FILTER (WHERE c.stopped_at IS NOT NULL AND c.state <> 'cancelled') AS median_ms,
      percentile_cont(0.95) WITHIN GROUP (ORDER BY c.elapsed_ms) FILTER (WHERE c.stopped_at IS NOT NULL AND c.state <> 'cancelled') AS p95_ms
    FROM sla_clocks c
    JOIN tickets t ON t.id = c.ticket_id
    LEFT JOIN lines l ON l.id = t.line_id
    LEFT JOIN teams tm ON tm.id = t.team_id
    WHERE t.created_at >= ${q.from} AND t.created_at < ${q.to} AND c.metric IN ('first_response', 'resolution')
    GROUP BY 1, 2
    ORDER BY 1, 2`.execute(ctx.db);
  const groups = new Map<string, Record<string, unknown>>();
  for (const r of rows.rows) {
    const g = groups.get(r.group) ?? { group: r.group };
    const decided = r.met + r.breached;
    g[r.metric === 'first_response' ? 'firstResponse' : 'resolution'] = {
      total: r.total,
      met: r.met,
      breached: r.breached,
      open: r.open,
      cancelled: r.cancelled,
      percentMet: decided === 0 ? null : Math.round((r.met / decided) * 1000) / 10,
      medianMs: r.median_ms === null ? null : Math.round(Number(r.median_ms)),
      p95Ms: r.p95_ms === null ? null : Math.round(Number(r.p95_ms)),
    };
    groups.set(r.group, g);
  }
  const breaches = await ctx.db
    .selectFrom('sla_marks as m')
    .innerJoin('tickets as t', 't.id', 'm.ticket_id')
    .select(['t.key', 'm.metric', 'm.due_at', 'm.recorded_at', 'm.snapshot'])
    .where('m.point', '=', 'breach')
    .where('t.created_at', '>=', q.from)
    .where('t.created_at', '<', q.to)
    .orderBy('m.due_at')
    .limit(1000)
    .execute();
  return {
    from: q.from,
    to: q.to,
    groupBy: q.groupBy,
    groups: [...groups.values()].map((g) => ({ firstResponse: null, resolution: null, ...g })) as ReportGroup[],
    breaches: breaches.map((b) => ({ key: b.key, metric: b.metric, dueAt: b.due_at, recordedAt: b.recorded_at, reason: breachReason(b.snapshot) })),
  };
}

export interface MetricStats {
  total: number;
  met: number;
  breached: number;
  open: number;
  cancelled: number;
  percentMet: number | null;
  medianMs: number | null;
  p95Ms: number | null;
}
export interface ReportGroup {
  group: string;
  firstResponse: MetricStats | null;
  resolution: MetricStats | null;
}

/** The request's state at the breach in one line: where it was and with whom. */
function breachReason(s: Record<string, unknown>): string {
  const parts = [`status ${String(s.status ?? '?')}`, `priority ${String(s.priority ?? '?')}`, `line ${String(s.line ?? 'none')}`, `team ${String(s.team ?? 'none')}`];
  parts.push(s.assignee ? `assigned to ${String(s.assignee)}` : 'unassigned');
  if (typeof s.pausedMs === 'number' && s.pausedMs > 0) parts.push(`${Math.round(s.pausedMs / 60_000)} min paused excluded`);
  return parts.join(', ');
}

const csvCell = (v: unknown): string => {
  const text = v === null || v === undefined ? '' : String(v);
  // A leading = + - @ would run as a formula in a spreadsheet.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export function reportCsv(report: Awaited<ReturnType<typeof slaReport>>): string {
  const head = ['group', 'metric', 'total', 'met', 'breached', 'open', 'cancelled', 'percent_met', 'median_ms', 'p95_ms'];
  const lines = [head.join(',')];
  for (const g of report.groups) {
    for (const [metric, s] of [['first_response', g.firstResponse], ['resolution', g.resolution]] as const) {
      if (!s) continue;
      lines.push([g.group, metric, s.total, s.met, s.breached, s.open, s.cancelled, s.percentMet, s.medianMs, s.p95Ms].map(csvCell).join(','));
    }
  }
  return `${lines.join('\n')}\n`;
}
