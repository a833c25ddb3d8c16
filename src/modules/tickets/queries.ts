import { sql, type Expression, type RawBuilder } from 'kysely';
import type { Executor } from '../../db/executor.js';

/** Joins every request needs for its summary; the caller adds filters, order and limit. */
export function selectTicketSummaries(exec: Executor) {
  return exec
    .selectFrom('tickets')
    .innerJoin('organizations as o', 'o.id', 'tickets.organization_id')
    .innerJoin('users as rq', 'rq.id', 'tickets.requester_id')
    .leftJoin('lines as l', 'l.id', 'tickets.line_id')
    .leftJoin('teams as tm', 'tm.id', 'tickets.team_id')
    .leftJoin('users as asg', 'asg.id', 'tickets.assignee_id')
    .select([
      'tickets.id',
      'tickets.key',
      'tickets.subject',
      'tickets.status',
      'tickets.priority',
      'tickets.type',
      'tickets.channel',
      'tickets.organization_id',
      'o.name as organization_name',
      'tickets.requester_id',
      'rq.name as requester_name',
      'tickets.line_id',
      'l.code as line_code',
      'tickets.team_id',
      'tm.code as team_code',
      'tm.name_en as team_name_en',
      'tm.name_ru as team_name_ru',
      'tickets.assignee_id',
      'asg.name as assignee_name',
      'tickets.created_at',
      'tickets.updated_at',
      'tickets.version',
    ]);
}

export type TicketSummaryRow = Awaited<ReturnType<ReturnType<typeof selectTicketSummaries>['executeTakeFirstOrThrow']>>;

export async function findTicketByKey(exec: Executor, key: string, forUpdate = false) {
  let q = exec.selectFrom('tickets').selectAll().where('key', '=', key.toUpperCase());
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** Russian and English morphology both: a Russian word and an English one each find their stems. */
export function bilingualVector(text: Expression<string> | string, weight?: 'A' | 'B' | 'C' | 'D'): RawBuilder<string> {
  const t = typeof text === 'string' ? sql.val(text) : text;
  const v = sql`to_tsvector('russian', ${t}) || to_tsvector('english', ${t})`;
  return weight ? sql<string>`setweight(${v}, ${sql.lit(weight)})` : sql<string>`(${v})`;
}

const identPatterns = [
  /\b(?:\d{1,3}\.){3}\d{1,3}\b/g, // IPv4
  /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, // UUIDs
  /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, // e-mail addresses
  /\bmcs\d{10}\b/gi, // project IDs
  /\bSUP-\d+\b/gi, // request keys
  /\b(?:[0-9a-f]{1,4}:){2,7}[0-9a-f]{1,4}\b/gi, // IPv6 (common forms)
];

/** Identifiers for trigram search, lower-cased, space-separated, de-duplicated, bounded in size. */
export function extractIdents(...texts: Array<string | null | undefined>): string {
  const found = new Set<string>();
  for (const text of texts) {
    if (!text) continue;
    for (const re of identPatterns) for (const m of text.matchAll(re)) found.add(m[0].toLowerCase());
  }
  return [...found].join(' ').slice(0, 4000);
}

export function mergeIdents(existing: string, more: string): string {
  if (!more) return existing;
  const all = new Set([...existing.split(' '), ...more.split(' ')].filter(Boolean));
  return [...all].join(' ').slice(0, 4000);
}
