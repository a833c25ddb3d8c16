import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code. Seed rows are literals on purpose.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`
    -- Whether a line stays the customer-facing owner while a higher line works on the request;
    -- NULL = the default: only the first line does. (Lines are seeded after migrations, so no UPDATE here.)
    ALTER TABLE lines ADD COLUMN keeps_customer_contact boolean;

    ALTER TABLE teams ADD COLUMN auto_assign boolean NOT NULL DEFAULT false;
    ALTER TABLE teams ADD COLUMN default_capacity int NOT NULL DEFAULT 10 CHECK (default_capacity BETWEEN 0 AND 1000);
    ALTER TABLE teams ADD COLUMN active boolean NOT NULL DEFAULT true;

    -- What L1 must have collected before escalating a request of this catalogue item: any of
    -- 'project', 'region', 'resourceIds', 'timeWindow', 'errorText'. NULL = not set by an admin: the
    -- default for the item's code (setting lines.default_escalation_requirements_by_item), else by type.
    ALTER TABLE catalogue_items ADD COLUMN escalation_requirements text[];

    INSERT INTO settings (key, value) VALUES
      ('desk.time_zone', '"Europe/Moscow"'),
      -- Requests without a catalogue item: what L1 needs per type before escalating.
      ('lines.default_escalation_requirements', '{"incident": ["project", "region", "timeWindow", "errorText"]}'),
      ('lines.default_escalation_requirements_by_item', '{
        "compute.vm.unavailable": ["project", "region", "resourceIds", "timeWindow", "errorText"],
        "compute.vm.resize": ["project", "region", "resourceIds"],
        "storage.block.io": ["project", "region", "resourceIds", "timeWindow"],
        "storage.s3.access": ["project", "region", "timeWindow", "errorText"],
        "network.connectivity.loss": ["project", "region", "resourceIds", "timeWindow"],
        "kubernetes.cluster.issue": ["project", "region", "resourceIds", "timeWindow", "errorText"],
        "databases.instance.issue": ["project", "region", "resourceIds", "timeWindow", "errorText"],
        "account.quotas.change": ["project", "region"],
        "marketplace.product.issue": ["project", "errorText"]
      }'),
      -- Skills of the reference teams until an admin sets team skills: team code -> catalogue codes.
      ('lines.default_team_skills', '{
        "L2-COMPUTE": ["compute", "storage"],
        "L2-NETWORK": ["network"],
        "L2-K8S": ["kubernetes"],
        "L2-DB": ["databases"],
        "L4-COMPUTE": ["compute"],
        "L4-STORAGE": ["storage"]
      }')
    ON CONFLICT (key) DO NOTHING;

    CREATE TABLE escalation_reasons (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      code text NOT NULL UNIQUE,
      name_en text NOT NULL,
      name_ru text NOT NULL,
      active boolean NOT NULL DEFAULT true,
      sort int NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    INSERT INTO escalation_reasons (code, name_en, name_ru, sort) VALUES
      ('deep_diagnostics', 'Needs detailed diagnostics', 'Требуется детальная диагностика', 10),
      ('non_typical', 'Non-typical or complex problem', 'Нетиповая или сложная проблема', 20),
      ('no_access', 'Needs access L1 does not have', 'Нужен доступ, которого нет у L1', 30),
      ('mass_failure', 'Suspected mass failure on the provider side', 'Подозрение на массовый сбой на стороне провайдера', 40),
      ('defect', 'Suspected software defect', 'Подозрение на дефект ПО', 50),
      ('security', 'Security concern', 'Вопрос безопасности', 60),
      ('product_change', 'Needs a product change', 'Требуется доработка продукта', 70),
      ('sla_risk', 'Risk of breaching the SLA', 'Риск нарушения SLA', 80);

    -- Line state of a request beside the tickets row: the customer-facing owner (by default L1)
    -- stays while tickets.line_id / team_id / assignee_id say who works on it now.
    CREATE TABLE ticket_ownership (
      ticket_id uuid PRIMARY KEY REFERENCES tickets(id) ON DELETE CASCADE,
      customer_line_id uuid REFERENCES lines(id),
      customer_team_id uuid REFERENCES teams(id),
      customer_agent_id uuid REFERENCES users(id),
      line_entered_at timestamptz NOT NULL,
      escalations int NOT NULL DEFAULT 0,
      returns int NOT NULL DEFAULT 0,
      -- Set by a return, cleared when the request moves on: the "returned to me" view.
      returned_at timestamptz
    );
    CREATE INDEX ticket_ownership_customer_agent ON ticket_ownership (customer_agent_id) WHERE customer_agent_id IS NOT NULL;

    -- Every move between lines (escalation up, return down) with its hand-over. Never shown to customers or vendors.
    CREATE TABLE ticket_handovers (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      ticket_id uuid NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('escalation', 'return')),
      from_line_id uuid REFERENCES lines(id),
      from_team_id uuid REFERENCES teams(id),
      to_line_id uuid NOT NULL REFERENCES lines(id),
      to_team_id uuid REFERENCES teams(id),
      reason_id uuid REFERENCES escalation_reasons(id),
      reason_text text NOT NULL DEFAULT '',
      checked text NOT NULL DEFAULT '',
      found text NOT NULL DEFAULT '',
      told_customer text NOT NULL DEFAULT '',
      instructions text NOT NULL DEFAULT '',
      actor_id uuid REFERENCES users(id),
      -- When the request entered from_line: each row closes one stint at a line (time-at-line metrics).
      from_entered_at timestamptz NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((kind = 'escalation') = (reason_id IS NOT NULL))
    );
    CREATE INDEX ticket_handovers_ticket ON ticket_handovers (ticket_id, created_at DESC);
    CREATE INDEX ticket_handovers_created ON ticket_handovers (created_at);

    CREATE TABLE manager_escalations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      ticket_id uuid NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
      reason text NOT NULL,
      raised_by_id uuid REFERENCES users(id),
      manager_id uuid REFERENCES users(id),
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'acknowledged')),
      created_at timestamptz NOT NULL DEFAULT now(),
      acknowledged_at timestamptz,
      acknowledged_by_id uuid REFERENCES users(id)
    );
    CREATE INDEX manager_escalations_ticket ON manager_escalations (ticket_id, created_at DESC);
    CREATE INDEX manager_escalations_open ON manager_escalations (created_at) WHERE status = 'open';

    CREATE TABLE ticket_tags (
      ticket_id uuid NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
      tag text NOT NULL CHECK (length(tag) BETWEEN 1 AND 64),
      PRIMARY KEY (ticket_id, tag)
    );
    CREATE INDEX ticket_tags_tag ON ticket_tags (tag);

    -- Per agent: how many open requests they carry at most, and when they last got one (round-robin).
    CREATE TABLE agent_profiles (
      user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
      capacity int CHECK (capacity BETWEEN 0 AND 1000),
      last_assigned_at timestamptz
    );

    -- Skills: catalogue items (any level; covers the subtree) a team or an agent covers.
    CREATE TABLE team_skills (
      team_id uuid NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
      catalogue_item_id uuid NOT NULL REFERENCES catalogue_items(id) ON DELETE CASCADE,
      PRIMARY KEY (team_id, catalogue_item_id)
    );
    CREATE TABLE agent_skills (
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      catalogue_item_id uuid NOT NULL REFERENCES catalogue_items(id) ON DELETE CASCADE,
      PRIMARY KEY (user_id, catalogue_item_id)
    );

    -- Duty roster: half-open [starts_at, ends_at) instants; the desk time zone only matters for input and display.
    CREATE TABLE shifts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      team_id uuid NOT NULL REFERENCES teams(id),
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      handed_over_at timestamptz,
      handover_to_id uuid REFERENCES users(id),
      handover_notes text NOT NULL DEFAULT '',
      created_by_id uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (ends_at > starts_at)
    );
    CREATE INDEX shifts_team_time ON shifts (team_id, starts_at, ends_at);
    CREATE INDEX shifts_user_time ON shifts (user_id, starts_at, ends_at);
    CREATE INDEX shifts_time ON shifts (starts_at, ends_at);

    -- Routing rule sets, versioned: every save is a new row; the highest version is in force.
    CREATE TABLE routing_rule_sets (
      version int PRIMARY KEY,
      rules jsonb NOT NULL,
      comment text NOT NULL DEFAULT '',
      author_id uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    INSERT INTO routing_rule_sets (version, comment, rules) VALUES (1, 'Defaults', '[
      {"id": "security", "name": "Security reports go to L3 Security", "when": {"types": ["security"]}, "then": {"teamCode": "L3-SECURITY"}},
      {"id": "billing", "name": "Billing questions stay at L1 Billing", "when": {"types": ["billing"]}, "then": {"teamCode": "L1-BILLING"}},
      {"id": "access-recovery", "name": "Access recovery at L1 Billing and accounts", "when": {"types": ["access_recovery"]}, "then": {"teamCode": "L1-BILLING", "tags": ["access-recovery"]}},
      {"id": "quotas-vm", "name": "Quota and VM configuration changes at L1", "when": {"catalogueItemCodes": ["account.quotas", "compute.vm.resize"]}, "then": {"teamCode": "L1-DUTY", "tags": ["service-request"]}},
      {"id": "service-requests", "name": "Other service requests at L1", "when": {"types": ["service_request"]}, "then": {"teamCode": "L1-DUTY"}},
      {"id": "vendor", "name": "Marketplace vendor questions at L1", "when": {"types": ["vendor"]}, "then": {"teamCode": "L1-DUTY", "tags": ["vendor"]}},
      {"id": "consultations", "name": "Consultations at L1", "when": {"types": ["question"]}, "then": {"teamCode": "L1-DUTY"}},
      {"id": "alerts", "name": "Monitoring alerts go to L2", "when": {"channels": ["monitoring"]}, "then": {"lineCode": "L2", "tags": ["alert"]}},
      {"id": "everything-else", "name": "Everything else to the L1 duty shift", "when": {}, "then": {"teamCode": "L1-DUTY"}}
    ]');
  `).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
