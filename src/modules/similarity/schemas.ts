import { z } from 'zod';
import { statuses, priorities } from '../tickets/index.js';

export { ticketKeyParams as keyParams } from '../../http/request.js';

const ticketKey = z
  .string()
  .trim()
  .regex(/^SUP-\d{1,18}$/i, 'a request key such as SUP-1001');

export const linkInput = z.object({
  kind: z.enum(['duplicate_of', 'related']).describe('duplicate_of: this request duplicates the target (same organisation only); related: any two requests'),
  targetKey: ticketKey.describe('the other request'),
});

export const duplicateInput = z.object({
  originalKey: ticketKey.describe('the request this one duplicates (same organisation)'),
  comment: z.string().trim().max(10_000).optional().describe('added to the public note to the customer'),
});

const ref = z.object({ id: z.uuid(), name: z.string() });
const linkedTicket = z.object({ key: z.string(), subject: z.string(), status: z.enum(statuses) });

export const linkView = z.object({
  id: z.uuid(),
  kind: z.enum(['duplicate_of', 'duplicated_by', 'related']).describe('as seen from this request'),
  ticket: linkedTicket,
  organization: ref.optional().describe('staff only'),
  createdAt: z.date(),
});

const reasonsView = z.object({
  sharedTerms: z.array(z.string()).describe('stems both requests use'),
  subjectSimilarity: z.number(),
  sameService: z.boolean(),
  sameRegion: z.boolean(),
  sameProject: z.boolean(),
  sameOrganization: z.boolean(),
  sharedResources: z.array(z.string()),
});

export const massOutageView = z.object({
  id: z.uuid(),
  status: z.enum(['suspected', 'acknowledged', 'dismissed']),
  service: z.object({ id: z.uuid(), code: z.string(), nameEn: z.string(), nameRu: z.string() }).nullable(),
  region: z.string().nullable(),
  organizationCount: z.number().int(),
  ticketCount: z.number().int(),
  firstSeenAt: z.date(),
  lastSeenAt: z.date(),
  createdAt: z.date(),
  updatedAt: z.date(),
  acknowledgedAt: z.date().nullable(),
  acknowledgedBy: z.uuid().nullable(),
  dismissedAt: z.date().nullable(),
  dismissedBy: z.uuid().nullable(),
  note: z.string(),
});

export const massOutageDetailView = massOutageView.extend({
  members: z.array(
    z.object({
      key: z.string(),
      subject: z.string(),
      status: z.enum(statuses),
      priority: z.enum(priorities),
      region: z.string().nullable(),
      organization: ref,
      createdAt: z.date(),
      addedAt: z.date(),
    }),
  ),
});

export const similarView = z.object({
  items: z.array(
    z.object({
      key: z.string(),
      subject: z.string(),
      status: z.enum(statuses),
      organization: ref,
      createdAt: z.date(),
      score: z.number().describe('0..1'),
      likelyDuplicate: z.boolean().describe('same organisation and score at or above duplicateThreshold'),
      suggestedAtIntake: z.boolean(),
      link: z.enum(['duplicate_of', 'duplicated_by', 'related']).nullable(),
      reasons: reasonsView,
    }),
  ),
  duplicateThreshold: z.number(),
  massOutage: massOutageDetailView.nullable().describe('the mass-outage candidate this request belongs to (L2/L3, duty managers, admins)'),
});

const asArray = <T extends z.ZodTypeAny>(t: T) => z.union([t, z.array(t)]).transform((v) => (Array.isArray(v) ? v : [v]) as Array<z.infer<T>>);

export const listMassOutagesQuery = z.object({
  status: asArray(z.enum(['suspected', 'acknowledged', 'dismissed'])).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(200).optional(),
});

export const decisionInput = z.object({ note: z.string().trim().max(2000).optional() }).default({});
