import { sql } from 'kysely';
import { createBenchDatabase } from './lib/env.js';
import { summarize, now } from './lib/stats.js';
import { routeRequest } from '../src/modules/lines/route-request.js';
import { autoAssignTicket } from '../src/modules/lines/auto-assign-ticket.js';
import { systemClock } from '../src/shared/clock.js';
import type { AppContext } from '../src/shared/context.js';
import type { RoutingRule } from '../src/modules/lines/rules.js';

/**
 * Routing plus automatic assignment per created request, with 50 rules (the match near the end, so most
 * rules are evaluated) and 200 on-shift agents in one auto-assigning team, on PostgreSQL.
 */
export async function run(): Promise<void> {
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
