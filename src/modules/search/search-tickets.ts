import { sql } from 'kysely';
import type { AppContext } from '../../shared/context.js';
import type { Actor } from '../identity/actor.js';
import { presentSummary, selectTicketSummaries, visibleTo } from '../tickets/index.js';

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
  const rows = await selectTicketSummaries(ctx.db)
    .select(sql<number>`ts_rank_cd(${vector}, ${tsq}) + CASE WHEN ${identLike} AND tickets.idents LIKE ${'%' + escapeLike(ident) + '%'} THEN 1 ELSE 0 END`.as('rank'))
    .select(sql<string>`left(tickets.description, 200)`.as('snippet'))
    .where(visibleTo(actor))
    .where((eb) =>
      identLike
        ? eb.or([eb(sql`${vector}`, '@@', tsq), eb('tickets.idents', 'like', `%${escapeLike(ident)}%`)])
        : eb(sql`${vector}`, '@@', tsq),
    )
    .orderBy('rank', 'desc')
    .orderBy('tickets.updated_at', 'desc')
    .limit(input.limit)
    .execute();
  return { items: rows.map((r) => ({ ...presentSummary(r, actor.locale), rank: Number(r.rank), snippet: r.snippet })) };
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
