import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { AppContext } from '../../shared/context.js';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../identity/actor.js';
import { afterCursor, selectTicketSummaries, toPage, visibleTo } from '../tickets/index.js';
import { assertStaffActor } from './policy.js';
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
      return (eb) =>
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
        );
    case 'escalated-by-me':
      return (eb) =>
        eb.exists(
          eb
            .selectFrom('ticket_handovers as h')
            .select(sql.lit(1).as('one'))
            .whereRef('h.ticket_id', '=', 'tickets.id')
            .where('h.kind', '=', 'escalation')
            .where('h.actor_id', '=', me),
        );
  }
}

const scoped = (actor: Actor, view: QueueView): Where => (eb) => eb.and([visibleTo(actor)(eb), active(eb), viewFilter(actor, view)(eb)]);

/** Live counts for the caller: each line and team they belong to, and each named view. */
export async function queueCounts(ctx: AppContext, actor: Actor) {
  assertStaffActor(actor);
  const open = (eb: ExpressionBuilder<DB, 'tickets'>) => eb.and([visibleTo(actor)(eb), active(eb)]);
  const counts = (eb: ExpressionBuilder<DB, 'tickets'>) => [
    eb.fn.countAll<number>().as('open'),
    eb.fn.count<number>(eb.case().when('tickets.assignee_id', 'is', null).then(1).end()).as('unassigned'),
  ];
  const [lines, teams, byLine, byTeam, views] = await Promise.all([
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
    actor.lineIds.length
      ? ctx.db.selectFrom('tickets').select('tickets.line_id').select(counts).where('tickets.line_id', 'in', actor.lineIds).where(open).groupBy('tickets.line_id').execute()
      : [],
    actor.teamIds.length
      ? ctx.db.selectFrom('tickets').select('tickets.team_id').select(counts).where('tickets.team_id', 'in', actor.teamIds).where(open).groupBy('tickets.team_id').execute()
      : [],
    Promise.all(
      queueViews.map(async (view) => {
        const row = await ctx.db.selectFrom('tickets').select((eb) => eb.fn.countAll<number>().as('n')).where(scoped(actor, view)).executeTakeFirstOrThrow();
        return { view, count: Number(row.n) };
      }),
    ),
  ]);
  const lineCounts = new Map(byLine.map((r) => [r.line_id, r]));
  const teamCounts = new Map(byTeam.map((r) => [r.team_id, r]));
  return {
    lines: lines.map((l) => ({ id: l.id, code: l.code, open: Number(lineCounts.get(l.id)?.open ?? 0), unassigned: Number(lineCounts.get(l.id)?.unassigned ?? 0) })),
    teams: teams.map((tm) => ({
      id: tm.id,
      code: tm.code,
      name: actor.locale === 'ru' ? tm.name_ru : tm.name_en,
      lineCode: tm.line_code,
      open: Number(teamCounts.get(tm.id)?.open ?? 0),
      unassigned: Number(teamCounts.get(tm.id)?.unassigned ?? 0),
    })),
    views,
  };
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
  return { view, ...toPage(rows, q.limit, actor.locale) };
}
