import pg from 'pg';
import { embeddedTemplate } from '../../src/db/setup.js';
import { templateDatabaseName, withDatabase } from './pg.js';
import { migrateAll } from '../../src/db/setup.js';
import { openDatabase } from '../../src/db/engine.js';

/**
 * Builds the migrated template once per run: a PGlite tarball, and on PostgreSQL a template database
 * that every test file clones (CREATE DATABASE … TEMPLATE), as graphile-worker's tests do.
 */
export default async function setup() {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    await embeddedTemplate();
    return;
  }
  const name = templateDatabaseName();
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount) return;
    const building = `${name}_building_${process.pid}`;
    await admin.query(`CREATE DATABASE "${building}"`);
    const database = await openDatabase({ databaseUrl: withDatabase(url, building), poolSize: 2 });
    try {
      await migrateAll(database);
    } finally {
      await database.close();
    }
    await admin.query(`ALTER DATABASE "${building}" RENAME TO "${name}"`).catch(async () => {
      await admin.query(`DROP DATABASE IF EXISTS "${building}"`);
    });
  } finally {
    await admin.end();
  }
}
