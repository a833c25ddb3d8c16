import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
//
// A clock can be cancelled: the request moved to a service offered without SLA before the clock breached.
// A cancelled clock counts neither as met nor as breached; a later start continues its cycle.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `
    ALTER TABLE sla_clocks DROP CONSTRAINT sla_clocks_state_check;
    ALTER TABLE sla_clocks ADD CONSTRAINT sla_clocks_state_check
      CHECK (state IN ('idle', 'running', 'paused', 'met', 'breached', 'stopped', 'cancelled'));
    ALTER TABLE sla_clock_events DROP CONSTRAINT sla_clock_events_kind_check;
    ALTER TABLE sla_clock_events ADD CONSTRAINT sla_clock_events_kind_check
      CHECK (kind IN ('start', 'pause', 'resume', 'stop', 'retarget', 'cancel'));
    `,
    )
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `
    DELETE FROM sla_clock_events WHERE kind = 'cancel';
    UPDATE sla_clocks SET state = 'stopped' WHERE state = 'cancelled';
    ALTER TABLE sla_clocks DROP CONSTRAINT sla_clocks_state_check;
    ALTER TABLE sla_clocks ADD CONSTRAINT sla_clocks_state_check CHECK (state IN ('idle', 'running', 'paused', 'met', 'breached', 'stopped'));
    ALTER TABLE sla_clock_events DROP CONSTRAINT sla_clock_events_kind_check;
    ALTER TABLE sla_clock_events ADD CONSTRAINT sla_clock_events_kind_check CHECK (kind IN ('start', 'pause', 'resume', 'stop', 'retarget'));
    `,
    )
    .execute(db);
}
