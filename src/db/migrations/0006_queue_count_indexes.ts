import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
// Live queue counts (GET /api/queues) read only these: index-only scans over active requests.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`
    CREATE INDEX ticket_handovers_escalated_by ON ticket_handovers (actor_id, ticket_id) WHERE kind = 'escalation';
    CREATE INDEX ticket_ownership_returned ON ticket_ownership (ticket_id)
      INCLUDE (customer_agent_id, customer_line_id, returned_at) WHERE returned_at IS NOT NULL;
    CREATE INDEX tickets_active_line_counts ON tickets (line_id) INCLUDE (team_id, confidential, assignee_id)
      WHERE status IN ('new', 'open', 'pending_customer', 'pending_vendor', 'on_hold');
    CREATE INDEX tickets_active_team_counts ON tickets (team_id) INCLUDE (confidential, assignee_id)
      WHERE status IN ('new', 'open', 'pending_customer', 'pending_vendor', 'on_hold');
  `).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
