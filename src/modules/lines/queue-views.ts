import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { AppContext } from '../../shared/context.js';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../identity/actor.js';
import { afterCursor, selectTicketSummaries, toPage, visibleTo, withQueueFacts } from '../tickets/index.js';
import type { Executor } from '../../db/executor.js';
import { assertStaffActor } from './policy.js';
import { isManager } from '../identity/actor.js';
import { openStatuses } from './queries.js';

export const queueViews = ['mine', 'unassigned-in-my-teams', 'returned-to-me', 'escalated-by-me'] as const;
export type QueueView = (typeof queueViews)[number];

type Where = (eb: ExpressionBuilder<DB, 'tickets'>) => Expression<SqlBool>;

const active: Where = (eb) => eb('tickets.status', 'in', [...openStatuses]);

/**
 * What each named view holds, always among active requests the actor may see.
 * returned-to-me: a return set ticket_ownership.returned_at (an escalation clears it); it is mine when I am
 * the assignee, or the customer-facing agent while it sits at the customer-facing line, and it stays until
 * I do something on it (any history event of mine after the return).
 */
function viewFilter(actor: Actor, view: QueueView): Where {
  const me = actor.userId;
  switch (view) {
    case 'mine':
      return (eb) => eb('tickets.assignee_id', '=', me);
    case 'unassigned-in-my-teams':
      return (eb) => (actor.teamIds.length ? eb.and([eb('tickets.team_id', 'in', actor.teamIds), eb('tickets.assignee_id', 'is', null)]) : eb.val(false));
    case 'returned-to-me':
      // The IN list drives the plan from the agent's few returned requests (by customer-facing agent, or by
      // assignee); the EXISTS states the exact rule.
      return (eb) =>
        eb.and([
          eb(
            'tickets.id',
            'in',
            eb
              .selectFrom('ticket_ownership as r')
              .select('r.ticket_id')
              .where('r.returned_at', 'is not', null)
              .where('r.customer_agent_id', '=', me)
              .unionAll(
                eb
                  .selectFrom('ticket_ownership as r')
                  .innerJoin('tickets as a', 'a.id', 'r.ticket_id')
                  .select('r.ticket_id')
                  .where('r.returned_at', 'is not', null)
                  .where('a.assignee_id', '=', me),
              ),
          ),
          eb.exists(
            eb
              .selectFrom('ticket_ownership as o')
              .select(sql.lit(1).as('one'))
              .whereRef('o.ticket_id', '=', 'tickets.id')
              .where('o.returned_at', 'is not', null)
              .where((w) => w.or([w('tickets.assignee_id', '=', me), w.and([w('o.customer_agent_id', '=', me), w('o.customer_line_id', '=', w.ref('tickets.line_id'))])]))
              .where(({ not, exists, selectFrom }) =>
                not(
                  exists(
                    selectFrom('events as e')
                      .select(sql.lit(1).as('one'))
                      .whereRef('e.ticket_id', '=', 'tickets.id')
                      .where('e.actor_id', '=', me)
                      .whereRef('e.created_at', '>', 'o.returned_at'),
                  ),
                ),
              ),
          ),
        ]);
    case 'escalated-by-me':
      // active_escalations (migration 0013) holds only active requests, so this does not grow with history.
      return (eb) => eb('tickets.id', 'in', eb.selectFrom('active_escalations as ae').select('ae.ticket_id').where('ae.actor_id', '=', me));
  }
}

const scoped = (actor: Actor, view: QueueView): Where => (eb) => eb.and([visibleTo(actor)(eb), active(eb), viewFilter(actor, view)(eb)]);

/**
 * Live counts for the caller: each line and team they belong to, and each named view. Line and team counts
 * come from the maintained counters (queue_counts + the deltas not yet folded in, migration 0013), filtered
 * by the same visibility rule as the lists; the named views count the caller's own few requests.
 */
export async function queueCounts(ctx: AppContext, actor: Actor) {
  assertStaffActor(actor);
  const [lines, teams, counters, views] = await Promise.all([
    actor.lineIds.length ? ctx.db.selectFrom('lines').select(['id', 'code', 'level']).where('id', 'in', actor.lineIds).orderBy('level').execute() : [],
    actor.teamIds.length
      ? ctx.db
          .selectFrom('teams')
          .innerJoin('lines', 'lines.id', 'teams.line_id')
          .select(['teams.id', 'teams.code', 'teams.name_en', 'teams.name_ru', 'lines.code as line_code'])
          .where('teams.id', 'in', actor.teamIds)
          .orderBy('lines.level')
          .orderBy('teams.code')
          .execute()
      : [],
    counterRows(ctx.db, actor.lineIds, actor.teamIds),
    Promise.all([
      ownCount(ctx.db, actor, 'mine').then((count) => ({ view: 'mine' as const, count })),
      ownCount(ctx.db, actor, 'escalated-by-me').then((count) => ({ view: 'escalated-by-me' as const, count })),
      ctx.db
        .selectFrom('tickets')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where(scoped(actor, 'returned-to-me'))
        .executeTakeFirstOrThrow()
        .then((row) => ({ view: 'returned-to-me' as const, count: Number(row.n) })),
    ]),
  ]);
  const sees = (r: CounterRow) => !r.confidential || isManager(actor) || (r.team_id !== null && actor.teamIds.includes(r.team_id));
  const tally = (match: (r: CounterRow) => boolean) => {
    let open = 0;
    let unassigned = 0;
    for (const r of counters) {
      if (!match(r) || !sees(r)) continue;
      open += r.n;
      if (!r.assigned) unassigned += r.n;
    }
    return { open, unassigned };
  };
  const unassignedInMyTeams = tally((r) => r.team_id !== null && actor.teamIds.includes(r.team_id)).unassigned;
  const byView = new Map<QueueView, number>(views.map((v) => [v.view, v.count]));
  byView.set('unassigned-in-my-teams', unassignedInMyTeams);
  return {
    lines: lines.map((l) => ({ id: l.id, code: l.code, ...tally((r) => r.line_id === l.id) })),
    teams: teams.map((tm) => ({
      id: tm.id,
      code: tm.code,
      name: actor.locale === 'ru' ? tm.name_ru : tm.name_en,
      lineCode: tm.line_code,
      ...tally((r) => r.team_id === tm.id),
    })),
    views: queueViews.map((view) => ({ view, count: byView.get(view) ?? 0 })),
  };
}

/**
 * "mine" and "escalated-by-me" as two index-only counts: every active request of the view, minus the active
 * confidential ones the caller may not see (a handful, from their own partial index) — so the count never
 * reads the rows themselves.
 */
async function ownCount(db: Executor, actor: Actor, view: 'mine' | 'escalated-by-me'): Promise<number> {
  const me = actor.userId;
  const hidden = (eb: ExpressionBuilder<DB, 'tickets'>) =>
    eb.and([
      eb('tickets.confidential', '=', true),
      active(eb),
      actor.teamIds.length ? eb.or([eb('tickets.team_id', 'is', null), eb('tickets.team_id', 'not in', actor.teamIds)]) : eb.val(true),
    ]);
  const [all, invisible] = await Promise.all([
    view === 'mine'
      ? db.selectFrom('tickets').select((eb) => eb.fn.countAll<number>().as('n')).where('tickets.assignee_id', '=', me).where(active).executeTakeFirstOrThrow()
      : db.selectFrom('active_escalations').select((eb) => eb.fn.countAll<number>().as('n')).where('actor_id', '=', me).executeTakeFirstOrThrow(),
    isManager(actor)
      ? { n: 0 }
      : view === 'mine'
        ? db.selectFrom('tickets').select((eb) => eb.fn.countAll<number>().as('n')).where('tickets.assignee_id', '=', me).where(hidden).executeTakeFirstOrThrow()
        : db
            .selectFrom('tickets')
            .innerJoin('active_escalations as ae', (j) => j.onRef('ae.ticket_id', '=', 'tickets.id').on('ae.actor_id', '=', me))
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where(hidden)
            .executeTakeFirstOrThrow(),
  ]);
  return Number(all.n) - Number(invisible.n);
}

interface CounterRow {
  line_id: string | null;
  team_id: string | null;
  confidential: boolean;
  assigned: boolean;
  n: number;
}

/** Active requests per (line, team, confidential, assigned) touching the given lines or teams. */
async function counterRows(db: Executor, lineIds: readonly string[], teamIds: readonly string[]): Promise<CounterRow[]> {
  if (!lineIds.length && !teamIds.length) return [];
  const lines = sql`ARRAY[${sql.join(lineIds.length ? lineIds : ['00000000-0000-0000-0000-000000000000'])}]::uuid[]`;
  const teams = sql`ARRAY[${sql.join(teamIds.length ? teamIds : ['00000000-0000-0000-0000-000000000000'])}]::uuid[]`;
  const { rows } = await sql<CounterRow>`
    SELECT line_id, team_id, confidential, assigned, sum(n)::int AS n FROM (
      SELECT line_id, team_id, confidential, assigned, n FROM queue_counts WHERE line_id = ANY(${lines}) OR team_id = ANY(${teams})
      UNION ALL
      SELECT line_id, team_id, confidential, assigned, n FROM queue_count_deltas WHERE line_id = ANY(${lines}) OR team_id = ANY(${teams})
    ) c GROUP BY 1, 2, 3, 4`.execute(db);
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

/**
 * Folds the counter deltas into queue_counts in one statement (the job runs every minute). Concurrent runs
 * are safe: a delta row is deleted by exactly one of them.
 */
export async function compactQueueCounts(db: Executor): Promise<number> {
  const { rows } = await sql<{ folded: number }>`
    WITH moved AS (DELETE FROM queue_count_deltas RETURNING line_id, team_id, confidential, assigned, n),
    sums AS (SELECT line_id, team_id, confidential, assigned, sum(n) AS n, count(*) AS k FROM moved GROUP BY 1, 2, 3, 4),
    upserted AS (
      INSERT INTO queue_counts AS q (line_id, team_id, confidential, assigned, n)
        SELECT line_id, team_id, confidential, assigned, n FROM sums
        ON CONFLICT (line_id, team_id, confidential, assigned) DO UPDATE SET n = q.n + EXCLUDED.n
        RETURNING 1
    )
    SELECT COALESCE((SELECT sum(k) FROM sums), 0)::int AS folded, (SELECT count(*) FROM upserted) AS u`.execute(db);
  return Number(rows[0]?.folded ?? 0);
}

/**
 * Recomputes the maintained counters and the active-escalations set from the requests themselves — after a
 * bulk load that bypassed triggers, or to repair. Writers wait for the few seconds it takes.
 */
export async function rebuildQueueCounters(db: Kysely<DB>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`LOCK TABLE tickets, ticket_handovers IN SHARE MODE`.execute(trx);
    await sql`DELETE FROM queue_count_deltas`.execute(trx);
    await sql`DELETE FROM queue_counts`.execute(trx);
    await sql`INSERT INTO queue_counts (line_id, team_id, confidential, assigned, n)
      SELECT line_id, team_id, confidential, assignee_id IS NOT NULL, count(*) FROM tickets
       WHERE status IN ('new', 'open', 'pending_customer', 'pending_vendor', 'on_hold') GROUP BY 1, 2, 3, 4`.execute(trx);
    await sql`DELETE FROM active_escalations`.execute(trx);
    await sql`INSERT INTO active_escalations (actor_id, ticket_id)
      SELECT DISTINCT h.actor_id, h.ticket_id FROM ticket_handovers h JOIN tickets t ON t.id = h.ticket_id
       WHERE h.kind = 'escalation' AND h.actor_id IS NOT NULL AND t.status IN ('new', 'open', 'pending_customer', 'pending_vendor', 'on_hold')`.execute(trx);
  });
}

/** A page of one named view, newest activity first, with the same keyset cursor as the request list. */
export async function listQueueView(ctx: AppContext, actor: Actor, view: QueueView, q: { limit: number; cursor?: string }) {
  assertStaffActor(actor);
  let query = selectTicketSummaries(ctx.db).where(scoped(actor, view));
  if (q.cursor) query = query.where(afterCursor(q.cursor));
  const rows = await query
    .orderBy('tickets.updated_at', 'desc')
    .orderBy('tickets.id', 'desc')
    .limit(q.limit + 1)
    .execute();
  return { view, ...(await withQueueFacts(ctx, actor, toPage(rows, q.limit, actor.locale))) };
}
