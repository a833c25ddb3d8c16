import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { loadConfig } from '../../src/config.js';
import { boot, type Running } from '../../src/boot.js';
import { openDatabase, type Database } from '../../src/db/engine.js';
import { migrateAll } from '../../src/db/setup.js';
import { seedBase } from '../../src/seed/base.js';

// Benchmarks are entry points of their own, like the CLI: this is their only setting.
export const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export interface BenchDatabase {
  name: string;
  url: string;
  database: Database;
  drop(): Promise<void>;
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** A fresh database `tierdesk_bench_<random>`, migrated and seeded with the reference data; dropped after. */
export async function createBenchDatabase(poolSize = 10): Promise<BenchDatabase> {
  const name = `tierdesk_bench_${crypto.randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}"`));
  const url = withDatabase(adminUrl, name);
  let database: Database | undefined;
  const drop = async () => {
    await database?.close();
    await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  };
  try {
    database = await openDatabase({ databaseUrl: url, poolSize });
    await migrateAll(database);
    await seedBase(database.db);
    return { name, url, database, drop };
  } catch (err) {
    await drop();
    throw err;
  }
}

export interface Server {
  running: Running;
  base: URL;
  stop(): Promise<void>;
}

/** The real app on the bench database, on a loopback port. The database is closed by the caller's drop(). */
export async function startServer(db: BenchDatabase, opts: { workers?: boolean } = {}): Promise<Server> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tierdesk-bench-'));
  const config = loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    DATABASE_URL: db.url,
    TIERDESK_DEMO: 'false',
    TIERDESK_AUTO_MIGRATE: 'false',
    TIERDESK_WORKERS: opts.workers ? 'true' : 'false',
    TIERDESK_DATA_DIR: dataDir,
  });
  // boot() closes the database it is given on stop(); keep ours open until drop().
  const shared: Database = { ...db.database, close: async () => undefined };
  const running = await boot(config, { database: shared });
  await running.app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = running.app.server.address() as AddressInfo;
  return {
    running,
    base: new URL(`http://127.0.0.1:${port}`),
    async stop() {
      await running.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Machine {
  date: string;
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  postgres: string;
  settings: string;
  load: string;
}

export async function machine(): Promise<Machine> {
  return admin(async (c) => {
    const v = await c.query<{ v: string }>(`SELECT current_setting('server_version') AS v`);
    const s = await c.query<{ name: string; setting: string; unit: string | null }>(
      `SELECT name, setting, unit FROM pg_settings WHERE name IN ('shared_buffers', 'work_mem', 'synchronous_commit', 'fsync', 'jit') ORDER BY name`,
    );
    return {
      date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      cpus: os.availableParallelism(),
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      postgres: v.rows[0]?.v ?? 'unknown',
      settings: s.rows.map((r) => `${r.name}=${r.setting}${r.unit ?? ''}`).join(' '),
      load: loadAverage(),
    };
  });
}

/** Other work on the machine skews every figure: print it with them. */
export const loadAverage = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');

export function printMachine(m: Machine): void {
  console.log(`date ${m.date} | ${m.cpus} CPU (${m.cpuModel}) | ${m.memoryGiB} GiB | Node ${m.node} | PostgreSQL ${m.postgres}`);
  console.log(`postgres: ${m.settings} | load average ${m.load}`);
}
