import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kysely, PostgresDialect } from 'kysely';
import { migrateToLatest } from './migrate.js';
import { installJobSchema } from '../jobs/queue.js';
import { openPGlite, poolForPGlite, type Database } from './engine.js';

/** `tierdesk migrate`: the application schema, then the job queue's own schema. */
export async function migrateAll(database: Pick<Database, 'db' | 'pool'>): Promise<string[]> {
  const applied = await migrateToLatest(database.db as Kysely<unknown>);
  await installJobSchema(database.pool);
  return applied;
}

const here = path.dirname(fileURLToPath(import.meta.url));

function templateKey(): string {
  const h = crypto.createHash('sha256');
  for (const pkg of ['@electric-sql/pglite', 'pg-boss']) {
    const manifest = path.join(here, '..', '..', 'node_modules', pkg, 'package.json');
    h.update(String((JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version: string }).version));
  }
  const dir = path.join(here, 'migrations');
  for (const f of fs.readdirSync(dir).sort()) h.update(f).update(fs.readFileSync(path.join(dir, f)));
  // The list of applied migrations lives in migrate.ts; a change there alone must make a new template.
  h.update(fs.readFileSync(path.join(here, 'migrate.ts')));
  return h.digest('hex').slice(0, 16);
}

/**
 * A gzip tarball of a migrated, empty embedded database. A cold PGlite initdb plus migrations takes
 * seconds; loading this tarball takes about one. Built once per schema version and cached on disk.
 */
export async function embeddedTemplate(cacheDir = path.resolve('node_modules', '.cache', 'tierdesk')): Promise<Blob> {
  const file = path.join(cacheDir, `pglite-template-${templateKey()}.tar.gz`);
  if (fs.existsSync(file)) return new Blob([fs.readFileSync(file)]);
  const pglite = await openPGlite({});
  const pool = await poolForPGlite(pglite);
  const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migrateAll({ db: db as never, pool });
    const blob = await pglite.dumpDataDir('gzip');
    fs.mkdirSync(cacheDir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, Buffer.from(await blob.arrayBuffer()));
    fs.renameSync(tmp, file);
    return blob;
  } finally {
    await db.destroy();
    await pglite.close();
  }
}
