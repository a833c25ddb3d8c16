import pg from 'pg';
import { connect, describeTickets, inParallel, secs } from './lib/bulk-load.js';
import { loadReference } from './lib/load-tickets.js';
import { createBenchDatabase, loadAverage, machine, printMachine, startServer } from './lib/env.js';
import { formatSummary, now, summarize } from './lib/stats.js';
import { evaluateClock, officeHoursCalendar, type ClockEvent } from '../src/modules/sla/index.js';

/**
 * SLA timers on PostgreSQL: OPEN requests (loaded with the shared bulk loader, then all made active),
 * each with a running resolution clock and a pending timer job twelve hours away, plus DEADLINES
 * first-response breach jobs due evenly within WINDOW seconds; one tierdesk process with its workers
 * fires them. Prints firing lateness (recorded_at − due_at) p50/p99 and deadlines fired per second,
 * then the CPU cost of folding one request's clocks.
 *
 * BENCH_SLA_OPEN (default 1,000,000 open requests), BENCH_SLA_DEADLINES (default 100,000),
 * BENCH_SLA_WINDOW_S (default 600). Scale BENCH_SLA_OPEN down when loading takes too long.
 */
const OPEN = Number(process.env.BENCH_SLA_OPEN ?? 1_000_000);
const DEADLINES = Math.min(Number(process.env.BENCH_SLA_DEADLINES ?? 100_000), OPEN);
const WINDOW_S = Number(process.env.BENCH_SLA_WINDOW_S ?? 600);
const TARGET_MS = 60 * 60_000;
const BATCH = 50_000;

/**
 * OPEN active requests, loaded server-side in the shared loader's way (the shared reference data of
 * bench/lib/load-tickets.ts, secondary indexes dropped during the load and rebuilt, FK triggers skipped,
 * two connections) but narrow rows, all `open`: the shared loader's realistic rows are ~95 % closed and
 * 4 KB each, and making a million of them active cost more than the whole budget of this benchmark. Then
 * every request gets a running resolution clock, its start event and a timer job twelve hours away (three
 * connections): the load the timers must ignore. Search GIN indexes are left out (timers never read them).
 */
async function loadOpenRequests(url: string): Promise<void> {
  const c = await connect(url);
  try {
    const ref = await loadReference(c);
    const l1 = ref.teams.find((tm) => tm.code === 'L1-DUTY');
    const idx = await c.query<{ indexname: string; indexdef: string }>(
      `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = 'tickets'
         AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = 'tickets'::regclass)`,
    );
    for (const i of idx.rows) await c.query(`DROP INDEX "${i.indexname}"`);
    let t = now();
    const batches = Array.from({ length: Math.ceil(OPEN / BATCH) }, (_, i) => Math.min(BATCH, OPEN - i * BATCH));
    await inParallel(
      batches,
      2,
      async (n, w) =>
        void (await w.query(
          `INSERT INTO tickets (organization_id, requester_id, created_by_id, subject, description, type, priority, status, channel, line_id, team_id, created_at, updated_at)
           SELECT ($1::uuid[])[1 + g % 50], ($2::uuid[])[1 + (g % 50) * 3 + (g / 50) % 3], ($2::uuid[])[1 + (g % 50) * 3 + (g / 50) % 3],
             'VM does not start ' || g, 'bench', 'incident', (ARRAY['critical', 'high', 'medium', 'low'])[1 + g % 4], 'open', 'portal', $4, $5,
             now() - random() * interval '30 days', now()
           FROM generate_series(1, $3::int) g`,
          [ref.orgIds, ref.requesterIds, n, l1?.line_id ?? null, l1?.id ?? null],
        )),
      url,
      ['SET session_replication_role = replica', 'SET synchronous_commit = off'],
    );
    console.log(`loaded ${OPEN} open requests in ${secs(t)}`);
    t = now();
    const btree = idx.rows.filter((i) => !/USING gin/i.test(i.indexdef));
    await inParallel(btree, 2, async (i, w) => void (await w.query(i.indexdef)), url, ["SET maintenance_work_mem = '512MB'"]);
    console.log(`rebuilt ${btree.length} B-tree indexes in ${secs(t)} (search GIN indexes left out)`);
    t = now();
    const far = [
      `INSERT INTO sla_clocks (ticket_id, metric, state, counting, plan_code, priority, calendar, target_ms, started_at, due_at)
        SELECT id, 'resolution', 'running', true, 'standard', 'high', '24x7', 43200000, now(), now() + interval '12 hours' FROM tickets`,
      `INSERT INTO sla_clock_events (ticket_id, metric, kind, at, target_ms) SELECT id, 'resolution', 'start', now(), 43200000 FROM tickets`,
      `INSERT INTO pgboss.job (name, data, start_after, singleton_key)
        SELECT 'sla.timer', json_build_object('ticketId', id, 'metric', 'resolution', 'cycle', 1, 'point', 'breach', 'at', (extract(epoch from now() + interval '12 hours') * 1000)::bigint),
          now() + interval '12 hours', id || ':resolution:breach' FROM tickets`,
    ];
    await inParallel(far, 3, async (q, w) => void (await w.query(q)), url, ['SET synchronous_commit = off']);
    console.log(`clocks, clock events and far timer jobs for every request in ${secs(t)}`);
    t = now();
    await c.query('ANALYZE');
    console.log(`ANALYZE in ${secs(t)}`);
  } finally {
    await c.end();
  }
}

/** DEADLINES first-response clocks whose breach falls evenly in the window starting at t0. */
async function loadDeadlines(c: pg.Client, t0: number): Promise<void> {
  const step = (WINDOW_S * 1000) / DEADLINES;
  await c.query(
    `WITH pick AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS i FROM tickets ORDER BY id LIMIT $1),
     due AS (SELECT id, ($2::bigint + floor(i * $3))::bigint AS at FROM pick),
     clocks AS (INSERT INTO sla_clocks (ticket_id, metric, state, counting, plan_code, priority, calendar, target_ms, started_at, due_at)
       SELECT id, 'first_response', 'running', true, 'standard', 'high', '24x7', $4, to_timestamp((at - $4) / 1000.0), to_timestamp(at / 1000.0) FROM due),
     events AS (INSERT INTO sla_clock_events (ticket_id, metric, kind, at, target_ms) SELECT id, 'first_response', 'start', to_timestamp((at - $4) / 1000.0), $4 FROM due)
     INSERT INTO pgboss.job (name, data, start_after, singleton_key)
     SELECT 'sla.timer', json_build_object('ticketId', id, 'metric', 'first_response', 'cycle', 1, 'point', 'breach', 'at', at), to_timestamp(at / 1000.0), id || ':first_response:breach:' || at FROM due`,
    [DEADLINES, t0, step, TARGET_MS],
  );
}

function foldCost(): void {
  const cal = officeHoursCalendar('Europe/Moscow', [{ date: '2025-05-01' }, { date: '2025-05-09' }]);
  const start = Date.parse('2025-04-28T06:00:00Z');
  const events: ClockEvent[] = [
    { at: new Date(start), kind: 'start' },
    { at: new Date(start + 3 * 3_600_000), kind: 'pause', reason: 'waiting for the customer' },
    { at: new Date(start + 26 * 3_600_000), kind: 'resume' },
    { at: new Date(start + 28 * 3_600_000), kind: 'retarget', targetMs: 12 * 3_600_000 },
    { at: new Date(start + 50 * 3_600_000), kind: 'pause' },
    { at: new Date(start + 120 * 3_600_000), kind: 'resume' },
  ];
  const evaluate = () => {
    for (const targetMs of [3_600_000, 24 * 3_600_000, 48 * 3_600_000]) {
      evaluateClock({ calendar: cal, targetMs, events, now: new Date(start + 200 * 3_600_000), warnAt: [0.5, 0.75, 0.9] });
    }
  };
  for (let i = 0; i < 2000; i++) evaluate();
  const runs = 20_000;
  const t = now();
  for (let i = 0; i < runs; i++) evaluate();
  const us = ((now() - t) * 1000) / runs;
  console.log(`fold cost: ${us.toFixed(1)} µs per request (3 clocks, 6 events each, office hours with holidays, 3 warning points)`);
}

export async function run(): Promise<void> {
  printMachine(await machine());
  foldCost();
  const db = await createBenchDatabase(20);
  console.log(`database ${db.name}: ${OPEN.toLocaleString('en')} open requests, ${DEADLINES.toLocaleString('en')} deadlines over ${WINDOW_S} s`);
  const c = new pg.Client({ connectionString: db.url });
  await c.connect();
  try {
    // No warnings: every deadline is exactly one job, so the figures are per deadline.
    await c.query(`INSERT INTO settings (key, value) VALUES ('sla.warn_at', '[]') ON CONFLICT (key) DO UPDATE SET value = '[]'`);
    let t = now();
    await loadOpenRequests(db.url);
    await describeTickets(db.url);
    console.log(`loaded in ${((now() - t) / 1000).toFixed(1)} s; load average ${loadAverage()}`);
    // The first deadline is due after the deadlines are loaded and the server is up (~1 s per 1,000 deadlines on a busy machine).
    const t0 = Date.now() + 45_000 + DEADLINES;
    t = now();
    await loadDeadlines(c, t0);
    await c.query('ANALYZE');
    console.log(`loaded deadlines in ${((now() - t) / 1000).toFixed(1)} s; first due at ${new Date(t0).toISOString()}`);
    const server = await startServer(db, { workers: true });
    const slack = (t0 - Date.now()) / 1000;
    console.log(`server started ${slack.toFixed(1)} s before the first deadline${slack < 0 ? ' (LATE: the figures include the start-up)' : ''}; load average ${loadAverage()}`);
    try {
      const end = t0 + WINDOW_S * 1000 + 120_000;
      let fired = 0;
      while (Date.now() < end && fired < DEADLINES) {
        await new Promise((r) => setTimeout(r, 5000));
        fired = Number((await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM sla_marks`)).rows[0]?.n);
      }
      const rows = await c.query<{ late: number; recorded: number }>(
        `SELECT extract(epoch FROM recorded_at - due_at) * 1000 AS late, extract(epoch FROM recorded_at) * 1000 AS recorded FROM sla_marks`,
      );
      const late = rows.rows.map((r) => Number(r.late));
      const recorded = rows.rows.map((r) => Number(r.recorded)).sort((a, b) => a - b);
      const span = ((recorded.at(-1) ?? 0) - (recorded[0] ?? 0)) / 1000;
      const perSecond = new Map<number, number>();
      for (const r of recorded) perSecond.set(Math.floor(r / 1000), (perSecond.get(Math.floor(r / 1000)) ?? 0) + 1);
      console.log(`fired ${fired.toLocaleString('en')} of ${DEADLINES.toLocaleString('en')}; lateness ${formatSummary(summarize(late))} (goal p99 ≤ 2000 ms)`);
      console.log(`load average at the end ${loadAverage()}`);
      console.log(`rate: ${(fired / Math.max(span, 1)).toFixed(0)} deadlines/s on average over ${span.toFixed(0)} s (arrival rate ${(DEADLINES / WINDOW_S).toFixed(0)}/s), peak ${Math.max(0, ...perSecond.values())}/s`);
    } finally {
      await server.stop();
    }
  } finally {
    await c.end();
    await db.drop();
  }
}
