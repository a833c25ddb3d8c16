import { sql } from 'kysely';
import { createBenchDatabase, machine, printMachine } from './lib/env.js';
import { enSentences, enSubjects, ruSentences, ruSubjects } from './lib/vocabulary.js';
import { formatSummary, now, summarize } from './lib/stats.js';
import { systemClock } from '../src/shared/clock.js';
import type { AppContext } from '../src/shared/context.js';
import { scanTicket } from '../src/modules/similarity/scan-ticket.task.js';
import { findSimilar } from '../src/modules/similarity/find-similar.js';
import { loadActor } from '../src/modules/identity/actor.js';
import { findCandidates, loadSubject } from '../src/modules/similarity/queries.js';

/**
 * Issue 6 item 4: the cost of the intake similarity scan per request (the `similarity.scan` job: candidates,
 * scoring, duplicate candidates, mass-outage detection) and of GET /similar's use case, on PostgreSQL with
 * BENCH_OPEN open requests (default 10,000) of 300 organisations created over the last 7 days, in Russian
 * and English, over 10 services and 6 regions; plus BENCH_CLOSED resolved requests (default 20,000) that the
 * scan must not read. BENCH_RUNS new requests (default 200) are inserted one at a time and scanned.
 */
export async function run(): Promise<void> {
  const open = Number(process.env.BENCH_OPEN ?? 10_000);
  const closed = Number(process.env.BENCH_CLOSED ?? 20_000);
  const runs = Number(process.env.BENCH_RUNS ?? 200);
  printMachine(await machine());
  const bench = await createBenchDatabase();
  const db = bench.database.db;
  try {
    const ctx = { db, clock: systemClock, jobs: { send: async () => null } } as unknown as AppContext;
    await sql`INSERT INTO organizations (name) SELECT 'Bench org ' || g FROM generate_series(1, 300) g`.execute(db);
    await sql`INSERT INTO users (email, name, kind, organization_id, org_role)
              SELECT 'bench-' || o.id || '@example.com', 'Customer', 'customer', o.id, 'member' FROM organizations o`.execute(db);
    const subjects = [...ruSubjects, ...enSubjects];
    const sentences = [...ruSentences, ...enSentences];
    const insert = (n: number, status: string, ageDays: number) => sql`
      WITH u AS (SELECT row_number() OVER () AS i, id, organization_id FROM users WHERE kind = 'customer'),
           s AS (SELECT array_agg(id) AS ids FROM catalogue_items WHERE kind = 'service'),
           g AS (SELECT g, (random() * 299)::int + 1 AS ui, random() AS r1, random() AS r2, random() AS r3 FROM generate_series(1, ${n}) g)
      INSERT INTO tickets (organization_id, requester_id, created_by_id, subject, description, type, priority, status, channel,
                           catalogue_item_id, region, created_at, updated_at, search_all, search_public)
      SELECT u.organization_id, u.id, u.id, x.subject, x.description, 'incident', 'medium', ${status}, 'portal',
             s.ids[1 + (g.r2 * (cardinality(s.ids) - 1))::int],
             (ARRAY['ru-msk-1','ru-msk-2','ru-spb-1','kz-ala-1','Moscow','Saint Petersburg'])[1 + (g.r3 * 5)::int],
             now() - (random() * ${ageDays} * interval '1 day'), now(), x.v, x.v
      FROM g JOIN u ON u.i = g.ui CROSS JOIN s
      CROSS JOIN LATERAL (
        SELECT sj AS subject, d AS description,
               setweight(to_tsvector('russian', sj) || to_tsvector('english', sj), 'A') || setweight(to_tsvector('russian', d) || to_tsvector('english', d), 'B') AS v
        FROM (SELECT (${subjects}::text[])[1 + (g.r1 * ${subjects.length - 1})::int] || ' #' || g.g AS sj,
                     (${sentences}::text[])[1 + (random() * ${sentences.length - 1})::int] || ' ' ||
                     (${sentences}::text[])[1 + (random() * ${sentences.length - 1})::int] AS d) t
      ) x`;
    const t0 = now();
    await insert(closed, 'resolved', 365).execute(db);
    await insert(open, 'open', 7).execute(db);
    await sql`VACUUM (ANALYZE) tickets`.execute(db);
    console.log(`loaded ${open} open + ${closed} resolved requests in ${((now() - t0) / 1000).toFixed(1)} s`);

    const users = await db.selectFrom('users').select(['id', 'organization_id']).where('kind', '=', 'customer').execute();
    const scan: number[] = [];
    const similar: number[] = [];
    const admin = await db.insertInto('users').values({ email: 'bench-admin@tierdesk.test', name: 'Admin', kind: 'staff', staff_role: 'admin' }).returning('id').executeTakeFirstOrThrow();
    const actor = await loadActor(db, admin.id, 'session', null);
    if (!actor) throw new Error('no actor');
    const parts = { subject: [] as number[], candidates: [] as number[] };
    let duplicates = 0;
    let outages = 0;
    for (let i = 0; i < runs + 20; i++) {
      const u = users[i % users.length]!;
      const subject = subjects[i % subjects.length]!;
      const description = `${sentences[(i * 7) % sentences.length]} ${sentences[(i * 13) % sentences.length]}`;
      const row = await sql<{ id: string; key: string }>`
        INSERT INTO tickets (organization_id, requester_id, created_by_id, subject, description, type, priority, status, channel, catalogue_item_id, region, search_all, search_public)
        SELECT ${u.organization_id}, ${u.id}, ${u.id}, ${subject}, ${description}, 'incident', 'medium', 'new', 'portal',
               (SELECT id FROM catalogue_items WHERE kind = 'service' ORDER BY code OFFSET ${i % 8} LIMIT 1), 'ru-msk-1', v, v
        FROM (SELECT setweight(to_tsvector('russian', ${subject}::text) || to_tsvector('english', ${subject}::text), 'A')
                  || setweight(to_tsvector('russian', ${description}::text) || to_tsvector('english', ${description}::text), 'B') AS v) x
        RETURNING id, key`.execute(db);
      const created = row.rows[0]!;
      let t = now();
      const subj = await loadSubject(db, { id: created.id });
      parts.subject.push(now() - t);
      t = now();
      await findCandidates(db, subj!, { since: new Date(Date.now() - 14 * 86_400_000) });
      parts.candidates.push(now() - t);
      t = now();
      const res = await scanTicket(ctx, created.id);
      const scanMs = now() - t;
      t = now();
      await findSimilar(ctx, actor, created.key);
      const similarMs = now() - t;
      if (i >= 20) {
        scan.push(scanMs);
        similar.push(similarMs);
        if (res?.duplicates.length) duplicates++;
        if (res?.massOutageId) outages++;
      }
    }
    console.log(`similarity.scan per new request (${runs} runs after 20 warm-up): ${formatSummary(summarize(scan))}`);
    console.log(`GET /similar use case per request:                ${formatSummary(summarize(similar))}`);
    console.log(`  of which: load the request and its terms ${formatSummary(summarize(parts.subject.slice(20)))}`);
    console.log(`  of which: candidate query (pool + features) ${formatSummary(summarize(parts.candidates.slice(20)))}`);
    console.log(`requests with likely duplicates: ${duplicates}/${runs}; in a mass-outage candidate: ${outages}/${runs}`);
    const plan = await sql<{ 'QUERY PLAN': string }>`
      EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
      SELECT id FROM tickets WHERE status IN ('new', 'open', 'pending_customer', 'pending_vendor', 'on_hold') AND created_at >= now() - interval '14 days'
      ORDER BY created_at DESC, id DESC LIMIT 2000`.execute(db);
    console.log('pool query plan:');
    for (const l of plan.rows) console.log(`  ${l['QUERY PLAN']}`);
  } finally {
    await bench.drop();
  }
}
