import crypto from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/engine.js';
import { embeddedTemplate } from '../../src/db/setup.js';
import { templateDatabaseName, withDatabase } from './pg.js';

/** A fresh, migrated database for one test file: a PGlite copy of the template, or a clone on PostgreSQL. */
export async function testDatabase(): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return openDatabase({ inMemory: true, template: () => embeddedTemplate() });
  const name = `tierdesk_t_${crypto.randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${templateDatabaseName()}"`);
  } finally {
    await admin.end();
  }
  const database = await openDatabase({ databaseUrl: withDatabase(url, name), poolSize: 8 });
  return {
    ...database,
    async close() {
      await database.close();
      const a = new pg.Client({ connectionString: url });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).finally(() => a.end());
    },
  };
}

export const onPostgres = () => Boolean(process.env.TEST_DATABASE_URL);
