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
  n_shared: number;
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
      // Shared terms, counted in C: the lexemes left after deleting the subject's from the candidate's vector.
      sql<number>`CASE WHEN ${textHit} THEN length(tickets.search_all) - length(ts_delete(tickets.search_all, ${s.lexemes}::text[])) ELSE 0 END`.as('n_shared'),
      'tickets.resource_ids',
    ])
    .select(sql<boolean>`${textHit}`.as('text_hit'))
    // No filter on the computed columns here: they are computed once per pool row (the select list is evaluated
    // after the join), and the rows that share nothing are dropped below.
    // = ANY(ARRAY(pool)): an index look-up per pool id, whatever the size of the table.
    .where(sql<boolean>`tickets.id = ANY(ARRAY${pool})`);
  if (opts.actor) q = q.where(visibleTo(opts.actor));
  const rows = await q.execute();
  const resources = new Set(s.resource_ids);
  const region = s.region?.toLowerCase();
  return rows
    .map(({ resource_ids, text_hit, ...r }) => ({
      ...r,
      text_hit,
      n_lexemes: Number(r.n_lexemes),
      n_shared: Number(r.n_shared),
      // pg_trgm's similarity() costs tens of µs per Cyrillic subject in SQL; the same measure here is cheaper.
      subject_similarity: text_hit ? trigramSimilarity(s.subject, r.subject) : 0,
      shared_resources: resources.size ? resource_ids.filter((x) => resources.has(x)) : [],
    }))
    .filter(
      (r) =>
        r.text_hit ||
        r.shared_resources.length > 0 ||
        (s.catalogue_item_id !== null && r.catalogue_item_id === s.catalogue_item_id) ||
        (s.project_id !== null && r.project_id === s.project_id) ||
        // A region alone is weak evidence; it only brings in candidates when the subject names no service.
        (!s.catalogue_item_id && region !== undefined && r.region?.toLowerCase() === region),
    )
    .map(({ text_hit: _hit, ...r }) => r);
}

/** The trigrams pg_trgm takes from a text: lower-cased words padded with two spaces in front, one behind. */
function trigrams(text: string): Set<string> {
  const out = new Set<string>();
  for (const word of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (!word) continue;
    const padded = `  ${word} `;
    const chars = [...padded];
    for (let i = 0; i + 3 <= chars.length; i++) out.add(chars.slice(i, i + 3).join(''));
  }
  return out;
}

/** pg_trgm's similarity(): shared trigrams over all trigrams of the two texts. */
export function trigramSimilarity(a: string, b: string): number {
  const ta = trigrams(a);
  const tb = trigrams(b);
  if (!ta.size || !tb.size) return 0;
  let shared = 0;
  for (const t of ta) if (tb.has(t)) shared++;
  return shared / (ta.size + tb.size - shared);
}

/** The terms each of a few requests shares with the subject (for the reasons shown to staff). */
export async function sharedTerms(exec: Executor, s: Subject, ids: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (!ids.length || !s.lexemes.length) return out;
  const rows = await exec
    .selectFrom('tickets')
    .select(['id', sql<string[]>`tsvector_to_array(search_all)`.as('lexemes')])
    .where('id', 'in', ids)
    .execute();
  const mine = new Set(s.lexemes);
  for (const r of rows) out.set(r.id, r.lexemes.filter((l) => mine.has(l)));
  return out;
}
