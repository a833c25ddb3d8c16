import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
// Similar requests, duplicates, mass-outage flags.
//
// - ticket_links: staff links between two requests, one row per unordered pair; `duplicate_of` points from
//   the duplicate (ticket_id) to the original (target_id), `related` is symmetric.
// - similar_candidates: what the intake scan found for a new request (the likely duplicates of the same
//   organisation), kept so staff see why it was suggested even after the text changes.
// - mass_outages + mass_outage_tickets: a cluster of requests of many organisations about one service /
//   region within a short window; tickets.mass_outage_id is the flag lists show (denormalised, set while
//   the cluster is not dismissed).
// Candidate look-ups walk the newest open requests by created_at (tickets_active_created) and the newest
// open requests of one organisation (tickets_active_org_updated), each with a LIMIT, so a scan never reads more
// than a fixed number of rows however many requests are open.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`
    CREATE TABLE ticket_links (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      ticket_id uuid NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
      target_id uuid NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('duplicate_of', 'related')),
      created_by_id uuid REFERENCES users(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (ticket_id <> target_id)
    );
    CREATE UNIQUE INDEX ticket_links_pair ON ticket_links (LEAST(ticket_id, target_id), GREATEST(ticket_id, target_id));
    CREATE INDEX ticket_links_ticket ON ticket_links (ticket_id);
    CREATE UNIQUE INDEX ticket_links_one_original ON ticket_links (ticket_id) WHERE kind = 'duplicate_of';
    CREATE INDEX ticket_links_target ON ticket_links (target_id);

    CREATE TABLE similar_candidates (
      ticket_id uuid NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
      candidate_id uuid NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
      score real NOT NULL,
      duplicate boolean NOT NULL DEFAULT false,
      reasons jsonb NOT NULL DEFAULT '{}'::jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (ticket_id, candidate_id)
    );
    CREATE INDEX similar_candidates_candidate ON similar_candidates (candidate_id);

    CREATE TABLE mass_outages (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      catalogue_item_id uuid REFERENCES catalogue_items(id) ON DELETE SET NULL,
      region text,
      status text NOT NULL DEFAULT 'suspected' CHECK (status IN ('suspected', 'acknowledged', 'dismissed')),
      organization_count int NOT NULL DEFAULT 0,
      ticket_count int NOT NULL DEFAULT 0,
      first_seen_at timestamptz NOT NULL,
      last_seen_at timestamptz NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      acknowledged_at timestamptz,
      acknowledged_by_id uuid REFERENCES users(id) ON DELETE SET NULL,
      dismissed_at timestamptz,
      dismissed_by_id uuid REFERENCES users(id) ON DELETE SET NULL,
      note text NOT NULL DEFAULT ''
    );
    CREATE INDEX mass_outages_key ON mass_outages (catalogue_item_id, region, last_seen_at DESC);
    CREATE INDEX mass_outages_recent ON mass_outages (last_seen_at DESC, id DESC);

    CREATE TABLE mass_outage_tickets (
      mass_outage_id uuid NOT NULL REFERENCES mass_outages(id) ON DELETE CASCADE,
      ticket_id uuid NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
      organization_id uuid NOT NULL,
      added_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (mass_outage_id, ticket_id)
    );
    CREATE INDEX mass_outage_tickets_ticket ON mass_outage_tickets (ticket_id);

    ALTER TABLE tickets ADD COLUMN mass_outage_id uuid REFERENCES mass_outages(id) ON DELETE SET NULL;
    CREATE INDEX tickets_mass_outage ON tickets (mass_outage_id) WHERE mass_outage_id IS NOT NULL;
    CREATE INDEX tickets_active_created ON tickets (created_at DESC, id DESC)
      WHERE status IN ('new', 'open', 'pending_customer', 'pending_vendor', 'on_hold');
    CREATE INDEX tickets_active_org_updated ON tickets (organization_id, updated_at DESC, id DESC)
      WHERE status IN ('new', 'open', 'pending_customer', 'pending_vendor', 'on_hold');
  `).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
