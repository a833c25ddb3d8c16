import type { Visibility } from '../../db/schema.js';
import type { WebhookPayload } from './schemas.js';

export interface EventForPayload {
  id: number;
  type: string;
  created_at: Date;
  visibility: Visibility;
  ticket_id: string | null;
  ticket_key: string | null;
  organization_id: string | null;
  actor_id: string | null;
  changes: unknown;
  data: unknown;
}

const asRecord = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

// Receivers sit outside our trust boundary (chat channels, other tools): message text, internal
// notes above all, must never leave in a payload even if an event producer put it into `data`.
const textKeys = new Set(['body', 'text', 'html']);

export function buildPayload(e: EventForPayload): WebhookPayload {
  const data = Object.fromEntries(Object.entries(asRecord(e.data)).filter(([k]) => !textKeys.has(k)));
  return {
    id: e.id,
    type: e.type,
    createdAt: e.created_at.toISOString(),
    visibility: e.visibility,
    ticket: e.ticket_id && e.ticket_key ? { id: e.ticket_id, key: e.ticket_key } : null,
    organizationId: e.organization_id,
    actorId: e.actor_id,
    changes: asRecord(e.changes) as WebhookPayload['changes'],
    data,
  };
}
