import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import type { PGlite } from '@electric-sql/pglite';
import type { DB } from './schema.js';
import { acquireDirLock, type DirLock } from './lockfile.js';

export type Engine = 'postgres' | 'pglite';

export interface Database {
  engine: Engine;
  pool: pg.Pool;
  db: Kysely<DB>;
  close(): Promise<void>;
}

export interface OpenOptions {
  databaseUrl?: string;
  dataDir?: string;
  poolSize?: number;
  /** A gzip tarball of a data dir to start an empty embedded database from (see template.ts). */
  template?: () => Promise<Blob | undefined>;
  /** Keep the embedded database in memory (tests); dataDir is then ignored. */
  inMemory?: boolean;
}

// DATE columns are calendar days, not instants: keep them as 'YYYY-MM-DD'.
pg.types.setTypeParser(1082, (v) => v);
// int8 counts fit comfortably in a JS number for our sizes.
pg.types.setTypeParser(20, (v) => Number(v));

export async function openPGlite(opts: { dataDir?: string; loadDataDir?: Blob }): Promise<PGlite> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  return PGlite.create({
    ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
    ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
    extensions: { pg_trgm },
  });
}

export async function poolForPGlite(pglite: PGlite): Promise<pg.Pool> {
  const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
  // PGlite is one session: the bridge config sets a pool of one, so a transaction holds the only
  // connection and isolation is preserved by exclusion. Never take a second connection inside one.
  return new pg.Pool(createPgConfig(pglite) as unknown as pg.PoolConfig);
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    pool.on('error', () => {
      /* idle client errors are reported per query; keep the process alive */
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { engine: 'postgres', pool, db, close: () => db.destroy() };
  }

  let lock: DirLock | undefined;
  let pglite: PGlite;
  if (opts.inMemory) {
    pglite = await openPGlite({ loadDataDir: await opts.template?.() });
  } else {
    const dataDir = path.resolve(opts.dataDir ?? '.tierdesk');
    fs.mkdirSync(dataDir, { recursive: true });
    // Two processes on one PGlite data dir silently lose data: refuse the second one.
    lock = acquireDirLock(path.join(dataDir, 'tierdesk.lock'));
    try {
      const pgdata = path.join(dataDir, 'pgdata');
      const fresh = !fs.existsSync(path.join(pgdata, 'PG_VERSION'));
      pglite = await openPGlite({ dataDir: pgdata, loadDataDir: fresh ? await opts.template?.() : undefined });
    } catch (err) {
      lock.release();
      throw err;
    }
  }
  const pool = await poolForPGlite(pglite);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    engine: 'pglite',
    pool,
    db,
    close: async () => {
      await db.destroy();
      await pglite.close();
      lock?.release();
    },
  };
}
