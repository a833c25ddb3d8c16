import { sql } from 'kysely';
import { bulkLoadTickets, connect, describeTickets, secs } from './lib/bulk-load.js';
import { adminUrl, createBenchDatabase, loadAverage, machine, printMachine, startServer, withDatabase, type BenchDatabase } from './lib/env.js';
import { Client } from './lib/http.js';
import { sequential } from './lib/load.js';
import { summarizePlan } from './lib/plan-summary.js';
import { QueryRecorder } from './lib/queries.js';
import { managerEmail, poolEmail, shapeQueues, tokenForEmail } from './lib/queue-state.js';
import { formatSummary, summarize, now } from './lib/stats.js';
import { openDatabase } from '../src/db/engine.js';
import { routeRequest } from '../src/modules/lines/route-request.js';
import { autoAssignTicket } from '../src/modules/lines/auto-assign-ticket.js';
import { rebuildQueueCounters } from '../src/modules/lines/queue-views.js';
import { systemClock } from '../src/shared/clock.js';
import type { AppContext } from '../src/shared/context.js';
import type { RoutingRule } from '../src/modules/lines/rules.js';

/**
 * Issue 3's benchmark, in two parts on PostgreSQL:
 *
 * 1. routing plus automatic assignment per created request, with 50 rules (the match near the end, so
 *    most rules are evaluated) and 200 on-shift agents in one auto-assigning team (BENCH_N, default 2000);
 * 2. the live line/team queue counts (`GET /api/queues`) on BENCH_ROWS requests (default 1,000,000),
 *    loaded server-side like bench/queue.ts, for an L1 agent, an L2 agent and a duty manager, one request
 *    at a time over HTTP (BENCH_RUNS, default 200, after 20 warm-up), with the EXPLAIN (ANALYZE, BUFFERS)
 *    of every count query the app sent.
 *
 * BENCH_ONLY=assign|counts runs one part. Part 2 leaves the search GIN indexes out of the rebuild (the
 * counts never read them; they take most of the rebuild time) unless BENCH_ALL_INDEXES=1. BENCH_KEEP=1
 * keeps the loaded database and prints its name, BENCH_REUSE=<name> measures an already loaded one.
 */
export async function run(): Promise<void> {
  const only = process.env.BENCH_ONLY;
  printMachine(await machine());
  if (only !== 'counts') await routingAndAssignment();
  if (only !== 'assign') await queueCounts();
}

async function routingAndAssignment(): Promise<void> {
  const bench = await createBenchDatabase();
  const db = bench.database.db;
  try {
    const ctx = { db, clock: systemClock, jobs: { send: async () => null } } as unknown as AppContext;
    const team = await db.selectFrom('teams').select(['id', 'line_id']).where('code', '=', 'L1-DUTY').executeTakeFirstOrThrow();
    await db.updateTable('teams').set({ auto_assign: true, default_capacity: 1000 }).where('id', '=', team.id).execute();
    const rules: RoutingRule[] = Array.from({ length: 49 }, (_, i) => ({
      id: `r${i}`,
      name: `rule ${i}`,
      when: { regions: [`region-${i}`], text: [`keyword-${i}`] },
      then: { teamCode: 'L2-COMPUTE' },
    }));
    rules.push({ id: 'last', name: 'everything else', when: {}, then: { teamCode: 'L1-DUTY' } });
    await db.insertInto('routing_rule_sets').values({ version: 2, rules: JSON.stringify(rules) }).execute();
    const start = new Date(Date.now() - 3600_000);
    const end = new Date(Date.now() + 24 * 3600_000);
    for (let i = 0; i < 200; i++) {
      const u = await db.insertInto('users').values({ email: `bench-agent-${i}@tierdesk.test`, name: `Agent ${i}`, kind: 'staff', staff_role: 'agent' }).returning('id').executeTakeFirstOrThrow();
      await db.insertInto('line_members').values({ line_id: team.line_id, user_id: u.id }).execute();
      await db.insertInto('team_members').values({ team_id: team.id, user_id: u.id }).execute();
      await db.insertInto('shifts').values({ team_id: team.id, user_id: u.id, starts_at: start, ends_at: end }).execute();
    }
    const org = await db.insertInto('organizations').values({ name: 'Bench' }).returning('id').executeTakeFirstOrThrow();
    const requester = await db.insertInto('users').values({ email: 'bench-customer@example.com', name: 'C', kind: 'customer', organization_id: org.id, org_role: 'member' }).returning('id').executeTakeFirstOrThrow();
    const item = await db.selectFrom('catalogue_items').select('id').where('code', '=', 'compute.vm.unavailable').executeTakeFirstOrThrow();

    await sql`ANALYZE`.execute(db);
    const samples: number[] = [];
    const routeSamples: number[] = [];
    const total = Number(process.env.BENCH_N ?? 2000);
    for (let i = 0; i < total; i++) {
      await db.transaction().execute(async (trx) => {
        const input = { type: 'incident' as const, catalogueItemId: item.id, priority: 'high' as const, organizationId: org.id, channel: 'portal' as const, region: 'Moscow', subject: `VM ${i} down`, description: 'No valid host was found' };
        const ticket = await trx
          .insertInto('tickets')
          .values({ organization_id: org.id, requester_id: requester.id, created_by_id: requester.id, subject: input.subject, description: input.description, type: 'incident', priority: 'high', status: 'new', channel: 'portal', fields: '{}' })
          .returningAll()
          .executeTakeFirstOrThrow();
        const t0 = now();
        const d = await routeRequest(trx, input);
        if (i >= 100) routeSamples.push(now() - t0);
        const routed = await trx.updateTable('tickets').set({ line_id: d.lineId, team_id: d.teamId }).where('id', '=', ticket.id).returningAll().executeTakeFirstOrThrow();
        await autoAssignTicket(ctx, trx, routed);
        if (i >= 100) samples.push(now() - t0); // after warm-up
      });
    }
    const s = summarize(samples);
    const spread = await sql<{ n: number }>`SELECT count(DISTINCT assignee_id)::int AS n FROM tickets`.execute(db);
    console.log(`routing + auto-assignment per created request (50 rules, 200 on-shift agents, PostgreSQL): mean ${(s.mean * 1000).toFixed(0)} µs, p50 ${(s.p50 * 1000).toFixed(0)} µs, p95 ${(s.p95 * 1000).toFixed(0)} µs (n=${s.n})`);
    console.log(`  of which routing alone: mean ${(summarize(routeSamples).mean * 1000).toFixed(0)} µs`);
    console.log(`requests spread over ${spread.rows[0]?.n ?? 0} agents`);
  } finally {
    await bench.drop();
  }
}

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const WARMUP = 20;
const GOAL_P95_MS = 25;

/** Which of queueCounts()'s statements this is, from its SQL. */
function label(text: string): string {
  if (text.includes('FROM queue_counts')) return 'line/team counters';
  if (text.includes('"ticket_ownership"')) return 'view returned-to-me';
  if (text.includes('"active_escalations"')) return 'view escalated-by-me';
  return 'view mine';
}

async function queueCounts(): Promise<void> {
  const reuse = process.env.BENCH_REUSE;
  let bench: BenchDatabase;
  if (reuse) {
    const url = withDatabase(adminUrl, reuse);
    const database = await openDatabase({ databaseUrl: url, poolSize: 10 });
    bench = { name: reuse, url, database, drop: () => database.close() };
  } else {
    bench = await createBenchDatabase(10);
    if (process.env.BENCH_KEEP) {
      bench.drop = bench.database.close;
      console.log(`keeping database ${bench.name}`);
    }
  }
  const recorder = new QueryRecorder().install();
  try {
    console.log(`\nqueue counts (GET /api/queues) on ${reuse ? `database ${reuse}` : `${ROWS} requests`}, load average ${loadAverage()}`);
    if (!reuse) {
      const allIndexes = Boolean(process.env.BENCH_ALL_INDEXES);
      await bulkLoadTickets(bench.url, { rows: ROWS, skipIndex: (_, def) => !allIndexes && / USING gin /i.test(def) });
      const c = await connect(bench.url);
      try {
        const t0 = now();
        await shapeQueues(c);
        // The loaders bypass triggers (session_replication_role = replica): derive the counters once.
        await rebuildQueueCounters(bench.database.db);
        await c.query('ANALYZE');
        console.log(`queue state + ANALYZE in ${secs(t0)}`);
      } finally {
        await c.end();
      }
    }
    await describeTickets(bench.url);
    const server = await startServer(bench);
    const explain = await connect(bench.url);
    try {
      const { ctx } = server.running;
      const personas = [
        { name: 'L1 agent (L1 / L1-DUTY)', email: poolEmail('L1-DUTY', 1) },
        { name: 'L2 agent (L2 / L2-COMPUTE)', email: poolEmail('L2-COMPUTE', 1) },
        { name: 'duty manager (L1+L2, no team)', email: managerEmail },
      ];
      const clients = await Promise.all(
        personas.map(async (p) => ({ ...p, client: new Client(server.base, { authorization: `Bearer ${await tokenForEmail(ctx, p.email)}` }, 1) })),
      );
      console.log(`\nplans (EXPLAIN (ANALYZE, BUFFERS) of each count query the app sent, after one warm request):`);
      for (const p of clients) {
        await p.client.expect(200, 'GET', '/api/queues');
        recorder.active = true;
        const body = JSON.parse(await p.client.expect(200, 'GET', '/api/queues')) as {
          lines: Array<{ code: string; open: number; unassigned: number }>;
          teams: Array<{ code: string; open: number; unassigned: number }>;
          views: Array<{ view: string; count: number }>;
        };
        recorder.active = false;
        const shown = [...body.lines, ...body.teams].map((x) => `${x.code} ${x.open}/${x.unassigned}`).join(', ');
        console.log(`  ${p.name}: open/unassigned ${shown}; views ${body.views.map((v) => `${v.view} ${v.count}`).join(', ')}`);
        const counts = recorder.take().filter((q) => /from "tickets"|FROM queue_counts/.test(q.text));
        let total = 0;
        for (const q of counts.sort((a, b) => label(a.text).localeCompare(label(b.text)))) {
          const plan = await summarizePlan(explain, q);
          total += plan.executionMs;
          console.log(`    ${label(q.text).padEnd(28)} ${plan.line}`);
          if (process.env.BENCH_PLANS) console.log(`${q.text}\n${JSON.stringify(q.values)}\n`);
        }
        console.log(`    ${counts.length} count queries (run concurrently by the app), ${total.toFixed(2)} ms of server execution in all`);
      }
      console.log(`\nlatency of GET /api/queues over HTTP, one request at a time, ${WARMUP} warm-up + ${RUNS} runs:`);
      for (const p of clients) {
        const summary = await sequential(async () => void (await p.client.expect(200, 'GET', '/api/queues')), { runs: RUNS, warmup: WARMUP });
        console.log(`  ${p.name.padEnd(32)} ${formatSummary(summary)} (goal p95 ≤ ${GOAL_P95_MS} ms: ${summary.p95 <= GOAL_P95_MS ? 'met' : 'NOT met'}), load average ${loadAverage()}`);
      }
      for (const p of clients) p.client.close();
    } finally {
      await explain.end();
      await server.stop();
    }
  } finally {
    recorder.uninstall();
    await bench.drop();
  }
}
