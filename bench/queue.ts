import pg from 'pg';
import { adminUrl, createBenchDatabase, machine, printMachine, startServer, withDatabase, type BenchDatabase } from './lib/env.js';
import { agent, customer } from './lib/fixtures.js';
import { Client } from './lib/http.js';
import { sequential } from './lib/load.js';
import { loadBatch, loadReference, type Reference } from './lib/load-tickets.js';
import { explainSummary, explainText, QueryRecorder } from './lib/queries.js';
import { formatSummary, now, type Summary } from './lib/stats.js';
import { openDatabase } from '../src/db/engine.js';

/**
 * Queue pages and search on a million requests: load them server-side, then time the agent's queue,
 * a customer's organisation page, the next page by cursor and search, over HTTP, one at a time.
 *
 * BENCH_ROWS (default 1,000,000), BENCH_RUNS (default 300), BENCH_KEEP=1 keeps the database and prints
 * its name, BENCH_REUSE=<name> measures an already loaded one, BENCH_PLANS=1 prints whole plans.
 */
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 300);
const WARMUP = 20;
const BATCH = 50_000;
const LOADERS = 2;
const GOALS = { queue: 25, search: 60 };

async function connect(url: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  return c;
}

async function inParallel<T>(items: T[], workers: number, fn: (item: T, c: pg.Client) => Promise<void>, url: string, setup: string[]): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: workers }, async () => {
      const c = await connect(url);
      try {
        for (const s of setup) await c.query(s);
        for (let item = queue.shift(); item !== undefined; item = queue.shift()) await fn(item, c);
      } finally {
        await c.end();
      }
    }),
  );
}

const secs = (t0: number) => `${((now() - t0) / 1000).toFixed(1)} s`;

/** Loads ROWS requests with the secondary indexes dropped, then rebuilds them, VACUUMs and ANALYZEs. */
async function load(url: string): Promise<Reference> {
  const c = await connect(url);
  try {
    const ref = await loadReference(c);
    const idx = await c.query<{ indexname: string; indexdef: string }>(
      `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = 'tickets'
         AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = 'tickets'::regclass)`,
    );
    for (const i of idx.rows) await c.query(`DROP INDEX "${i.indexname}"`);
    const at = Date.now();
    const count = Math.ceil(ROWS / BATCH);
    // Batch i holds the i-th slice of two years, oldest first: the table is in rough time order.
    const slice = (2 * 365 * 86_400_000) / count;
    const batches = Array.from({ length: count }, (_, i) => ({
      n: Math.min(BATCH, ROWS - i * BATCH),
      from: new Date(at - (count - i) * slice),
      to: new Date(at - (count - i - 1) * slice),
    }));
    let t0 = now();
    // Bulk load of generated rows whose references are known to exist: skip the FK triggers.
    await inParallel(batches, LOADERS, async (b, w) => loadBatch(w, ref, b.n, { from: b.from, to: b.to, at: new Date(at) }), url, [
      'SET session_replication_role = replica',
      'SET synchronous_commit = off',
    ]);
    console.log(`loaded ${ROWS} requests in ${secs(t0)}`);
    t0 = now();
    await inParallel(idx.rows, LOADERS, async (i, w) => void (await w.query(i.indexdef)), url, ["SET maintenance_work_mem = '512MB'"]);
    console.log(`rebuilt ${idx.rows.length} indexes in ${secs(t0)}`);
    t0 = now();
    await c.query('VACUUM (ANALYZE) tickets');
    await c.query('ANALYZE');
    console.log(`VACUUM ANALYZE in ${secs(t0)}`);
    return ref;
  } finally {
    await c.end();
  }
}

async function describeData(url: string): Promise<void> {
  const c = await connect(url);
  try {
    const r = await c.query<{ n: number; active: number; size: string; idx: string }>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE status NOT IN ('resolved', 'closed'))::int AS active,
         pg_size_pretty(pg_table_size('tickets')) AS size, pg_size_pretty(pg_indexes_size('tickets')) AS idx FROM tickets`,
    );
    const s = r.rows[0];
    if (s) console.log(`tickets: ${s.n} rows, ${s.active} active (${((100 * s.active) / s.n).toFixed(1)} %), table ${s.size}, indexes ${s.idx}`);
  } finally {
    await c.end();
  }
}

interface Scenario {
  name: string;
  kind: keyof typeof GOALS | 'other';
  client: Client;
  paths: string[];
}

export async function run(): Promise<void> {
  printMachine(await machine());
  const reuse = process.env.BENCH_REUSE;
  let bench: BenchDatabase;
  if (reuse) {
    const url = withDatabase(adminUrl, reuse);
    const database = await openDatabase({ databaseUrl: url, poolSize: 10 });
    bench = { name: reuse, url, database, drop: () => database.close() };
  } else {
    bench = await createBenchDatabase(10);
    if (process.env.BENCH_KEEP) {
      const close = bench.database.close;
      bench.drop = close;
      console.log(`keeping database ${bench.name}`);
    }
  }
  const recorder = new QueryRecorder().install();
  try {
    if (!reuse) await load(bench.url);
    await describeData(bench.url);
    const server = await startServer(bench);
    const explain = await connect(bench.url);
    try {
      const { ctx } = server.running;
      const orgs = await ctx.db.selectFrom('organizations').select('id').where('name', 'like', 'Bench org %').orderBy('name').execute();
      const projects = await ctx.db.selectFrom('organization_projects').select('project_id').orderBy('project_id').execute();
      const bigOrg = orgs[0]?.id;
      if (!bigOrg) throw new Error('no bench organisations: load first');
      const l1 = await agent(ctx, 'L1-DUTY');
      const cust = await customer(ctx, bigOrg);
      const asAgent = new Client(server.base, { authorization: `Bearer ${l1.token}` }, 1);
      const asCustomer = new Client(server.base, { authorization: `Bearer ${cust.token}` }, 1);

      const queuePath = `/api/tickets?status=new&status=open&teamId=${l1.teamId}&limit=50`;
      const orgPath = `/api/tickets?limit=50`;
      const cursorOf = async (c: Client, path: string) => {
        const body = JSON.parse(await c.expect(200, 'GET', path)) as { nextCursor: string | null };
        if (!body.nextCursor) throw new Error(`no second page for ${path}`);
        return `${path}&cursor=${body.nextCursor}`;
      };
      const search = (qs: string[]) => qs.map((q) => `/api/search?q=${encodeURIComponent(q)}`);
      // The first project is the biggest organisation's (~14 % of all requests), the last a small one's.
      const pids = projects.map((p) => p.project_id);
      const scenarios: Scenario[] = [
        { name: 'agent queue: new+open of L1-DUTY, 50', kind: 'queue', client: asAgent, paths: [queuePath] },
        { name: 'agent queue, 2nd page (cursor)', kind: 'queue', client: asAgent, paths: [await cursorOf(asAgent, queuePath)] },
        { name: 'agent: all active of L1-DUTY', kind: 'queue', client: asAgent, paths: [`/api/tickets?status=new&status=open&status=pending_customer&status=pending_vendor&status=on_hold&teamId=${l1.teamId}&limit=50`] },
        { name: 'customer: own org, 50', kind: 'queue', client: asCustomer, paths: [orgPath] },
        { name: 'customer: own org, 2nd page (cursor)', kind: 'queue', client: asCustomer, paths: [await cursorOf(asCustomer, orgPath)] },
        { name: 'search RU words', kind: 'search', client: asAgent, paths: search(['перезагрузка', 'балансировщика', 'снапшоты', 'оплата картой', 'сертификат']) },
        { name: 'search EN words', kind: 'search', client: asAgent, paths: search(['timeout', 'snapshots', 'certificate renewal', 'load balancer', 'payment']) },
        { name: 'search IP fragment', kind: 'search', client: asAgent, paths: search(['10.42.17', '10.1.200', '10.77.3', '10.200.19']) },
        { name: 'search project ID', kind: 'search', client: asAgent, paths: search([pids[0] ?? '', pids[20] ?? '', pids.at(-1) ?? '']) },
        { name: 'customer search RU word', kind: 'search', client: asCustomer, paths: search(['перезагрузка', 'диск']) },
      ];

      const results: Array<{ s: Scenario; summary: Summary }> = [];
      console.log(`\nplans (EXPLAIN (ANALYZE, BUFFERS) of the SQL the app sent, first variant):`);
      for (const s of scenarios) {
        await s.client.expect(200, 'GET', s.paths[0] ?? '');
        recorder.active = true;
        await s.client.expect(200, 'GET', s.paths[0] ?? '');
        recorder.active = false;
        const main = recorder.take().find((q) => /from "tickets"/.test(q.text));
        if (main) {
          console.log(`  ${s.name}: ${await explainSummary(explain, main)}`);
          if (process.env.BENCH_PLANS) console.log(`${main.text}\n${JSON.stringify(main.values)}\n${await explainText(explain, main)}\n`);
        }
      }
      console.log(`\nlatency over HTTP, one request at a time, ${WARMUP} warm-up + ${RUNS} runs, variants in rotation:`);
      for (const s of scenarios) {
        const summary = await sequential(async (i) => void (await s.client.expect(200, 'GET', s.paths[i % s.paths.length] ?? '')), { runs: RUNS, warmup: WARMUP });
        results.push({ s, summary });
        const goal = s.kind === 'other' ? '' : ` (goal p95 ≤ ${GOALS[s.kind]} ms: ${summary.p95 <= GOALS[s.kind] ? 'met' : 'NOT met'})`;
        console.log(`  ${s.name.padEnd(40)} ${formatSummary(summary)}${goal}`);
      }
      asAgent.close();
      asCustomer.close();
    } finally {
      await explain.end();
      await server.stop();
    }
  } finally {
    recorder.uninstall();
    await bench.drop();
  }
}
