import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as m0001 from './migrations/0001_foundation.js';
import * as m0002 from './migrations/0002_queue_indexes.js';
import * as m0003 from './migrations/0003_lines.js';
import * as m0004 from './migrations/0004_sla.js';
import * as m0005 from './migrations/0005_email.js';
import * as m0006 from './migrations/0006_queue_count_indexes.js';
import * as m0007 from './migrations/0007_catalogue_forms.js';
import * as m0008 from './migrations/0008_knowledge.js';
import * as m0009 from './migrations/0009_email_templates.js';
import * as m0010 from './migrations/0010_classifier.js';
import * as m0011 from './migrations/0011_similarity.js';
import * as m0012 from './migrations/0012_sla_admin.js';
import * as m0013 from './migrations/0013_queue_counters.js';
import * as m0014 from './migrations/0014_sla_cancelled.js';
import * as m0015 from './migrations/0015_sla_mail_digest.js';

/** Migrations are listed here in order; files are never edited once released. */
const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_queue_indexes': m0002,
  '0003_lines': m0003,
  '0004_sla': m0004,
  '0005_email': m0005,
  '0006_queue_count_indexes': m0006,
  '0007_catalogue_forms': m0007,
  '0008_knowledge': m0008,
  '0009_email_templates': m0009,
  '0010_classifier': m0010,
  '0011_similarity': m0011,
  '0012_sla_admin': m0012,
  '0013_queue_counters': m0013,
  '0014_sla_cancelled': m0014,
  '0015_sla_mail_digest': m0015,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export function migrator(db: Kysely<unknown>): Migrator {
  return new Migrator({ db, provider, migrationTableName: 'schema_migrations', migrationLockTableName: 'schema_migrations_lock' });
}

export async function migrateToLatest(db: Kysely<unknown>): Promise<string[]> {
  const { error, results } = await migrator(db).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Names of known migrations not yet applied; empty when the schema is current. */
export async function pendingMigrations(db: Kysely<unknown>): Promise<string[]> {
  const all = await migrator(db).getMigrations();
  return all.filter((m) => !m.executedAt).map((m) => m.name);
}

export const latestMigration = Object.keys(migrations).at(-1) ?? '';
export const migrationNames = Object.keys(migrations);
