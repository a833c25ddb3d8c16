import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
//
// Maintained queue counters, so GET /api/queues stays fast however many requests a line holds.
//
// queue_counts holds the number of active requests per (line, team, confidential, assigned); every change
// of a request appends a +1/-1 row to queue_count_deltas from a trigger (appends never wait on one another,
// so concurrent intake does not queue on a hot counter row), and a job folds the deltas into queue_counts
// every minute in one statement. A count is the sum over both tables — exact at every moment.
//
// active_escalations holds (agent, request) for every active request the agent ever escalated — the
// "escalated by me" view — so that view no longer walks an agent's whole escalation history.
const ACTIVE = `('new', 'open', 'pending_customer', 'pending_vendor', 'on_hold')`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `
    CREATE TABLE queue_counts (
      line_id uuid,
      team_id uuid,
      confidential boolean NOT NULL,
      assigned boolean NOT NULL,
      n bigint NOT NULL,
      CONSTRAINT queue_counts_key UNIQUE NULLS NOT DISTINCT (line_id, team_id, confidential, assigned)
    );
    CREATE INDEX queue_counts_team ON queue_counts (team_id);

    CREATE TABLE queue_count_deltas (
      id bigserial PRIMARY KEY,
      line_id uuid,
      team_id uuid,
      confidential boolean NOT NULL,
      assigned boolean NOT NULL,
      n int NOT NULL
    );

    INSERT INTO queue_counts (line_id, team_id, confidential, assigned, n)
      SELECT line_id, team_id, confidential, assignee_id IS NOT NULL, count(*)
        FROM tickets WHERE status IN ${ACTIVE}
       GROUP BY 1, 2, 3, 4;

    CREATE FUNCTION tierdesk_queue_count_delta() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'UPDATE' AND OLD.status IN ${ACTIVE} AND NEW.status IN ${ACTIVE}
         AND NEW.line_id IS NOT DISTINCT FROM OLD.line_id AND NEW.team_id IS NOT DISTINCT FROM OLD.team_id
         AND NEW.confidential = OLD.confidential AND (NEW.assignee_id IS NULL) = (OLD.assignee_id IS NULL) THEN
        RETURN NULL;
      END IF;
      IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status IN ${ACTIVE} THEN
        INSERT INTO queue_count_deltas (line_id, team_id, confidential, assigned, n)
          VALUES (OLD.line_id, OLD.team_id, OLD.confidential, OLD.assignee_id IS NOT NULL, -1);
      END IF;
      IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status IN ${ACTIVE} THEN
        INSERT INTO queue_count_deltas (line_id, team_id, confidential, assigned, n)
          VALUES (NEW.line_id, NEW.team_id, NEW.confidential, NEW.assignee_id IS NOT NULL, 1);
      END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER tickets_queue_counts
      AFTER INSERT OR DELETE OR UPDATE OF status, line_id, team_id, confidential, assignee_id ON tickets
      FOR EACH ROW EXECUTE FUNCTION tierdesk_queue_count_delta();

    CREATE TABLE active_escalations (
      actor_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      ticket_id uuid NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
      PRIMARY KEY (actor_id, ticket_id)
    );
    CREATE INDEX active_escalations_ticket ON active_escalations (ticket_id);
    INSERT INTO active_escalations (actor_id, ticket_id)
      SELECT DISTINCT h.actor_id, h.ticket_id FROM ticket_handovers h JOIN tickets t ON t.id = h.ticket_id
       WHERE h.kind = 'escalation' AND h.actor_id IS NOT NULL AND t.status IN ${ACTIVE};

    CREATE FUNCTION tierdesk_escalation_recorded() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.kind = 'escalation' AND NEW.actor_id IS NOT NULL
         AND EXISTS (SELECT 1 FROM tickets WHERE id = NEW.ticket_id AND status IN ${ACTIVE}) THEN
        INSERT INTO active_escalations (actor_id, ticket_id) VALUES (NEW.actor_id, NEW.ticket_id) ON CONFLICT DO NOTHING;
      END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER ticket_handovers_active_escalations AFTER INSERT ON ticket_handovers
      FOR EACH ROW EXECUTE FUNCTION tierdesk_escalation_recorded();

    CREATE FUNCTION tierdesk_escalations_follow_status() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF OLD.status IN ${ACTIVE} AND NEW.status NOT IN ${ACTIVE} THEN
        DELETE FROM active_escalations WHERE ticket_id = NEW.id;
      ELSIF OLD.status NOT IN ${ACTIVE} AND NEW.status IN ${ACTIVE} THEN
        INSERT INTO active_escalations (actor_id, ticket_id)
          SELECT DISTINCT actor_id, ticket_id FROM ticket_handovers
           WHERE ticket_id = NEW.id AND kind = 'escalation' AND actor_id IS NOT NULL
          ON CONFLICT DO NOTHING;
      END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER tickets_active_escalations AFTER UPDATE OF status ON tickets
      FOR EACH ROW EXECUTE FUNCTION tierdesk_escalations_follow_status();

    -- The few active confidential requests: the named-view counts subtract the ones the caller may not see
    -- instead of checking visibility on every counted row.
    CREATE INDEX tickets_active_confidential ON tickets (assignee_id, id) INCLUDE (team_id)
      WHERE confidential AND status IN ${ACTIVE};

    -- returned-to-me, driven by the agent: only the few returned rows, by customer-facing agent.
    CREATE INDEX ticket_ownership_returned_agent ON ticket_ownership (customer_agent_id, ticket_id)
      INCLUDE (customer_line_id, returned_at) WHERE returned_at IS NOT NULL;
  `,
    )
    .execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
