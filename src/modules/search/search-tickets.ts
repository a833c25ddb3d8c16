import { sql } from 'kysely';
import type { AppContext } from '../../shared/context.js';
import type { Actor } from '../identity/actor.js';
import { presentSummary, selectTicketSummaries, visibleTo } from '../tickets/index.js';

/** How many of the newest matches are ranked by relevance; older ones are not returned. */
const RANKED_CANDIDATES = 200;

/**
 * Full-text search with Russian and English morphology, plus trigram matching of identifiers
 * (request keys, project IDs, IPs, UUIDs, e-mails). Customers and vendors match public text only.
 */
export async function searchTickets(ctx: AppContext, actor: Actor, input: { q: string; limit: number }) {
  const q = input.q.trim();
  const staff = actor.kind === 'staff' || actor.kind === 'integration';
  const vector = staff ? sql.ref('tickets.search_all') : sql.ref('tickets.search_public');
  const tsq = sql`(websearch_to_tsquery('russian', ${q}) || websearch_to_tsquery('english', ${q}))`;
  const ident = q.toLowerCase();
  const identLike = ident.length >= 3 && /[\d@.:-]/.test(ident);
  // A common word matches tens of thousands of requests; ranking them all takes hundreds of ms. Rank
  // only the most recently updated matches: the planner walks the updated_at index for common terms
  // and uses the GIN indexes (then sorts) for rare ones.
  const candidates = ctx.db
    .selectFrom('tickets')
    .select('tickets.id')
    .where(visibleTo(actor))
    .where((eb) =>
      identLike
        ? eb.or([eb(sql`${vector}`, '@@', tsq), eb('tickets.idents', 'like', `%${escapeLike(ident)}%`)])
        : eb(sql`${vector}`, '@@', tsq),
    )
    .orderBy('tickets.updated_at', 'desc')
    .orderBy('tickets.id', 'desc')
    .limit(RANKED_CANDIDATES);
  const rows = await selectTicketSummaries(ctx.db)
    .select(sql<number>`ts_rank_cd(${vector}, ${tsq}) + CASE WHEN ${identLike} AND tickets.idents LIKE ${'%' + escapeLike(ident) + '%'} THEN 1 ELSE 0 END`.as('rank'))
    .select(sql<string>`left(tickets.description, 200)`.as('snippet'))
    .where('tickets.id', 'in', candidates)
    .orderBy('rank', 'desc')
    .orderBy('tickets.updated_at', 'desc')
    .limit(input.limit)
    .execute();
  return { items: rows.map((r) => ({ ...presentSummary(r, actor.locale), rank: Number(r.rank), snippet: r.snippet })) };
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
