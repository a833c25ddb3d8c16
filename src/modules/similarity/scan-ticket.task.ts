import { sql } from 'kysely';
import type { AppContext } from '../../shared/context.js';
import type { Executor } from '../../db/executor.js';
import { recordEvent } from '../audit/index.js';
import { ACTIVE, findCandidates, loadSubject, type Subject } from './queries.js';
import { rank, sameIncidentScope, withSharedTerms, type Scored } from './score.js';
import { loadSettings, type SimilaritySettings } from './settings.js';

/** How many likely duplicates are stored per request. */
const MAX_DUPLICATES = 10;

export interface ScanResult {
  duplicates: Array<{ key: string; score: number }>;
  massOutageId: string | null;
}

/**
 * The intake scan of one new request (job `similarity.scan`): stores the likely duplicates of the same
 * organisation as link candidates, and adds the request to a mass-outage candidate when requests of enough
 * organisations about the same service/region arrived within the window. Idempotent: a retried job finds
 * its rows there and records nothing twice.
 */
export async function scanTicket(ctx: AppContext, ticketId: string): Promise<ScanResult | null> {
  return ctx.db.transaction().execute(async (trx) => {
    const s = await loadSubject(trx, { id: ticketId });
    if (!s || !ACTIVE.includes(s.status)) return null;
    const settings = await loadSettings(trx);
    const now = ctx.clock.now();
    const rows = await findCandidates(trx, s, { since: new Date(now.getTime() - settings.lookbackDays * 86_400_000) });
    const ranked = rank(s, rows, 0);
    const duplicates = await storeDuplicates(ctx, trx, s, ranked, settings);
    const massOutageId = s.confidential ? null : await detectMassOutage(ctx, trx, s, ranked, settings);
    return { duplicates, massOutageId };
  });
}

async function storeDuplicates(ctx: AppContext, trx: Executor, s: Subject, ranked: Scored[], settings: SimilaritySettings) {
  const dups = ranked
    .filter((x) => x.reasons.sameOrganization && x.score >= settings.duplicateThreshold)
    .slice(0, MAX_DUPLICATES);
  if (!dups.length) return [];
  await withSharedTerms(trx, s, dups);
  const inserted = await trx
    .insertInto('similar_candidates')
    .values(dups.map((d) => ({ ticket_id: s.id, candidate_id: d.row.id, score: d.score, duplicate: true, reasons: JSON.stringify(d.reasons) })))
    .onConflict((oc) => oc.columns(['ticket_id', 'candidate_id']).doNothing())
    .returning('candidate_id')
    .execute();
  const out = dups.map((d) => ({ key: d.row.key, score: d.score }));
  if (inserted.length) {
    await recordEvent(trx, ctx.jobs, {
      type: 'ticket.duplicate_suspected',
      ticketId: s.id,
      organizationId: s.organization_id,
      visibility: 'internal',
      data: { candidates: out },
    });
  }
  return out;
}

/**
 * Joins the request to the recent cluster one of its matches already belongs to, or opens a cluster when the
 * matches (and the request) come from at least `massOutageMinOrganizations` organisations within the window.
 * Serialised by a transaction-scoped advisory lock so two concurrent scans never open two clusters.
 */
async function detectMassOutage(ctx: AppContext, trx: Executor, s: Subject, ranked: Scored[], settings: SimilaritySettings): Promise<string | null> {
  if (!s.catalogue_item_id && !s.region) return null;
  const windowStart = new Date(s.created_at.getTime() - settings.massOutageWindowMinutes * 60_000);
  const members = ranked.filter((x) => !x.row.confidential && x.row.created_at >= windowStart && sameIncidentScope(s, x.row, x));
  if (!members.length) return null;
  await sql`SELECT pg_advisory_xact_lock(hashtext('tierdesk.mass_outage'))`.execute(trx);
  const memberIds = members.map((m) => m.row.id);
  const existing = await trx
    .selectFrom('mass_outage_tickets as mt')
    .innerJoin('mass_outages as mo', 'mo.id', 'mt.mass_outage_id')
    .select(['mo.id', 'mo.status'])
    .where('mt.ticket_id', 'in', [s.id, ...memberIds])
    .where('mo.last_seen_at', '>=', windowStart)
    .orderBy('mo.last_seen_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  const orgs = new Set([s.organization_id, ...members.map((m) => m.row.organization_id)]);
  if (!existing && orgs.size < settings.massOutageMinOrganizations) return null;

  const now = ctx.clock.now();
  let clusterId: string;
  let created = false;
  if (existing) {
    clusterId = existing.id;
  } else {
    const first = members.reduce((min, m) => (m.row.created_at < min ? m.row.created_at : min), s.created_at);
    clusterId = (
      await trx
        .insertInto('mass_outages')
        .values({ catalogue_item_id: s.catalogue_item_id, region: s.region, first_seen_at: first, last_seen_at: s.created_at, created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    created = true;
  }
  const dismissed = existing?.status === 'dismissed';
  const all = [{ id: s.id, organization_id: s.organization_id }, ...members.map((m) => ({ id: m.row.id, organization_id: m.row.organization_id }))];
  const added = await trx
    .insertInto('mass_outage_tickets')
    .values(all.map((m) => ({ mass_outage_id: clusterId, ticket_id: m.id, organization_id: m.organization_id, added_at: now })))
    .onConflict((oc) => oc.columns(['mass_outage_id', 'ticket_id']).doNothing())
    .returning('ticket_id')
    .execute();
  const counts = await trx
    .selectFrom('mass_outage_tickets')
    .select([sql<number>`count(*)::int`.as('tickets'), sql<number>`count(DISTINCT organization_id)::int`.as('orgs')])
    .where('mass_outage_id', '=', clusterId)
    .executeTakeFirstOrThrow();
  const cluster = await trx
    .updateTable('mass_outages')
    .set({
      ticket_count: counts.tickets,
      organization_count: counts.orgs,
      last_seen_at: sql`GREATEST(last_seen_at, ${s.created_at})`,
      updated_at: now,
    })
    .where('id', '=', clusterId)
    .returningAll()
    .executeTakeFirstOrThrow();
  if (!added.length) return clusterId;
  const addedIds = added.map((a) => a.ticket_id);
  // A dismissed cluster keeps collecting (so it is not raised again for the same storm) but flags nobody.
  if (dismissed) return clusterId;
  await trx.updateTable('tickets').set({ mass_outage_id: clusterId }).where('id', 'in', addedIds).execute();
  const data = { massOutageId: clusterId, catalogueItemId: cluster.catalogue_item_id, region: cluster.region, organizationCount: cluster.organization_count, ticketCount: cluster.ticket_count };
  const byId = new Map(all.map((m) => [m.id, m]));
  for (const id of addedIds) {
    await recordEvent(trx, ctx.jobs, {
      type: 'ticket.mass_outage_suspected',
      ticketId: id,
      organizationId: byId.get(id)?.organization_id ?? null,
      visibility: 'internal',
      data,
      at: now,
    });
  }
  const keys = await trx
    .selectFrom('mass_outage_tickets as mt')
    .innerJoin('tickets as t', 't.id', 'mt.ticket_id')
    .select('t.key')
    .where('mt.mass_outage_id', '=', clusterId)
    .orderBy('t.created_at')
    .limit(100)
    .execute();
  await recordEvent(trx, ctx.jobs, {
    type: created ? 'mass_outage.suspected' : 'mass_outage.updated',
    visibility: 'internal',
    data: { ...data, status: cluster.status, ticketKeys: keys.map((k) => k.key), added: addedIds.length },
    at: now,
  });
  return clusterId;
}
