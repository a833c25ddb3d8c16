import { z } from 'zod';
import { priorities, statuses, ticketTypes } from '../tickets/index.js';

const noNul = (s: string) => !s.includes('\u0000');

/** Placeholders a template may use; anything else inside {{ }} is rejected on save. */
export const placeholders = ['customer.name', 'ticket.key', 'ticket.subject', 'agent.name', 'org.name'] as const;

export const macroActions = z
  .object({
    set: z
      .object({
        priority: z.enum(priorities).optional(),
        type: z.enum(ticketTypes).optional(),
        teamId: z.uuid().optional().describe("hand the request to this team (and the team's line)"),
        tags: z.array(z.string().trim().min(1).max(50).regex(/^[^,]+$/, 'no commas').refine((s) => !s.includes('\u0000'), 'must not contain NUL characters')).max(20).optional().describe('tags added to the request (form field "tags")'),
      })
      .strict()
      .optional(),
    message: z
      .object({
        visibility: z.enum(['public', 'internal']).describe('public = reply to the customer; internal = note'),
        body: z.string().trim().min(1).max(20_000).refine(noNul, 'must not contain NUL characters').describe(`template; placeholders: ${placeholders.map((p) => `{{${p}}}`).join(', ')}`),
      })
      .strict()
      .optional(),
    status: z.enum(statuses).optional(),
  })
  .strict()
  .refine((a) => (a.set && Object.values(a.set).some((v) => v !== undefined)) || a.message || a.status, { message: 'a macro needs at least one action' });
export type MacroActions = z.infer<typeof macroActions>;

const scope = {
  lineId: z.uuid().nullable().optional().describe('only agents of this line use it'),
  teamId: z.uuid().nullable().optional().describe('only members of this team use it'),
};
export const createMacroInput = z.object({
  name: z.string().trim().min(1).max(200).refine(noNul, 'must not contain NUL characters'),
  description: z.string().trim().max(2000).optional(),
  ...scope,
  actions: macroActions,
  active: z.boolean().optional(),
});
export const updateMacroInput = createMacroInput.partial().refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' });
export type CreateMacroInput = z.infer<typeof createMacroInput>;
export type UpdateMacroInput = z.infer<typeof updateMacroInput>;

export const macroView = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  lineId: z.uuid().nullable(),
  teamId: z.uuid().nullable(),
  actions: z.record(z.string(), z.unknown()),
  active: z.boolean(),
  updatedAt: z.string(),
});
