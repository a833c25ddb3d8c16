import { z } from 'zod';
import { eventTypePattern } from './event-types.js';

const url = z
  .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
  .max(2000)
  .describe('where deliveries are POSTed; http or https only');

const eventTypes = z
  .array(z.string().regex(eventTypePattern, "an exact type ('ticket.created'), a prefix ('ticket.*') or '*'").max(100))
  .min(1)
  .max(50)
  .transform((types) => [...new Set(types)])
  .describe("event types to receive: exact ('ticket.created'), a prefix ('ticket.*') or '*' for all");

export const createWebhookInput = z.object({
  url,
  eventTypes,
  description: z.string().trim().max(500).optional().describe('what the endpoint is for, shown to admins'),
  active: z.boolean().default(true).describe('an inactive webhook receives nothing (its pending retries stop too)'),
});
export type CreateWebhookInput = z.infer<typeof createWebhookInput>;

export const updateWebhookInput = z
  .object({
    url: url.optional(),
    eventTypes: eventTypes.optional(),
    description: z.string().trim().max(500).optional(),
    active: z.boolean().optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), 'send at least one field to change');
export type UpdateWebhookInput = z.infer<typeof updateWebhookInput>;

export const deliveryStatuses = ['pending', 'delivered', 'failed'] as const;

export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25).describe('page size'),
  cursor: z.string().max(200).optional().describe('nextCursor from the previous page'),
});
export type PageQuery = z.infer<typeof pageQuery>;

export const listDeliveriesQuery = pageQuery.extend({
  status: z.enum(deliveryStatuses).optional().describe('only deliveries in this state'),
});
export type ListDeliveriesQuery = z.infer<typeof listDeliveriesQuery>;

export const webhookView = z.object({
  id: z.uuid(),
  url: z.string(),
  eventTypes: z.array(z.string()),
  description: z.string(),
  active: z.boolean(),
  createdById: z.uuid().nullable(),
  createdAt: z.date(),
});
export type WebhookView = z.infer<typeof webhookView>;

export const webhookWithSecretView = webhookView.extend({
  secret: z.string().describe('HMAC key for x-tierdesk-signature; shown only now, store it on the receiver'),
});

export const deliveryView = z.object({
  id: z.uuid().describe('also sent as x-tierdesk-delivery'),
  eventId: z.number().int(),
  eventType: z.string(),
  status: z.enum(deliveryStatuses).describe('pending until a 2xx answer; failed after the last retry'),
  attempts: z.number().int().describe('POSTs made so far'),
  lastStatusCode: z.number().int().nullable().describe('HTTP status of the last attempt; null if it got no answer'),
  lastError: z.string().nullable().describe('why the last attempt failed (non-2xx, timeout, connection error)'),
  createdAt: z.date(),
  deliveredAt: z.date().nullable(),
});
export type DeliveryView = z.infer<typeof deliveryView>;

/** The body every delivery carries; documented here so the OpenAPI page shows receivers what to parse. */
export const webhookPayload = z.object({
  id: z.number().int().describe('event id; the same event is never sent twice to one webhook, so use it to deduplicate'),
  type: z.string().describe("e.g. 'ticket.created', 'ticket.status_changed', 'webhook.ping'"),
  createdAt: z.string().describe('ISO 8601 time of the event'),
  visibility: z.enum(['public', 'internal']).describe("'internal' events must not be shown to customers"),
  ticket: z.object({ id: z.uuid(), key: z.string() }).nullable(),
  organizationId: z.uuid().nullable(),
  actorId: z.uuid().nullable(),
  changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })).describe('changed fields: { field: { from, to } }'),
  data: z.record(z.string(), z.unknown()).describe('event details; messages are referenced by id, their text is never sent'),
});
export type WebhookPayload = z.infer<typeof webhookPayload>;
