import { sql } from 'kysely';
import type { AppContext } from '../../shared/context.js';
import type { Executor } from '../../db/executor.js';
import { AppError } from '../../shared/errors.js';
import type { Actor } from '../identity/actor.js';
import { assertManager } from './policy.js';
import { openStatuses } from './queries.js';

const DAY_MS = 86_400_000;
/** The daily backlog walks the event history once per day; longer periods are refused, not slowed down. */
export const MAX_REPORT_DAYS = 92;

export interface LineReportQuery {
  from: Date;
  to: Date;
  lineCode?: string;
}

type Cell = string | number | null;

const rate = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null);
const ms = (v: number | null) => (v === null ? null : Math.round(v));
const openList = sql.join(openStatuses.map((s) => sql.lit(s)));

const badQuery = (field: string, message: string) =>
  new AppError('VALIDATION_FAILED', 'The request is invalid; see details', [{ field: `querystring.${field}`, message }]);

/**
 * Every way a stint at a line ends in the period — an escalation, a return (both from the hand-over rows,
 * which carry when the request entered the line it left) or a resolution at the line it was at — grouped
 * overall, per line and per team. Time at line is from entering the line to leaving it or to resolution.
 */
async function flow(exec: Executor, q: LineReportQuery, lineId: string | null) {
  const res = await sql<{
    line: string | null; level: number | null; team: string | null; g_line: number; g_team: number;
    exits: number; escalations: number; returns: number; resolved: number; flr: number; median: number | null; p90: number | null;
  }>`
    WITH stints AS (
      SELECT h.from_line_id AS line_id, h.from_team_id AS team_id, h.kind, false AS flr,
             (extract(epoch FROM h.created_at - h.from_entered_at) * 1000)::float8 AS ms
      FROM ticket_handovers h
      WHERE h.created_at >= ${q.from} AND h.created_at < ${q.to}
      UNION ALL
      SELECT t.line_id, t.team_id, 'resolution',
             coalesce(l.level = 1, false) AND NOT EXISTS (SELECT 1 FROM ticket_handovers x WHERE x.ticket_id = t.id AND x.kind = 'escalation'),
             (extract(epoch FROM t.resolved_at - coalesce(o.line_entered_at, t.created_at)) * 1000)::float8
      FROM tickets t
      LEFT JOIN lines l ON l.id = t.line_id
      LEFT JOIN ticket_ownership o ON o.ticket_id = t.id
      WHERE t.resolved_at >= ${q.from} AND t.resolved_at < ${q.to}
    )
    SELECT l.code AS line, l.level, tm.code AS team, GROUPING(l.code)::int AS g_line, GROUPING(tm.code)::int AS g_team,
           count(*)::int AS exits,
           (count(*) FILTER (WHERE s.kind = 'escalation'))::int AS escalations,
           (count(*) FILTER (WHERE s.kind = 'return'))::int AS returns,
           (count(*) FILTER (WHERE s.kind = 'resolution'))::int AS resolved,
           (count(*) FILTER (WHERE s.flr))::int AS flr,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY s.ms) AS median,
           percentile_cont(0.9) WITHIN GROUP (ORDER BY s.ms) AS p90
    FROM stints s
    LEFT JOIN lines l ON l.id = s.line_id
    LEFT JOIN teams tm ON tm.id = s.team_id
    WHERE ${lineId === null ? sql`true` : sql`s.line_id = ${lineId}`}
    GROUP BY GROUPING SETS ((), (l.code, l.level), (l.code, l.level, tm.code))
    ORDER BY GROUPING(l.code) DESC, l.level NULLS FIRST, l.code NULLS FIRST, GROUPING(tm.code) DESC, tm.code NULLS FIRST`.execute(exec);
  return res.rows.map((r) => ({
    scope: r.g_line ? ('all' as const) : r.g_team ? ('line' as const) : ('team' as const),
    line: r.g_line ? null : r.line,
    team: r.g_team ? null : r.team,
    exits: r.exits,
    escalations: r.escalations,
    escalationRate: rate(r.escalations, r.exits),
    returns: r.returns,
    resolved: r.resolved,
    firstLineResolved: r.flr,
    firstLineResolutionRate: rate(r.flr, r.resolved),
    medianMsAtLine: ms(r.median),
    p90MsAtLine: ms(r.p90),
  }));
}

async function escalationReasons(exec: Executor, q: LineReportQuery, lineId: string | null) {
  const res = await sql<{ line: string | null; reason: string; escalations: number }>`
    SELECT l.code AS line, r.code AS reason, count(*)::int AS escalations
    FROM ticket_handovers h
    JOIN escalation_reasons r ON r.id = h.reason_id
    LEFT JOIN lines l ON l.id = h.from_line_id
    WHERE h.kind = 'escalation' AND h.created_at >= ${q.from} AND h.created_at < ${q.to}
      AND ${lineId === null ? sql`true` : sql`h.from_line_id = ${lineId}`}
    GROUP BY l.code, l.level, r.code, r.sort
    ORDER BY l.level NULLS FIRST, r.sort, r.code`.execute(exec);
  return res.rows;
}

async function backlogNow(exec: Executor, lineId: string | null) {
  const res = await sql<{ line: string | null; team: string | null; g_line: number; g_team: number; open: number; unassigned: number }>`
    SELECT l.code AS line, tm.code AS team, GROUPING(l.code)::int AS g_line, GROUPING(tm.code)::int AS g_team,
           count(*)::int AS open, (count(*) FILTER (WHERE t.assignee_id IS NULL))::int AS unassigned
    FROM tickets t
    LEFT JOIN lines l ON l.id = t.line_id
    LEFT JOIN teams tm ON tm.id = t.team_id
    WHERE t.status IN (${openList}) AND ${lineId === null ? sql`true` : sql`t.line_id = ${lineId}`}
    GROUP BY GROUPING SETS ((), (l.code, l.level), (l.code, l.level, tm.code))
    ORDER BY GROUPING(l.code) DESC, l.level NULLS FIRST, l.code NULLS FIRST, GROUPING(tm.code) DESC, tm.code NULLS FIRST`.execute(exec);
  return res.rows.map((r) => ({
    scope: r.g_line ? ('all' as const) : r.g_team ? ('line' as const) : ('team' as const),
    line: r.g_line ? null : r.line,
    team: r.g_team ? null : r.team,
    open: r.open,
    unassigned: r.unassigned,
  }));
}

/**
 * Open requests per line at the end of each day, replayed from the history: every request's states
 * (status, line) become intervals between its events, and each day's end falls in exactly one of them.
 * Only requests that can have been open in the period are read: still open, or finished after `from`
 * (resolved_at/closed_at keep the last finish, which is after any earlier open stretch).
 */
async function backlogDaily(exec: Executor, q: LineReportQuery, lineId: string | null, now: Date) {
  const res = await sql<{ day: Date; line: string | null; open: number }>`
    WITH cand AS (
      SELECT t.id FROM tickets t
      WHERE t.created_at < ${q.to} AND (t.status IN (${openList}) OR greatest(t.resolved_at, t.closed_at) >= ${q.from})
    ),
    ev AS (
      SELECT e.ticket_id, e.id, e.created_at,
             CASE WHEN e.type = 'ticket.created' THEN 'new' ELSE e.changes -> 'status' ->> 'to' END AS status,
             CASE WHEN e.type = 'ticket.created' THEN e.data ->> 'lineId' ELSE e.changes -> 'lineId' ->> 'to' END AS line_id,
             (e.type = 'ticket.created' OR e.changes ? 'lineId') AS sets_line
      FROM cand JOIN events e ON e.ticket_id = cand.id
      WHERE e.created_at < ${q.to} AND (e.type = 'ticket.created' OR e.changes ? 'status' OR e.changes ? 'lineId')
    ),
    grp AS (
      SELECT ev.*, count(status) OVER w AS sg, count(*) FILTER (WHERE sets_line) OVER w AS lg
      FROM ev WINDOW w AS (PARTITION BY ticket_id ORDER BY id)
    ),
    states AS (
      SELECT created_at AS since,
             lead(created_at) OVER (PARTITION BY ticket_id ORDER BY id) AS until,
             coalesce(first_value(status) OVER (PARTITION BY ticket_id, sg ORDER BY id), 'new') AS status,
             first_value(line_id) OVER (PARTITION BY ticket_id, lg ORDER BY id) AS line_id
      FROM grp
    ),
    days AS (
      SELECT d AS day, least(d + interval '1 day', ${now}::timestamptz) AS at
      FROM generate_series(${q.from}::timestamptz, ${q.to}::timestamptz - interval '1 microsecond', interval '1 day') AS d
      WHERE d < ${now}::timestamptz
    )
    SELECT d.day, l.code AS line, count(s.since)::int AS open
    FROM days d
    LEFT JOIN states s ON s.since < d.at AND (s.until IS NULL OR s.until >= d.at) AND s.status IN (${openList})
      AND ${lineId === null ? sql`true` : sql`s.line_id = ${lineId}::text`}
    LEFT JOIN lines l ON l.id::text = s.line_id
    GROUP BY d.day, l.code, l.level
    ORDER BY d.day, l.level NULLS FIRST, l.code NULLS FIRST`.execute(exec);
  // A day without any open request still gets a row (line null, 0) from the outer join; drop it when the day has real rows.
  const busy = new Set(res.rows.filter((r) => r.open > 0).map((r) => new Date(r.day).getTime()));
  return res.rows
    .filter((r) => r.open > 0 || !busy.has(new Date(r.day).getTime()))
    .map((r) => ({ date: new Date(r.day), line: r.open > 0 ? r.line : null, open: r.open }));
}

/** Line metrics for [from, to): flow between lines, escalation reasons, time at line, backlog now and per day. */
export async function lineReport(ctx: AppContext, actor: Actor, q: LineReportQuery) {
  assertManager(actor);
  if (q.to.getTime() <= q.from.getTime()) throw badQuery('to', 'must be after from');
  if (q.to.getTime() - q.from.getTime() > MAX_REPORT_DAYS * DAY_MS) throw badQuery('to', `the period is at most ${MAX_REPORT_DAYS} days`);
  let lineId: string | null = null;
  if (q.lineCode !== undefined) {
    const line = await ctx.db.selectFrom('lines').select('id').where('code', '=', q.lineCode).executeTakeFirst();
    if (!line) throw badQuery('lineCode', 'no such line');
    lineId = line.id;
  }
  const now = ctx.clock.now();
  const [flows, reasons, backlog, daily] = await Promise.all([
    flow(ctx.db, q, lineId),
    escalationReasons(ctx.db, q, lineId),
    backlogNow(ctx.db, lineId),
    backlogDaily(ctx.db, q, lineId, now),
  ]);
  const lineTotals = new Map(flows.filter((f) => f.scope === 'line').map((f) => [f.line, f]));
  return {
    from: q.from,
    to: q.to,
    lineCode: q.lineCode ?? null,
    generatedAt: now,
    flow: flows,
    escalationReasons: reasons.map((r) => {
      const total = lineTotals.get(r.line);
      return { line: r.line, reason: r.reason, escalations: r.escalations, shareOfEscalations: rate(r.escalations, total?.escalations ?? 0), rate: rate(r.escalations, total?.exits ?? 0) };
    }),
    backlogNow: backlog,
    backlogDaily: daily,
  };
}

export type LineReport = Awaited<ReturnType<typeof lineReport>>;

function csvCell(v: Cell | Date): string {
  if (v === null) return '';
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'number') return String(v);
  // A leading = + - @ makes spreadsheets evaluate the cell; codes are admin-controlled text.
  const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

function table(section: string, rows: Array<Record<string, Cell | Date>>, columns: string[]): string {
  const lines = [['section', ...columns].join(',')];
  for (const r of rows) lines.push([csvCell(section), ...columns.map((c) => csvCell(r[c] ?? null))].join(','));
  return lines.join('\r\n');
}

/** One flat table per section, each with its header row, separated by a blank line. */
export function lineReportCsv(r: LineReport): string {
  return `${[
    table('flow', r.flow, ['scope', 'line', 'team', 'exits', 'escalations', 'escalationRate', 'returns', 'resolved', 'firstLineResolved', 'firstLineResolutionRate', 'medianMsAtLine', 'p90MsAtLine']),
    table('escalationReasons', r.escalationReasons, ['line', 'reason', 'escalations', 'shareOfEscalations', 'rate']),
    table('backlogNow', r.backlogNow, ['scope', 'line', 'team', 'open', 'unassigned']),
    table('backlogDaily', r.backlogDaily, ['date', 'line', 'open']),
  ].join('\r\n\r\n')}\r\n`;
}
