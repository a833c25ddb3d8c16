import { z } from 'zod';
import { projectIdSchema } from '../tickets/schemas.js';

const timeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'not an IANA time zone');

export const organizationInput = z.object({
  name: z.string().trim().min(1).max(200),
  supportPlanCode: z.string().max(50).optional().describe('e.g. standard, basic, business, premium'),
  language: z.enum(['ru', 'en']).default('ru'),
  timeZone: timeZone.default('Europe/Moscow'),
  projectIds: z.array(projectIdSchema).max(500).default([]),
});
export const organizationPatch = organizationInput.partial().omit({ projectIds: true });

const password = z.string().min(10).max(200).describe('at least 10 characters');

export const userInput = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('customer'),
    email: z.email(),
    name: z.string().trim().min(1).max(200),
    organizationId: z.uuid(),
    orgRole: z.enum(['member', 'admin']).default('member'),
    locale: z.enum(['ru', 'en']).optional(),
    password: password.optional(),
  }),
  z.object({
    kind: z.literal('staff'),
    email: z.email(),
    name: z.string().trim().min(1).max(200),
    staffRole: z.enum(['agent', 'duty_manager', 'admin']).default('agent'),
    lineCodes: z.array(z.string().max(10)).default([]),
    teamCodes: z.array(z.string().max(50)).default([]),
    locale: z.enum(['ru', 'en']).optional(),
    password: password.optional(),
  }),
  z.object({
    kind: z.literal('vendor'),
    email: z.email(),
    name: z.string().trim().min(1).max(200),
    vendorId: z.uuid(),
    locale: z.enum(['ru', 'en']).optional(),
    password: password.optional(),
  }),
  z.object({
    kind: z.literal('integration'),
    name: z.string().trim().min(1).max(200).describe('e.g. Alertmanager production'),
    email: z.email().optional().describe('a contact address; defaults to a generated one'),
  }),
]);
export type UserInput = z.infer<typeof userInput>;

export const userView = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  kind: z.enum(['customer', 'staff', 'vendor', 'integration']),
  organizationId: z.uuid().nullable(),
  orgRole: z.enum(['member', 'admin']).nullable(),
  staffRole: z.enum(['agent', 'duty_manager', 'admin']).nullable(),
  vendorId: z.uuid().nullable(),
  locale: z.enum(['ru', 'en']),
  disabled: z.boolean(),
  createdAt: z.date(),
});

export const organizationView = z.object({
  id: z.uuid(),
  name: z.string(),
  supportPlan: z.object({ code: z.string(), name: z.string() }).nullable(),
  language: z.enum(['ru', 'en']),
  timeZone: z.string(),
  projectIds: z.array(z.string()),
  createdAt: z.date(),
});
