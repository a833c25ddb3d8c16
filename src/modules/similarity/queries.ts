import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../db/executor.js';
import type { TicketStatus } from '../../db/schema.js';
import type { Actor } from '../identity/actor.js';
import { bilingualVector, visibleTo } from '../tickets/index.js';

export const ACTIVE: readonly TicketStatus[] = ['new', 'open', 'pending_customer', 'pending_vendor', 'on_hold'];
/** The same literal list as the partial indexes' predicate, so the planner can use them. */
const activeList = sql.join(ACTIVE.map((s) => sql.lit(s)));

/** At most this many of the newest open requests (any organisation) are compared per scan. */
export const POOL_LIMIT = 2000;
/** And at most this many open requests of the same organisation (most recently active first). */
export const ORG_LIMIT = 200;
const MAX_LEXEMES = 300;

/** The request being compared: its signals and the lexemes of its subject and description. */
export interface Subject {
  id: string;
  key: string;
  organization_id: string;
  catalogue_item_id: string | null;
  region: string | null;
  project_id: string | null;
  resource_ids: string[];
  subject: string;
  status: TicketStatus;
  confidential: boolean;
  created_at: Date;
  mass_outage_id: string | null;
  lexemes: string[];
}

export async function loadSubject(exec: Executor, where: { id: string } | { key: string }): Promise<Subject | undefined> {
  let q = exec
    .selectFrom('tickets')
    .select([
      'id',
      'key',
      'organization_id',
      'catalogue_item_id',
      'region',
      'project_id',
      'resource_ids',
      'subject',
      'status',
      'confidential',
      'created_at',
      'mass_outage_id',
      sql<string[]>`tsvector_to_array(${bilingualVector(sql<string>`tickets.subject`)} || ${bilingualVector(sql<string>`left(tickets.description, 4000)`)})`.as('lexemes'),
    ]);
  q = 'id' in where ? q.where('id', '=', where.id) : q.where('key', '=', where.key.toUpperCase());
  const row = await q.executeTakeFirst();
  if (!row) return undefined;
  // Single letters and bare punctuation carry no meaning; a huge description is cut to a bounded term list.
  const lexemes = row.lexemes.filter((l) => (l.length >= 2 && !/^[\d.,:-]+$/.test(l)) || /^\d{3,}$/.test(l)).slice(0, MAX_LEXEMES);
  return { ...row, lexemes };
}

/** A lexeme as a quoted tsquery operand (no normalisation: it is already a lexeme). */
const quoteLexeme = (l: string) => `'${l.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

export interface CandidateRow {
  id: string;
  key: string;
  subject: string;
  status: TicketStatus;
  organization_id: string;
  organization_name: string;
  catalogue_item_id: string | null;
  region: string | null;
  project_id: string | null;
  confidential: boolean;
  created_at: Date;
  n_lexemes: number;
  shared: string[];
  shared_resources: string[];
  subject_similarity: number;
}

/**
 * Open requests that share anything with the subject: terms, service, project, resources or region.
 * Bounded: the pool is the POOL_LIMIT newest open requests created since `since` (walked on
 * tickets_active_created) plus the ORG_LIMIT most recently active open requests of the same organisation
 * (tickets_active_org_updated), plus `extraIds` (requests stored as candidates earlier), so the cost does
 * not grow with the number of open requests. With an actor, only requests the actor may read.
 */
export async function findCandidates(
  exec: Executor,
  s: Subject,
  opts: { since: Date; actor?: Actor; extraIds?: string[]; poolLimit?: number; orgLimit?: number },
): Promise<CandidateRow[]> {
  const tsq = s.lexemes.length ? s.lexemes.map(quoteLexeme).join(' | ') : null;
  const textHit: RawBuilder<boolean> = tsq ? sql<boolean>`(tickets.search_all @@ ${tsq}::tsquery)` : sql<boolean>`false`;
  const extra = opts.extraIds?.length ? sql`UNION SELECT unnest(${opts.extraIds}::uuid[]) AS id` : sql``;
  const pool = sql<string>`(
    SELECT p.id FROM (
      (SELECT id FROM tickets WHERE status IN (${activeList}) AND created_at >= ${opts.since} AND id <> ${s.id}
        ORDER BY created_at DESC, id DESC LIMIT ${opts.poolLimit ?? POOL_LIMIT})
      UNION
      (SELECT id FROM tickets WHERE organization_id = ${s.organization_id} AND status IN (${activeList}) AND id <> ${s.id}
        ORDER BY updated_at DESC, id DESC LIMIT ${opts.orgLimit ?? ORG_LIMIT})
      ${extra}
    ) p WHERE p.id <> ${s.id}
  )`;
  let q = exec
    .selectFrom('tickets')
    .innerJoin('organizations as o', 'o.id', 'tickets.organization_id')
    .select([
      'tickets.id',
      'tickets.key',
      'tickets.subject',
      'tickets.status',
      'tickets.organization_id',
      'o.name as organization_name',
      'tickets.catalogue_item_id',
      'tickets.region',
      'tickets.project_id',
      'tickets.confidential',
      'tickets.created_at',
      sql<number>`length(tickets.search_all)`.as('n_lexemes'),
      sql<string[]>`CASE WHEN ${textHit} THEN ARRAY(SELECT unnest(tsvector_to_array(tickets.search_all)) INTERSECT SELECT unnest(${s.lexemes}::text[])) ELSE '{}'::text[] END`.as('shared'),
      sql<string[]>`ARRAY(SELECT unnest(tickets.resource_ids) INTERSECT SELECT unnest(${s.resource_ids}::text[]))`.as('shared_resources'),
      sql<number>`similarity(tickets.subject, ${s.subject})`.as('subject_similarity'),
    ])
    .where('tickets.id', 'in', pool)
    .where((eb) =>
      eb.or([
        eb(textHit, '=', true),
        eb(sql`similarity(tickets.subject, ${s.subject})`, '>', 0.3),
        ...(s.catalogue_item_id ? [eb('tickets.catalogue_item_id', '=', s.catalogue_item_id)] : []),
        ...(s.project_id ? [eb('tickets.project_id', '=', s.project_id)] : []),
        ...(s.region ? [eb('tickets.region', '=', s.region)] : []),
        ...(s.resource_ids.length ? [eb(sql`tickets.resource_ids`, '&&', sql`${s.resource_ids}::text[]`)] : []),
      ]),
    );
  if (opts.actor) q = q.where(visibleTo(opts.actor));
  const rows = await q.execute();
  return rows.map((r) => ({ ...r, n_lexemes: Number(r.n_lexemes), subject_similarity: Number(r.subject_similarity) }));
}
