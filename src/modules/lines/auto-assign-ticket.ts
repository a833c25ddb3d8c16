import { sql } from 'kysely';
import type { AppContext } from '../../shared/context.js';
import type { Executor } from '../../db/executor.js';
import type { Ticket } from '../../db/schema.js';
import { applyAssignment } from './apply-assignment.js';
import { catalogueLineage, openStatuses } from './queries.js';

export interface Candidate {
  userId: string;
  load: number;
  capacity: number;
  lastAssignedAt: Date | null;
}

/** Least loaded first; among equals whoever waited longest since their last request (never assigned first); then by id. */
export function pickCandidate(candidates: Candidate[]): Candidate | undefined {
  return candidates
    .filter((c) => c.load < c.capacity)
    .sort(
      (a, b) =>
        a.load - b.load ||
        (a.lastAssignedAt?.getTime() ?? -Infinity) - (b.lastAssignedAt?.getTime() ?? -Infinity) ||
        (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0),
    )[0];
}

/** Team members on shift now who have the skill for the request (agents without personal skills take anything in their team). */
export async function assignmentCandidates(exec: Executor, teamId: string, defaultCapacity: number, lineageIds: string[], now: Date): Promise<Candidate[]> {
  let q = exec
    .selectFrom('team_members as tm')
    .innerJoin('users as u', 'u.id', 'tm.user_id')
    .leftJoin('agent_profiles as ap', 'ap.user_id', 'tm.user_id')
    .select(['tm.user_id', 'ap.capacity', 'ap.last_assigned_at'])
    .where('tm.team_id', '=', teamId)
    .where('u.kind', '=', 'staff')
    .where('u.disabled_at', 'is', null)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('shifts as s')
          .select('s.id')
          .whereRef('s.user_id', '=', 'tm.user_id')
          .where('s.team_id', '=', teamId)
          .where('s.starts_at', '<=', now)
          .where('s.ends_at', '>', now),
      ),
    );
  if (lineageIds.length > 0) {
    q = q.where((eb) =>
      eb.or([
        eb.not(eb.exists(eb.selectFrom('agent_skills as k').select('k.user_id').whereRef('k.user_id', '=', 'tm.user_id'))),
        eb.exists(eb.selectFrom('agent_skills as k').select('k.user_id').whereRef('k.user_id', '=', 'tm.user_id').where('k.catalogue_item_id', 'in', lineageIds)),
      ]),
    );
  }
  const rows = await q.execute();
  if (rows.length === 0) return [];
  // One grouped count over the assignee index rather than a correlated count per candidate.
  const loads = await exec
    .selectFrom('tickets')
    .select(['assignee_id', sql<number>`count(*)::int`.as('n')])
    .where('assignee_id', 'in', rows.map((r) => r.user_id))
    .where('status', 'in', openStatuses)
    .groupBy('assignee_id')
    .execute();
  const load = new Map(loads.map((l) => [l.assignee_id, Number(l.n)]));
  return rows.map((r) => ({ userId: r.user_id, load: load.get(r.user_id) ?? 0, capacity: r.capacity ?? defaultCapacity, lastAssignedAt: r.last_assigned_at }));
}

/**
 * Assigns a request that just entered a team queue, when the team has automatic assignment on.
 * The team row is locked so two requests arriving together cannot both go to the same "least loaded" agent.
 */
export async function autoAssignTicket(ctx: AppContext, exec: Executor, t: Ticket): Promise<Ticket> {
  if (!t.team_id || t.assignee_id || t.status === 'resolved' || t.status === 'closed') return t;
  const settings = await exec.selectFrom('teams').select('auto_assign').where('id', '=', t.team_id).executeTakeFirst();
  if (!settings?.auto_assign) return t;
  // NO KEY UPDATE: it serialises assignment per team, yet does not conflict with the KEY SHARE lock that
  // inserting a request (foreign key to teams) already took — FOR UPDATE there deadlocks concurrent creates.
  const team = await exec.selectFrom('teams').select(['auto_assign', 'default_capacity']).where('id', '=', t.team_id).forNoKeyUpdate().executeTakeFirst();
  if (!team?.auto_assign) return t;
  const lineage = t.catalogue_item_id ? await catalogueLineage(exec, t.catalogue_item_id) : [];
  const candidates = await assignmentCandidates(exec, t.team_id, team.default_capacity, lineage.map((l) => l.id), ctx.clock.now());
  const chosen = pickCandidate(candidates);
  if (!chosen) return t;
  return applyAssignment(ctx, exec, t, chosen.userId, null, { via: 'auto', load: chosen.load, capacity: chosen.capacity });
}
