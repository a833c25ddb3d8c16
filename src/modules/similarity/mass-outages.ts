import { sql } from 'kysely';
import type { AppContext } from '../../shared/context.js';
import type { Executor } from '../../db/executor.js';
import type { MassOutageStatus } from '../../db/schema.js';
import type { Actor } from '../identity/actor.js';
import { recordEvent } from '../audit/index.js';
import { visibleTo } from '../tickets/index.js';
import { AppError } from '../../shared/errors.js';
import { isUuid } from '../../shared/ids.js';
import { assertMassOutageViewer } from './policy.js';
import { massOutageNotFound } from './errors.js';

const MAX_MEMBERS = 500;

function selectClusters(exec: Executor) {
  return exec
    .selectFrom('mass_outages as mo')
    .leftJoin('catalogue_items as ci', 'ci.id', 'mo.catalogue_item_id')
    .select([
      'mo.id',
      'mo.status',
      'mo.catalogue_item_id',
      'ci.code as service_code',
      'ci.name_en as service_name_en',
      'ci.name_ru as service_name_ru',
      'mo.region',
      'mo.organization_count',
      'mo.ticket_count',
      'mo.first_seen_at',
      'mo.last_seen_at',
      'mo.created_at',
      'mo.updated_at',
      'mo.acknowledged_at',
      'mo.acknowledged_by_id',
      'mo.dismissed_at',
      'mo.dismissed_by_id',
      'mo.note',
    ]);
}
type ClusterRow = Awaited<ReturnType<ReturnType<typeof selectClusters>['executeTakeFirstOrThrow']>>;

function presentCluster(r: ClusterRow) {
  return {
    id: r.id,
    status: r.status,
    service: r.catalogue_item_id && r.service_code ? { id: r.catalogue_item_id, code: r.service_code, nameEn: r.service_name_en ?? '', nameRu: r.service_name_ru ?? '' } : null,
    region: r.region,
    organizationCount: r.organization_count,
    ticketCount: r.ticket_count,
    firstSeenAt: r.first_seen_at,
    lastSeenAt: r.last_seen_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    acknowledgedAt: r.acknowledged_at,
    acknowledgedBy: r.acknowledged_by_id,
    dismissedAt: r.dismissed_at,
    dismissedBy: r.dismissed_by_id,
    note: r.note,
  };
}

async function members(ctx: AppContext, actor: Actor, id: string) {
  const rows = await ctx.db
    .selectFrom('mass_outage_tickets as mt')
    .innerJoin('tickets', 'tickets.id', 'mt.ticket_id')
    .innerJoin('organizations as o', 'o.id', 'tickets.organization_id')
    .select(['tickets.key', 'tickets.subject', 'tickets.status', 'tickets.priority', 'tickets.region', 'tickets.created_at', 'o.id as org_id', 'o.name as org_name', 'mt.added_at'])
    .where('mt.mass_outage_id', '=', id)
    .where(visibleTo(actor))
    .orderBy('tickets.created_at')
    .limit(MAX_MEMBERS)
    .execute();
  return rows.map((r) => ({
    key: r.key,
    subject: r.subject,
    status: r.status,
    priority: r.priority,
    region: r.region,
    organization: { id: r.org_id, name: r.org_name },
    createdAt: r.created_at,
    addedAt: r.added_at,
  }));
}

async function loadCluster(exec: Executor, id: string) {
  if (!isUuid(id)) throw massOutageNotFound();
  const row = await selectClusters(exec).where('mo.id', '=', id).executeTakeFirst();
  if (!row) throw massOutageNotFound();
  return row;
}

/** The cluster with its member requests (for the request page); the caller has checked the viewer. */
export async function presentMassOutageOf(ctx: AppContext, actor: Actor, id: string) {
  const row = await selectClusters(ctx.db).where('mo.id', '=', id).executeTakeFirst();
  if (!row) return null;
  return { ...presentCluster(row), members: await members(ctx, actor, id) };
}

export async function listMassOutages(ctx: AppContext, actor: Actor, q: { status?: MassOutageStatus[]; limit: number; cursor?: string }) {
  await assertMassOutageViewer(ctx.db, actor);
  let query = selectClusters(ctx.db);
  if (q.status?.length) query = query.where('mo.status', 'in', q.status);
  if (q.cursor) {
    const [at, id] = decodeCursor(q.cursor);
    query = query.where((eb) => eb(eb.refTuple('mo.last_seen_at', 'mo.id'), '<', eb.tuple(at, id)));
  }
  const rows = await query.orderBy('mo.last_seen_at', 'desc').orderBy('mo.id', 'desc').limit(q.limit + 1).execute();
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: page.map(presentCluster),
    nextCursor: rows.length > q.limit && last ? Buffer.from(JSON.stringify([last.last_seen_at.toISOString(), last.id])).toString('base64url') : null,
  };
}

function decodeCursor(cursor: string): [Date, string] {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const d = new Date(at);
    if (Number.isNaN(d.getTime()) || typeof id !== 'string' || !isUuid(id)) throw new Error('bad cursor');
    return [d, id];
  } catch {
    throw new AppError('VALIDATION_FAILED', 'The cursor is invalid', [{ field: 'querystring.cursor', message: 'invalid cursor' }]);
  }
}

export async function getMassOutage(ctx: AppContext, actor: Actor, id: string) {
  await assertMassOutageViewer(ctx.db, actor);
  const row = await loadCluster(ctx.db, id);
  return { ...presentCluster(row), members: await members(ctx, actor, id) };
}

/**
 * Acknowledge (someone is on it; members stay flagged) or dismiss (not an outage: the flag comes off the
 * members; later requests of the same storm join the dismissed cluster quietly instead of raising it again).
 */
export async function decideMassOutage(ctx: AppContext, actor: Actor, id: string, decision: 'acknowledged' | 'dismissed', input: { note?: string }) {
  await assertMassOutageViewer(ctx.db, actor);
  await ctx.db.transaction().execute(async (trx) => {
    const row = await loadCluster(trx, id);
    await sql`SELECT 1 FROM mass_outages WHERE id = ${id} FOR UPDATE`.execute(trx);
    if (row.status === decision) return;
    if (row.status === 'dismissed') throw new AppError('CONFLICT', 'The mass-outage candidate was dismissed', { status: row.status });
    const now = ctx.clock.now();
    await trx
      .updateTable('mass_outages')
      .set({
        status: decision,
        updated_at: now,
        ...(input.note !== undefined ? { note: input.note } : {}),
        ...(decision === 'acknowledged' ? { acknowledged_at: now, acknowledged_by_id: actor.userId } : { dismissed_at: now, dismissed_by_id: actor.userId }),
      })
      .where('id', '=', id)
      .execute();
    if (decision === 'dismissed') {
      const flagged = await trx.updateTable('tickets').set({ mass_outage_id: null }).where('mass_outage_id', '=', id).returning(['id', 'organization_id']).execute();
      for (const t of flagged) {
        await recordEvent(trx, ctx.jobs, {
          type: 'ticket.mass_outage_dismissed',
          ticketId: t.id,
          organizationId: t.organization_id,
          actorId: actor.userId,
          visibility: 'internal',
          data: { massOutageId: id },
          at: now,
        });
      }
    }
    await recordEvent(trx, ctx.jobs, {
      type: decision === 'acknowledged' ? 'mass_outage.acknowledged' : 'mass_outage.dismissed',
      actorId: actor.userId,
      visibility: 'internal',
      data: { massOutageId: id, status: decision, note: input.note ?? null },
      at: now,
    });
  });
  return getMassOutage(ctx, actor, id);
}
