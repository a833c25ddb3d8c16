/**
 * `tierdesk seed --missing`: brings an existing install's defaults up to this version — catalogue services,
 * their default forms, knowledge-base articles and macros that a newer tierdesk ships and the database does
 * not have (matched by code, slug and name). Nothing existing is changed; something an administrator deleted
 * on purpose comes back, which is why this runs only when asked.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { insertMissingCatalogue } from './base.js';
import { seedCatalogueForms } from './catalogue.js';
import { seedKnowledge } from './knowledge.js';

export interface SeededDefaults {
  catalogueItems: number;
  forms: number;
  articles: number;
  macros: number;
}

export async function seedMissingDefaults(db: Kysely<DB>): Promise<SeededDefaults> {
  return db.transaction().execute(async (trx) => {
    if (!(await trx.selectFrom('lines').select('id').limit(1).executeTakeFirst())) throw new Error('the database has no reference data yet: run `tierdesk seed` first');
    const tree = await insertMissingCatalogue(trx);
    const { services, forms } = await seedCatalogueForms(trx);
    const { articles, macros } = await seedKnowledge(trx);
    return { catalogueItems: tree + services, forms, articles, macros };
  });
}
