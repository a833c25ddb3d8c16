import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
// Classifier models, suggestions, overrides.
export async function up(_db: Kysely<unknown>): Promise<void> {}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
