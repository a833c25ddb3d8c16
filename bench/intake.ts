import crypto from 'node:crypto';
import pg from 'pg';
import { createBenchDatabase, machine, printMachine, startServer } from './lib/env.js';
import { customer, organization } from './lib/fixtures.js';
import { Client } from './lib/http.js';
import { closedLoop, type LoadResult } from './lib/load.js';
import { QueryRecorder } from './lib/queries.js';
import { formatSummary, ms, now } from './lib/stats.js';
import { createTicket } from '../src/modules/tickets/create-ticket.js';
import { loadActor } from '../src/modules/identity/actor.js';

/**
 * Request intake over HTTP (POST /api/tickets, bearer token, keep-alive, 16 in flight) against the
 * raw single-row INSERT rate of a row of the same width into a plain table (8 connections, autocommit).
 */
const HTTP_CONCURRENCY = 16;
const RAW_CONNECTIONS = 8;
const WARMUP_MS = 3_000;
const DURATION_MS = 15_000;
const PROFILE_RUNS = 100;

const descriptions = [
  'После перезагрузки виртуальная машина не запускается и остаётся в статусе ERROR. Диск подключён, в консоли ошибка загрузчика. Проверили квоты — всё в норме. IP 10.20.30.40, проект указан.',
  'Since this morning the managed Kubernetes cluster nodes go NotReady every few minutes; kubelet logs show timeouts to the API server. Node IP 172.16.4.21, no changes on our side.',
  'Не проходит оплата по счёту, на балансе отрицательное значение, хотя платёж списан с карты. Просим проверить начисления за прошлый месяц и вернуть доступ к консоли.',
  'Object storage returns 403 AccessDenied for a bucket that worked yesterday. The access key was not rotated. Request ID 6f1c2a9e-3b7d-4e21-9c55-0a8b7e6d5f43, region ru-msk-1.',
];

function body(i: number, projectId: string) {
  return {
    subject: `${i % 2 ? 'VM does not start after reboot' : 'ВМ не запускается после перезагрузки'} #${i}`,
    description: `${descriptions[i % descriptions.length] ?? ''} Ref ${i}.`,
    projectId,
    region: 'ru-msk-1',
    resourceIds: [`vm-${(i % 9000) + 1000}`],
  };
}

async function rawInsertRate(url: string, templateRow: Record<string, string | null>): Promise<LoadResult> {
  const setup = new pg.Client({ connectionString: url });
  await setup.connect();
  // Same columns and types as tickets (LIKE), primary key only: no foreign keys, indexes, checks or triggers.
  await setup.query('CREATE TABLE bench_raw_tickets (LIKE tickets INCLUDING DEFAULTS)');
  await setup.query('ALTER TABLE bench_raw_tickets ADD PRIMARY KEY (id)');
  await setup.end();
  const cols = Object.keys(templateRow).filter((c) => c !== 'id' && c !== 'number');
  const text = `INSERT INTO bench_raw_tickets (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')})`;
  const values = cols.map((c) => templateRow[c] ?? null);
  const clients = await Promise.all(
    Array.from({ length: RAW_CONNECTIONS }, async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      return c;
    }),
  );
  try {
    return await closedLoop(
      async (w) => {
        await clients[w]?.query({ text, values, name: 'raw_insert' });
      },
      { concurrency: RAW_CONNECTIONS, warmupMs: WARMUP_MS, durationMs: DURATION_MS },
    );
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
}

function printLoad(label: string, r: LoadResult): void {
  console.log(`${label}: ${r.perSecond.toFixed(0)}/s (${r.ops} in ${r.seconds} s) latency ${formatSummary(r.latency)}${r.errors ? ` errors=${r.errors} first: ${r.firstError}` : ''}`);
}

export async function run(): Promise<void> {
  printMachine(await machine());
  const recorder = new QueryRecorder().install();
  const bench = await createBenchDatabase(10);
  try {
    const server = await startServer(bench);
    try {
      const { ctx } = server.running;
      const projectId = `mcs${String(crypto.randomInt(1e9, 1e10 - 1)).padStart(10, '0')}`;
      const orgId = await organization(ctx, 'Bench intake org', [projectId]);
      const user = await customer(ctx, orgId);
      const client = new Client(server.base, { authorization: `Bearer ${user.token}` }, HTTP_CONCURRENCY);
      let seq = 0;

      // Where the time of one create goes: round trips and their wire time, one request at a time.
      await client.expect(201, 'POST', '/api/tickets', body(seq++, projectId));
      recorder.active = true;
      const t0 = now();
      for (let i = 0; i < PROFILE_RUNS; i++) await client.expect(201, 'POST', '/api/tickets', body(seq++, projectId));
      const wall = (now() - t0) / PROFILE_RUNS;
      recorder.active = false;
      const queries = recorder.take();
      const dbMs = queries.reduce((a, q) => a + q.ms, 0) / PROFILE_RUNS;
      console.log(`\nprofile (1 at a time, ${PROFILE_RUNS} creates): ${ms(wall)} per request, ${(queries.length / PROFILE_RUNS).toFixed(1)} queries per request, ${ms(dbMs)} of it waiting on PostgreSQL`);
      const byText = new Map<string, { n: number; ms: number }>();
      for (const q of queries) {
        const k = q.text.replace(/\s+/g, ' ').slice(0, 90);
        const e = byText.get(k) ?? { n: 0, ms: 0 };
        e.n++;
        e.ms += q.ms;
        byText.set(k, e);
      }
      for (const [k, e] of byText) console.log(`  ${(e.n / PROFILE_RUNS).toFixed(2)}× ${ms(e.ms / e.n).padStart(9)}  ${k}`);

      console.log(`\nPOST /api/tickets over HTTP, ${HTTP_CONCURRENCY} in flight, ${WARMUP_MS / 1000} s warm-up + ${DURATION_MS / 1000} s`);
      const http = await closedLoop(async () => void (await client.expect(201, 'POST', '/api/tickets', body(seq++, projectId))), {
        concurrency: HTTP_CONCURRENCY,
        warmupMs: WARMUP_MS,
        durationMs: DURATION_MS,
      });
      printLoad('http create', http);
      client.close();

      // The use case alone (no HTTP, auth or response view), to split the cost.
      const actor = await loadActor(ctx.db, user.id, 'token', ['read', 'write']);
      if (!actor) throw new Error('no actor');
      const direct = await closedLoop(async () => void (await createTicket(ctx, actor, body(seq++, projectId))), {
        concurrency: HTTP_CONCURRENCY,
        warmupMs: 1_000,
        durationMs: 5_000,
      });
      printLoad('createTicket() in-process (no HTTP)', direct);

      const sample = await bench.database.pool.query<Record<string, unknown>>(
        `SELECT t.* FROM (SELECT * FROM tickets ORDER BY number DESC LIMIT 1) t`,
      );
      const row = sample.rows[0];
      if (!row) throw new Error('no ticket created');
      const asText: Record<string, string | null> = Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v === null ? null : v instanceof Date ? v.toISOString() : typeof v === 'object' ? JSON.stringify(v) : String(v)]));
      // Postgres arrays need their literal form, not JSON.
      const arrays = await bench.database.pool.query<{ resource_ids: string }>(`SELECT resource_ids::text FROM tickets WHERE id = $1`, [row.id]);
      asText.resource_ids = arrays.rows[0]?.resource_ids ?? '{}';
      const width = await bench.database.pool.query<{ w: number }>(`SELECT pg_column_size(t.*) AS w FROM tickets t WHERE id = $1`, [row.id]);
      console.log(`\nraw single-row INSERT, ${RAW_CONNECTIONS} connections, autocommit, row of ${width.rows[0]?.w ?? '?'} bytes, ${WARMUP_MS / 1000} s warm-up + ${DURATION_MS / 1000} s`);
      const raw = await rawInsertRate(bench.url, asText);
      printLoad('raw insert', raw);

      const total = await bench.database.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM tickets`);
      console.log(`\nratio http/raw = ${(http.perSecond / raw.perSecond).toFixed(2)} (goal ≥ 0.5); tickets created: ${total.rows[0]?.n}`);
    } finally {
      await server.stop();
    }
  } finally {
    recorder.uninstall();
    await bench.drop();
  }
}
