import { z } from 'zod';

const text = (max: number) => z.string().trim().max(max);
export const lineCodes = ['L2', 'L3', 'L4'] as const;

export const escalateInput = z.object({
  toLineCode: z.string().trim().min(1).max(20).optional().describe('e.g. L2; default: the next line up'),
  toTeamId: z.uuid().optional().describe('a team of the target line; default: the team whose skills cover the catalogue item'),
  reasonCode: z.string().trim().min(1).max(64).describe('a code from GET /api/escalation-reasons'),
  reasonText: text(10_000).optional(),
  handover: z
    .object({
      checked: text(20_000).min(1).describe('what was checked'),
      found: text(20_000).min(1).describe('what was found'),
      toldCustomer: text(20_000).min(1).describe('what the customer was told'),
    })
    .describe('the hand-over the receiving line reads first'),
});
export type EscalateInput = z.infer<typeof escalateInput>;

export const returnInput = z.object({
  toLineCode: z.string().trim().min(1).max(20).optional().describe('default: the line that escalated it'),
  toTeamId: z.uuid().optional(),
  instructions: text(20_000).min(1).describe('what the lower line should do or tell the customer'),
});
export type ReturnInput = z.infer<typeof returnInput>;

export const handoverView = z.object({
  id: z.uuid(),
  kind: z.enum(['escalation', 'return']),
  fromLine: z.string().nullable(),
  fromTeam: z.string().nullable(),
  toLine: z.string(),
  toTeam: z.string().nullable(),
  reason: z.object({ code: z.string(), name: z.string() }).nullable(),
  reasonText: z.string(),
  checked: z.string(),
  found: z.string(),
  toldCustomer: z.string(),
  instructions: z.string(),
  actor: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  createdAt: z.date(),
});

export const managerEscalationView = z.object({
  id: z.uuid(),
  ticketId: z.uuid(),
  reason: z.string(),
  status: z.enum(['open', 'acknowledged']),
  raisedBy: z.uuid().nullable(),
  managerId: z.uuid().nullable().describe('the duty manager on shift when raised, if any'),
  createdAt: z.date(),
  acknowledgedAt: z.date().nullable(),
  acknowledgedBy: z.uuid().nullable(),
});
