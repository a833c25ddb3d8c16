import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'kysely';
import { loadConfig } from '../../config.js';
import { boot, type Running } from '../../boot.js';
import { openDatabase } from '../../db/engine.js';
import { Factories } from '../../../test/helpers/factories.js';
import { templateDatabaseName, withDatabase } from '../../../test/helpers/pg.js';

const url = process.env.TEST_DATABASE_URL;
const name = `tierdesk_t_${crypto.randomBytes(5).toString('hex')}`;
const dbUrl = url ? withDatabase(url, name) : '';
const children: ChildProcess[] = [];
let running: Running | undefined;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tierdesk-mp-'));

async function admin(q: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(q).finally(() => c.end());
}

function startWorker(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/modules/sla/timer-process.ts'], { env: { ...process.env, DATABASE_URL: dbUrl }, stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (b: Buffer) => {
      if (b.toString().includes('ready')) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`worker exited with ${code}`)));
  });
}

beforeAll(async () => {
  if (!url) return;
  await admin(`CREATE DATABASE "${name}" TEMPLATE "${templateDatabaseName()}"`);
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', TIERDESK_DEMO: 'false', TIERDESK_WORKERS: 'false', TIERDESK_DATA_DIR: dataDir, DATABASE_URL: dbUrl });
  running = await boot(config, { database: await openDatabase({ databaseUrl: dbUrl, poolSize: 4 }) });
}, 120_000);

afterAll(async () => {
  for (const c of children) c.kill('SIGTERM');
  await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.on('exit', r)))));
  await running?.stop();
  if (url) await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  fs.rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

it.skipIf(!url)('three processes fire each warning and breach exactly once, also the ones missed while down', async () => {
  const ctx = (running as Running).ctx;
  const f = new Factories(ctx);
  // First response in 6 s: warnings at 3, 4.5 and 5.4 s, breach at 6 s. Resolution far away.
  await ctx.db.updateTable('sla_plans').set({ targets: JSON.stringify({ first_response: { any: 0.1 }, resolution: { any: 10_000 } }) }).where('plan_code', '=', 'standard').execute();
  const org = await f.org();
  const customer = await f.customer(org.id);
  const keys: string[] = [];
  // Created while no worker runs: every point is overdue when the workers start.
  for (let i = 0; i < 10; i++) keys.push(await f.ticket(customer, { subject: `missed ${i}` }));
  await new Promise((r) => setTimeout(r, 6500));
  await Promise.all([startWorker(), startWorker(), startWorker()]);
  for (let i = 0; i < 15; i++) keys.push(await f.ticket(customer, { subject: `live ${i}` }));

  const expected = keys.length * 4;
  const deadline = Date.now() + 90_000;
  let n = 0;
  while (Date.now() < deadline) {
    n = Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM sla_marks`.execute(ctx.db)).rows[0]?.n);
    if (n >= expected) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  await new Promise((r) => setTimeout(r, 2000)); // let any duplicate job run before counting
  const events = await sql<{ type: string; n: number; distinct_points: number }>`
    SELECT type, count(*)::int AS n, count(DISTINCT (ticket_id, data->>'metric', data->>'point'))::int AS distinct_points
    FROM events WHERE type IN ('sla.warned', 'sla.breached') GROUP BY type ORDER BY type`.execute(ctx.db);
  expect(events.rows).toEqual([
    { type: 'sla.breached', n: keys.length, distinct_points: keys.length },
    { type: 'sla.warned', n: keys.length * 3, distinct_points: keys.length * 3 },
  ]);
  const marks = await ctx.db.selectFrom('sla_marks').select(['metric', 'point']).execute();
  expect(marks).toHaveLength(expected);
  expect(new Set(marks.map((m) => m.metric))).toEqual(new Set(['first_response']));
}, 300_000);
