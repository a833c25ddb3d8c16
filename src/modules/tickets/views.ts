import { z } from 'zod';
import { channels, priorities, statuses, ticketTypes } from './schemas.js';
import { slaDueView } from '../sla/index.js';

const ref = z.object({ id: z.uuid(), name: z.string() });

export const ticketSummaryView = z.object({
  id: z.uuid(),
  key: z.string().describe('human key, e.g. SUP-1001'),
  subject: z.string(),
  status: z.enum(statuses),
  priority: z.enum(priorities),
  type: z.enum(ticketTypes),
  channel: z.enum(channels),
  organization: ref,
  requester: ref,
  line: z.object({ id: z.uuid(), code: z.string() }).nullable(),
  team: z.object({ id: z.uuid(), code: z.string(), name: z.string() }).nullable(),
  assignee: ref.nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
  version: z.number().int().describe('for If-Match on updates'),
  sla: slaDueView.nullable().optional().describe('list pages: the nearest running SLA deadline (null: none running)'),
  massOutageId: z.uuid().nullable().optional().describe('list pages: the suspected mass outage the request belongs to (L2/L3 staff, duty managers, admins; null otherwise)'),
});

export const ticketView = ticketSummaryView.extend({
  description: z.string(),
  region: z.string().nullable(),
  projectId: z.string().nullable(),
  resourceIds: z.array(z.string()),
  fields: z.record(z.string(), z.unknown()),
  catalogueItem: z.object({ id: z.uuid(), nameEn: z.string(), nameRu: z.string() }).nullable(),
  rating: z.number().int().nullable(),
  ratingComment: z.string().nullable(),
  firstResponseAt: z.date().nullable(),
  resolvedAt: z.date().nullable(),
  closedAt: z.date().nullable(),
  allowedTransitions: z.array(z.enum(statuses)),
  watchers: z.array(ref),
});

export const messageView = z.object({
  id: z.uuid(),
  ticketId: z.uuid(),
  visibility: z.enum(['public', 'internal']),
  body: z.string(),
  createdAt: z.date(),
});

export const timelineView = z.object({
  items: z.array(
    z.union([
      z.object({
        kind: z.literal('message'),
        id: z.string(),
        visibility: z.enum(['public', 'internal']),
        body: z.string(),
        author: z.object({ id: z.uuid(), name: z.string(), kind: z.string() }).nullable(),
        createdAt: z.date(),
        attachments: z.array(z.object({ id: z.uuid(), fileName: z.string(), sizeBytes: z.number(), contentType: z.string() })),
      }),
      z.object({
        kind: z.literal('event'),
        id: z.string(),
        type: z.string(),
        actor: ref.nullable(),
        changes: z.record(z.string(), z.unknown()),
        data: z.record(z.string(), z.unknown()),
        createdAt: z.date(),
      }),
    ]),
  ),
});
