import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);
  await sql.raw(`
    CREATE TABLE support_plans (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      code text NOT NULL UNIQUE,
      name_en text NOT NULL,
      name_ru text NOT NULL,
      description_en text NOT NULL DEFAULT '',
      description_ru text NOT NULL DEFAULT '',
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE organizations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      support_plan_id uuid REFERENCES support_plans(id),
      language text NOT NULL DEFAULT 'ru' CHECK (language IN ('ru', 'en')),
      time_zone text NOT NULL DEFAULT 'Europe/Moscow',
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE organization_projects (
      project_id text PRIMARY KEY CHECK (project_id ~ '^mcs[0-9]{10}$'),
      organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
      name text NOT NULL DEFAULT ''
    );
    CREATE INDEX organization_projects_org ON organization_projects (organization_id);

    CREATE TABLE vendors (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      product text NOT NULL DEFAULT '',
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE lines (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      code text NOT NULL UNIQUE,
      level int NOT NULL UNIQUE CHECK (level BETWEEN 1 AND 9),
      name_en text NOT NULL,
      name_ru text NOT NULL,
      responsibilities_en text NOT NULL DEFAULT '',
      responsibilities_ru text NOT NULL DEFAULT ''
    );

    CREATE TABLE teams (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      line_id uuid NOT NULL REFERENCES lines(id),
      code text NOT NULL UNIQUE,
      name_en text NOT NULL,
      name_ru text NOT NULL,
      -- Requests owned by a confidential team (e.g. L3 Security) are visible to its members only.
      confidential boolean NOT NULL DEFAULT false
    );
    CREATE INDEX teams_line ON teams (line_id);

    CREATE TABLE users (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      email text NOT NULL,
      name text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('customer', 'staff', 'vendor', 'integration')),
      organization_id uuid REFERENCES organizations(id),
      org_role text CHECK (org_role IN ('member', 'admin')),
      vendor_id uuid REFERENCES vendors(id),
      staff_role text CHECK (staff_role IN ('agent', 'duty_manager', 'admin')),
      password_hash text,
      locale text NOT NULL DEFAULT 'ru' CHECK (locale IN ('ru', 'en')),
      time_zone text NOT NULL DEFAULT 'Europe/Moscow',
      is_demo boolean NOT NULL DEFAULT false,
      disabled_at timestamptz,
      failed_logins int NOT NULL DEFAULT 0,
      locked_until timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((kind = 'customer') = (organization_id IS NOT NULL AND org_role IS NOT NULL)),
      CHECK ((kind = 'vendor') = (vendor_id IS NOT NULL)),
      CHECK ((kind = 'staff') = (staff_role IS NOT NULL))
    );
    CREATE UNIQUE INDEX users_email ON users (lower(email));
    CREATE INDEX users_org ON users (organization_id);
    CREATE INDEX users_email_trgm ON users USING gin (lower(email) gin_trgm_ops);

    CREATE TABLE line_members (
      line_id uuid NOT NULL REFERENCES lines(id),
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      PRIMARY KEY (line_id, user_id)
    );
    CREATE INDEX line_members_user ON line_members (user_id);

    CREATE TABLE team_members (
      team_id uuid NOT NULL REFERENCES teams(id),
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      is_lead boolean NOT NULL DEFAULT false,
      PRIMARY KEY (team_id, user_id)
    );
    CREATE INDEX team_members_user ON team_members (user_id);

    CREATE TABLE sessions (
      id_hash text PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      csrf_token text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      ip text,
      user_agent text
    );
    CREATE INDEX sessions_user ON sessions (user_id);
    CREATE INDEX sessions_expires ON sessions (expires_at);

    CREATE TABLE api_tokens (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      name text NOT NULL,
      prefix text NOT NULL,
      token_hash text NOT NULL UNIQUE,
      scopes text[] NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz,
      last_used_at timestamptz,
      revoked_at timestamptz
    );
    CREATE INDEX api_tokens_user ON api_tokens (user_id);

    CREATE TABLE login_attempts (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      bucket text NOT NULL,
      at timestamptz NOT NULL DEFAULT now(),
      success boolean NOT NULL
    );
    CREATE INDEX login_attempts_bucket ON login_attempts (bucket, at);

    CREATE TABLE catalogue_items (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      parent_id uuid REFERENCES catalogue_items(id),
      code text NOT NULL UNIQUE,
      kind text NOT NULL CHECK (kind IN ('service_type', 'category', 'group', 'service')),
      name_en text NOT NULL,
      name_ru text NOT NULL,
      default_type text,
      default_priority text,
      default_line_id uuid REFERENCES lines(id),
      default_team_id uuid REFERENCES teams(id),
      active boolean NOT NULL DEFAULT true,
      sort int NOT NULL DEFAULT 0
    );
    CREATE INDEX catalogue_items_parent ON catalogue_items (parent_id);

    CREATE SEQUENCE ticket_number_seq START 1001;

    CREATE TABLE tickets (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      number bigint NOT NULL UNIQUE DEFAULT nextval('ticket_number_seq'),
      key text GENERATED ALWAYS AS ('SUP-' || number::text) STORED UNIQUE,
      organization_id uuid NOT NULL REFERENCES organizations(id),
      requester_id uuid NOT NULL REFERENCES users(id),
      created_by_id uuid NOT NULL REFERENCES users(id),
      subject text NOT NULL,
      description text NOT NULL,
      type text NOT NULL CHECK (type IN ('incident', 'question', 'service_request', 'billing', 'access_recovery', 'vendor', 'feedback', 'security')),
      priority text NOT NULL CHECK (priority IN ('critical', 'high', 'medium', 'low')),
      status text NOT NULL CHECK (status IN ('new', 'open', 'pending_customer', 'pending_vendor', 'on_hold', 'resolved', 'closed')),
      channel text NOT NULL CHECK (channel IN ('portal', 'api', 'phone', 'email', 'chat', 'monitoring')),
      catalogue_item_id uuid REFERENCES catalogue_items(id),
      region text,
      project_id text,
      resource_ids text[] NOT NULL DEFAULT '{}',
      fields jsonb NOT NULL DEFAULT '{}',
      line_id uuid REFERENCES lines(id),
      team_id uuid REFERENCES teams(id),
      assignee_id uuid REFERENCES users(id),
      vendor_id uuid REFERENCES vendors(id),
      confidential boolean NOT NULL DEFAULT false,
      rating smallint CHECK (rating BETWEEN 1 AND 5),
      rating_comment text,
      version int NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      first_response_at timestamptz,
      resolved_at timestamptz,
      closed_at timestamptz,
      -- Identifiers (key, project, resource IDs, IPs, e-mails) found in the request, for trigram search.
      idents text NOT NULL DEFAULT '',
      -- Staff see everything; customers and vendors only match on public text.
      search_all tsvector NOT NULL DEFAULT ''::tsvector,
      search_public tsvector NOT NULL DEFAULT ''::tsvector
    );
    CREATE INDEX tickets_org_updated ON tickets (organization_id, updated_at DESC, id DESC);
    CREATE INDEX tickets_status_updated ON tickets (status, updated_at DESC, id DESC);
    CREATE INDEX tickets_line_status_updated ON tickets (line_id, status, updated_at DESC, id DESC);
    CREATE INDEX tickets_team_status_updated ON tickets (team_id, status, updated_at DESC, id DESC);
    CREATE INDEX tickets_assignee_status_updated ON tickets (assignee_id, status, updated_at DESC, id DESC);
    CREATE INDEX tickets_vendor ON tickets (vendor_id) WHERE vendor_id IS NOT NULL;
    CREATE INDEX tickets_updated ON tickets (updated_at DESC, id DESC);
    CREATE INDEX tickets_created ON tickets (created_at);
    CREATE INDEX tickets_requester ON tickets (requester_id);
    CREATE INDEX tickets_search_all ON tickets USING gin (search_all);
    CREATE INDEX tickets_search_public ON tickets USING gin (search_public);
    CREATE INDEX tickets_idents_trgm ON tickets USING gin (idents gin_trgm_ops);

    CREATE TABLE ticket_messages (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      ticket_id uuid NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
      author_id uuid REFERENCES users(id),
      visibility text NOT NULL CHECK (visibility IN ('public', 'internal')),
      body text NOT NULL,
      source text NOT NULL DEFAULT 'ui',
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX ticket_messages_ticket ON ticket_messages (ticket_id, created_at);

    CREATE TABLE attachments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      ticket_id uuid NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
      message_id uuid REFERENCES ticket_messages(id),
      visibility text NOT NULL DEFAULT 'public' CHECK (visibility IN ('public', 'internal')),
      file_name text NOT NULL,
      content_type text NOT NULL,
      size_bytes bigint NOT NULL,
      sha256 text NOT NULL,
      storage_key text NOT NULL,
      uploaded_by_id uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX attachments_ticket ON attachments (ticket_id);

    CREATE TABLE ticket_watchers (
      ticket_id uuid NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      added_by_id uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (ticket_id, user_id)
    );
    CREATE INDEX ticket_watchers_user ON ticket_watchers (user_id);

    -- The history of every change and the domain event stream (webhooks read from here).
    CREATE TABLE events (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      type text NOT NULL,
      ticket_id uuid REFERENCES tickets(id) ON DELETE CASCADE,
      organization_id uuid REFERENCES organizations(id),
      actor_id uuid REFERENCES users(id),
      -- 'public' events may be shown to customers; 'internal' only to staff.
      visibility text NOT NULL DEFAULT 'public' CHECK (visibility IN ('public', 'internal')),
      changes jsonb NOT NULL DEFAULT '{}',
      data jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX events_ticket ON events (ticket_id, id);
    CREATE INDEX events_type ON events (type, id);

    CREATE TABLE idempotency_keys (
      actor_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      key text NOT NULL,
      scope text NOT NULL,
      request_hash text NOT NULL,
      resource_id uuid NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (actor_id, scope, key)
    );

    CREATE TABLE webhooks (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      url text NOT NULL,
      secret text NOT NULL,
      event_types text[] NOT NULL,
      active boolean NOT NULL DEFAULT true,
      description text NOT NULL DEFAULT '',
      created_by_id uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE webhook_deliveries (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      webhook_id uuid NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
      event_id bigint NOT NULL REFERENCES events(id) ON DELETE CASCADE,
      status text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
      attempts int NOT NULL DEFAULT 0,
      last_status_code int,
      last_error text,
      created_at timestamptz NOT NULL DEFAULT now(),
      delivered_at timestamptz,
      UNIQUE (webhook_id, event_id)
    );
    CREATE INDEX webhook_deliveries_webhook ON webhook_deliveries (webhook_id, created_at DESC);

    CREATE TABLE settings (
      key text PRIMARY KEY,
      value jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    );
  `).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
