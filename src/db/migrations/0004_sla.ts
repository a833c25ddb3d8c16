import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code. The shipped plan targets are seeded by the
// SLA module at start (from its catalogue) only into an empty sla_plans table, so an admin's edits stay.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`
    -- SLA settings of a support plan, keyed by the plan code (support_plans.code), so a plan and its
    -- SLA can be created in either order. targets: { metric: { priority|any: minutes } }.
    CREATE TABLE sla_plans (
      plan_code text PRIMARY KEY,
      name text NOT NULL DEFAULT '',
      extends_code text,
      calendar text CHECK (calendar IN ('24x7', 'business-hours')),
      calendar_by_priority jsonb NOT NULL DEFAULT '{}',
      targets jsonb NOT NULL DEFAULT '{}',
      attainment_goal double precision CHECK (attainment_goal > 0 AND attainment_goal <= 1),
      -- Business calendar of the plan; an organisation's own calendar wins over it.
      calendar_id uuid,
      -- Steps run on warnings and breaches: [{ on: '0.75' | 'breach', metrics?: [...], actions: [...] }].
      escalation jsonb NOT NULL DEFAULT '[]',
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    -- Business hours. organization_id NULL and is_default: the desk-wide default. The zone is always
    -- the organisation's time zone, so one calendar serves customers in several zones.
    CREATE TABLE sla_calendars (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      organization_id uuid UNIQUE REFERENCES organizations(id) ON DELETE CASCADE,
      is_default boolean NOT NULL DEFAULT false,
      week jsonb NOT NULL,
      overrides jsonb NOT NULL DEFAULT '[]',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX sla_calendars_one_default ON sla_calendars (is_default) WHERE is_default;
    ALTER TABLE sla_plans ADD CONSTRAINT sla_plans_calendar_fk FOREIGN KEY (calendar_id) REFERENCES sla_calendars(id) ON DELETE SET NULL;

    CREATE TABLE sla_holidays (
      calendar_id uuid NOT NULL REFERENCES sla_calendars(id) ON DELETE CASCADE,
      date date NOT NULL,
      name text NOT NULL DEFAULT '',
      PRIMARY KEY (calendar_id, date)
    );

    INSERT INTO sla_calendars (name, is_default, week) VALUES (
      'Office hours (Mon–Fri 09:00–18:00)', true,
      '{"mon":[{"start":"09:00","end":"18:00"}],"tue":[{"start":"09:00","end":"18:00"}],"wed":[{"start":"09:00","end":"18:00"}],"thu":[{"start":"09:00","end":"18:00"}],"fri":[{"start":"09:00","end":"18:00"}]}'
    );

    -- Internal targets: per line (code 'L2' …: act within N minutes of an escalation) and 'vendor'.
    CREATE TABLE sla_internal_targets (
      code text PRIMARY KEY,
      target_minutes int NOT NULL CHECK (target_minutes > 0),
      calendar text NOT NULL DEFAULT '24x7' CHECK (calendar IN ('24x7', 'business-hours')),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    INSERT INTO sla_internal_targets (code, target_minutes) VALUES ('L2', 30), ('L3', 60), ('L4', 480), ('vendor', 480);

    INSERT INTO settings (key, value) VALUES ('sla.warn_at', '[0.5, 0.75, 0.9]') ON CONFLICT (key) DO NOTHING;

    -- One summary row per clock; the events below are the truth, this is what queues sort by.
    CREATE TABLE sla_clocks (
      ticket_id uuid NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
      metric text NOT NULL,
      -- next_response starts a fresh cycle per customer message; others stay at 1 (reopen continues).
      cycle int NOT NULL DEFAULT 1,
      state text NOT NULL CHECK (state IN ('idle', 'running', 'paused', 'met', 'breached', 'stopped')),
      counting boolean NOT NULL DEFAULT false,
      plan_code text NOT NULL,
      priority text NOT NULL,
      calendar text NOT NULL CHECK (calendar IN ('24x7', 'business-hours')),
      target_ms bigint,
      elapsed_ms bigint NOT NULL DEFAULT 0,
      paused_ms bigint NOT NULL DEFAULT 0,
      started_at timestamptz,
      due_at timestamptz,
      stopped_at timestamptz,
      breached_at timestamptz,
      -- Pending timer jobs: { point: { at: epoch ms, job: job id } }.
      timers jsonb NOT NULL DEFAULT '{}',
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (ticket_id, metric)
    );
    CREATE INDEX sla_clocks_due ON sla_clocks (due_at) WHERE counting;
    CREATE INDEX sla_clocks_stopped ON sla_clocks (stopped_at) WHERE stopped_at IS NOT NULL;

    CREATE TABLE sla_clock_events (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      ticket_id uuid NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
      metric text NOT NULL,
      cycle int NOT NULL DEFAULT 1,
      kind text NOT NULL CHECK (kind IN ('start', 'pause', 'resume', 'stop', 'retarget')),
      at timestamptz NOT NULL,
      reason text NOT NULL DEFAULT '',
      actor_id uuid REFERENCES users(id),
      -- 'customer', 'staff', 'system', … for the timeline when there is no user.
      actor_kind text NOT NULL DEFAULT 'system',
      target_ms bigint
    );
    CREATE INDEX sla_clock_events_clock ON sla_clock_events (ticket_id, metric, cycle, id);

    -- Warnings and breaches, each recorded once: point is '0.5', '0.75', '0.9' or 'breach'.
    CREATE TABLE sla_marks (
      ticket_id uuid NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
      metric text NOT NULL,
      cycle int NOT NULL DEFAULT 1,
      point text NOT NULL,
      due_at timestamptz NOT NULL,
      recorded_at timestamptz NOT NULL,
      event_id bigint,
      -- The request at that moment: status, priority, line, team, assignee, elapsed, paused.
      snapshot jsonb NOT NULL DEFAULT '{}',
      PRIMARY KEY (ticket_id, metric, cycle, point)
    );
    CREATE INDEX sla_marks_breaches ON sla_marks (due_at) WHERE point = 'breach';
  `).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
