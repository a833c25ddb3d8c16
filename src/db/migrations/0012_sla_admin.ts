import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
// SLA targets per request type, services without SLA.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `
    -- Per plan: { "<request type>": { "<metric>": { "<priority>|any": minutes } } }; a type's number wins
    -- over the plan's own number for the same metric.
    ALTER TABLE sla_plans ADD COLUMN type_targets jsonb NOT NULL DEFAULT '{}';

    -- A service (or a whole group / category) offered without SLA, e.g. a beta: its requests run no
    -- customer SLA clocks. Internal (OLA) and vendor clocks still run.
    ALTER TABLE catalogue_items ADD COLUMN sla_exempt boolean NOT NULL DEFAULT false;
  `,
    )
    .execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
