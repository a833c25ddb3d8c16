import { adminUrl, createBenchDatabase, machine, printMachine, startServer, withDatabase, type BenchDatabase } from './lib/env.js';
import { agent, customer } from './lib/fixtures.js';
import { Client } from './lib/http.js';
import { sequential } from './lib/load.js';
import { bulkLoadTickets, connect, describeTickets } from './lib/bulk-load.js';
import { explainSummary, explainText, QueryRecorder } from './lib/queries.js';
import { formatSummary, type Summary } from './lib/stats.js';
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
const GOALS = { queue: 25, search: 60 };

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
    if (!reuse) await bulkLoadTickets(bench.url, { rows: ROWS });
    await describeTickets(bench.url);
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
