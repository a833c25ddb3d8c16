/** The classifier's suggestion as a routing fact, for the rules dry run (creation reads it from pending.ts). */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { activeModel } from './active-model.js';
import { suggest } from './suggest.js';

export type ClassifiedFacts = Partial<Record<'type' | 'catalogue' | 'priority' | 'line', { label: string; confidence: number }>>;

/** A stored request: its stored suggestion. A request body: classified now by the active model. */
export async function classifiedFacts(
  db: Kysely<DB>,
  source: { ticketId: string } | { subject: string; description: string },
): Promise<ClassifiedFacts | null> {
  if ('ticketId' in source) {
    const rows = await db.selectFrom('ticket_classifications').select(['target', 'label', 'confidence']).where('ticket_id', '=', source.ticketId).execute();
    if (!rows.length) return null;
    return Object.fromEntries(rows.map((r) => [r.target, { label: r.label, confidence: r.confidence }]));
  }
  if (!source.subject && !source.description) return null;
  const active = await activeModel(db, db);
  if (!active) return null;
  const s = suggest(active.model, source.subject, source.description);
  return Object.fromEntries(Object.entries(s).map(([t, v]) => [t, { label: v.label, confidence: v.confidence }]));
}
