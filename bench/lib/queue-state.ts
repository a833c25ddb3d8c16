import type pg from 'pg';
import { loadActor } from '../../src/modules/identity/actor.js';
import { createApiToken } from '../../src/modules/identity/api-tokens.js';
import type { AppContext } from '../../src/shared/context.js';

/** Agents per team in the generated staff pools. */
export const POOL = 8;
const active = `('new', 'open', 'pending_customer', 'pending_vendor', 'on_hold')`;
export const managerEmail = 'pool-manager@tierdesk.test';
export const poolEmail = (teamCode: string, k: number) => `pool-${teamCode}-${k}@tierdesk.test`;

/**
 * Gives a bulk-loaded `tickets` table the state the queue counts read: staff pools (POOL agents per team,
 * plus a duty manager of L1 and L2), 60 % of the active non-new requests assigned within their team,
 * one escalation hand-over from L1-DUTY (and its ticket_ownership row) for every request above L1,
 * active or not, and 10 % of the active L1 requests returned to an L1-DUTY agent. FK triggers are
 * skipped (generated references exist); ANALYZE after.
 */
export async function shapeQueues(c: pg.Client, log: (line: string) => void = console.log): Promise<void> {
  await c.query('SET session_replication_role = replica');
  try {
    await c.query(
      `INSERT INTO users (email, name, kind, staff_role, locale)
       SELECT 'pool-' || t.code || '-' || k || '@tierdesk.test', 'Pool ' || t.code || ' ' || k, 'staff', 'agent', 'en'
       FROM teams t, generate_series(1, $1::int) k`,
      [POOL],
    );
    await c.query(`INSERT INTO team_members (team_id, user_id) SELECT t.id, u.id FROM teams t JOIN users u ON u.email LIKE 'pool-' || t.code || '-%'`);
    await c.query(`INSERT INTO line_members (line_id, user_id) SELECT DISTINCT t.line_id, m.user_id FROM team_members m JOIN teams t ON t.id = m.team_id ON CONFLICT DO NOTHING`);
    await c.query(`INSERT INTO users (email, name, kind, staff_role, locale) VALUES ($1, 'Pool duty manager', 'staff', 'duty_manager', 'en')`, [managerEmail]);
    await c.query(`INSERT INTO line_members (line_id, user_id) SELECT l.id, u.id FROM lines l, users u WHERE l.code IN ('L1', 'L2') AND u.email = $1`, [managerEmail]);

    const assigned = await c.query(
      `WITH m AS (SELECT team_id, array_agg(user_id ORDER BY user_id) AS ids FROM team_members GROUP BY team_id)
       UPDATE tickets t SET assignee_id = m.ids[1 + floor(random() * cardinality(m.ids))::int]
       FROM m WHERE m.team_id = t.team_id AND t.status IN ${active} AND t.status <> 'new' AND random() < 0.6`,
    );
    const l1 = `SELECT l.id AS line_id, tm.id AS team_id, (SELECT array_agg(user_id ORDER BY user_id) FROM team_members WHERE team_id = tm.id) AS ids
                FROM lines l JOIN teams tm ON tm.line_id = l.id AND tm.code = 'L1-DUTY'`;
    const handovers = await c.query(
      `WITH l1 AS (${l1}), r AS (SELECT id FROM escalation_reasons ORDER BY sort LIMIT 1)
       INSERT INTO ticket_handovers (ticket_id, kind, from_line_id, from_team_id, to_line_id, to_team_id, reason_id, actor_id, from_entered_at, created_at)
       SELECT t.id, 'escalation', l1.line_id, l1.team_id, t.line_id, t.team_id, r.id, l1.ids[1 + floor(random() * cardinality(l1.ids))::int],
         t.created_at, t.created_at + interval '10 minutes'
       FROM tickets t JOIN lines l ON l.id = t.line_id AND l.level >= 2, l1, r`,
    );
    await c.query(
      `INSERT INTO ticket_ownership (ticket_id, customer_line_id, customer_team_id, customer_agent_id, line_entered_at, escalations)
       SELECT ticket_id, from_line_id, from_team_id, actor_id, created_at, 1 FROM ticket_handovers`,
    );
    const returned = await c.query(
      `WITH l1 AS (${l1})
       INSERT INTO ticket_ownership (ticket_id, customer_line_id, customer_team_id, customer_agent_id, line_entered_at, escalations, returns, returned_at)
       SELECT t.id, l1.line_id, l1.team_id, l1.ids[1 + floor(random() * cardinality(l1.ids))::int], t.updated_at - interval '1 hour', 1, 1, t.updated_at - interval '1 hour'
       FROM tickets t, l1 WHERE t.line_id = l1.line_id AND t.status IN ${active} AND random() < 0.1`,
    );
    log(`queue state: ${assigned.rowCount ?? 0} active requests assigned, ${handovers.rowCount ?? 0} escalations (with ownership), ${returned.rowCount ?? 0} returned to L1-DUTY agents`);
  } finally {
    await c.query('SET session_replication_role = origin');
  }
  await c.query('VACUUM (ANALYZE) tickets, ticket_handovers, ticket_ownership, users, team_members, line_members');
}

/** A read+write bearer token for a pool user, through the real identity module. */
export async function tokenForEmail(ctx: AppContext, email: string): Promise<string> {
  const u = await ctx.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
  const actor = await loadActor(ctx.db, u.id, 'session', null);
  if (!actor) throw new Error(`no actor for ${email}`);
  const { token } = await createApiToken(ctx, actor, { name: 'bench', scopes: ['read', 'write'] });
  return token;
}
