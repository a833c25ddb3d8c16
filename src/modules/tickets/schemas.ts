import { z } from 'zod';

export const ticketTypes = ['incident', 'question', 'service_request', 'billing', 'access_recovery', 'vendor', 'feedback', 'security'] as const;
export const priorities = ['critical', 'high', 'medium', 'low'] as const;
export const statuses = ['new', 'open', 'pending_customer', 'pending_vendor', 'on_hold', 'resolved', 'closed'] as const;
export const channels = ['portal', 'api', 'phone', 'email', 'chat', 'monitoring'] as const;

export const projectIdSchema = z.string().regex(/^mcs\d{10}$/, "a project ID is 'mcs' followed by 10 digits");

// PostgreSQL text cannot hold NUL; reject it at the edge with a clear message instead of a database error.
const noNul = (s: string) => !s.includes('\u0000');
const text = (max: number) => z.string().trim().min(1).max(max).refine(noNul, 'must not contain NUL characters');

const fieldsSchema = z
  .record(z.string().max(100).refine(noNul, 'must not contain NUL characters'), z.union([z.string().max(10_000).refine(noNul, 'must not contain NUL characters'), z.number(), z.boolean(), z.null()]))
  .refine((f) => Object.keys(f).length <= 100, 'at most 100 fields');

export const createTicketInput = z.object({
  subject: text(300).describe('one line'),
  description: text(100_000),
  type: z.enum(ticketTypes).optional().describe('defaults from the catalogue item, else incident'),
  priority: z.enum(priorities).optional().describe('defaults from the catalogue item and type'),
  catalogueItemId: z.uuid().optional(),
  region: z.string().trim().min(1).max(64).optional(),
  projectId: projectIdSchema.optional(),
  resourceIds: z.array(z.string().trim().min(1).max(200)).max(50).optional(),
  fields: fieldsSchema.optional(),
  channel: z.enum(channels).optional().describe('portal for customers; staff registering a call use phone'),
  organizationId: z.uuid().optional().describe('staff only: the customer organisation'),
  requesterId: z.uuid().optional().describe('staff only: the customer user the request is for'),
});
export type CreateTicketInput = z.infer<typeof createTicketInput>;

export const updateTicketInput = z
  .object({
    subject: text(300).optional(),
    type: z.enum(ticketTypes).optional(),
    priority: z.enum(priorities).optional(),
    catalogueItemId: z.uuid().nullable().optional(),
    region: z.string().trim().min(1).max(64).nullable().optional(),
    projectId: projectIdSchema.nullable().optional(),
    resourceIds: z.array(z.string().trim().min(1).max(200)).max(50).optional(),
    lineId: z.uuid().nullable().optional(),
    teamId: z.uuid().nullable().optional(),
    assigneeId: z.uuid().nullable().optional(),
    vendorId: z.uuid().nullable().optional(),
    fields: fieldsSchema.optional().describe('form fields to set (merged into the existing ones; null removes a field), e.g. timeWindow, errorText'),
    version: z.number().int().positive().optional().describe('alternative to the If-Match header'),
  })
  .refine((v) => Object.keys(v).some((k) => k !== 'version'), { message: 'nothing to change' });
export type UpdateTicketInput = z.infer<typeof updateTicketInput>;

export const listTicketsQuery = z.object({
  status: z.union([z.enum(statuses), z.array(z.enum(statuses))]).optional(),
  lineId: z.uuid().optional(),
  teamId: z.uuid().optional(),
  assigneeId: z.union([z.uuid(), z.enum(['me', 'none'])]).optional(),
  organizationId: z.uuid().optional(),
  priority: z.union([z.enum(priorities), z.array(z.enum(priorities))]).optional(),
  type: z.union([z.enum(ticketTypes), z.array(z.enum(ticketTypes))]).optional(),
  catalogueItemId: z.uuid().optional(),
  requesterId: z.uuid().optional(),
  createdFrom: z.coerce.date().optional(),
  createdTo: z.coerce.date().optional(),
  updatedFrom: z.coerce.date().optional(),
  updatedTo: z.coerce.date().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export type ListTicketsQuery = z.infer<typeof listTicketsQuery>;
