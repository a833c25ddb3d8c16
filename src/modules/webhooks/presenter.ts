import type { Selectable } from 'kysely';
import type { WebhooksTable } from '../../db/schema.js';
import type { DeliveryView, WebhookView } from './schemas.js';

export type WebhookRow = Selectable<WebhooksTable>;

/** Never includes the secret: it is shown once, by create and rotate-secret only. */
export function presentWebhook(w: WebhookRow): WebhookView {
  return {
    id: w.id,
    url: w.url,
    eventTypes: w.event_types,
    description: w.description,
    active: w.active,
    createdById: w.created_by_id,
    createdAt: w.created_at,
  };
}

export interface DeliveryRow {
  id: string;
  event_id: number;
  event_type: string;
  status: DeliveryView['status'];
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  created_at: Date;
  delivered_at: Date | null;
}

export function presentDelivery(d: DeliveryRow): DeliveryView {
  return {
    id: d.id,
    eventId: d.event_id,
    eventType: d.event_type,
    status: d.status,
    attempts: d.attempts,
    lastStatusCode: d.last_status_code,
    lastError: d.last_error,
    createdAt: d.created_at,
    deliveredAt: d.delivered_at,
  };
}
