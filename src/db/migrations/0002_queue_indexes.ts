import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
//
// Queues ask for a few active statuses of a team or line, newest activity first. With an IN list of
// statuses the (team_id, status, updated_at) indexes cannot return rows in updated_at order, so every
// matching row was fetched and sorted (tens of thousands at a million requests). Indexes over the
// active requests only (~5 % of rows) return them in order; any subset of the active statuses
// implies the predicate, so the planner uses them for e.g. status=new&status=open.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`
    CREATE INDEX tickets_active_team_updated ON tickets (team_id, updated_at DESC, id DESC)
      WHERE status IN ('new', 'open', 'pending_customer', 'pending_vendor', 'on_hold');
    CREATE INDEX tickets_active_line_updated ON tickets (line_id, updated_at DESC, id DESC)
      WHERE status IN ('new', 'open', 'pending_customer', 'pending_vendor', 'on_hold');
    CREATE INDEX tickets_active_updated ON tickets (updated_at DESC, id DESC)
      WHERE status IN ('new', 'open', 'pending_customer', 'pending_vendor', 'on_hold');
  `).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
