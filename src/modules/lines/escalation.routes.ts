import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../shared/context.js';
import { ticketKeyParams } from '../../http/request.js';
import { requireActor } from '../../http/auth.js';
import { presentTicket, ticketView } from '../tickets/index.js';
import { escalateTicket } from './escalate-ticket.js';
import { returnTicket } from './return-ticket.js';
import { managerEscalateTicket } from './manager-escalate-ticket.js';
import { acknowledgeManagerEscalation } from './acknowledge-manager-escalation.js';
import { listHandovers } from './list-handovers.js';
import { getOwnership } from './get-ownership.js';
import { takeTicket } from './take-ticket.js';
import { assignTicket } from './assign-ticket.js';
import { escalateInput, handoverView, managerEscalationView, returnInput } from './schemas.js';


type MgrRow = { id: string; ticket_id: string; reason: string; status: 'open' | 'acknowledged'; raised_by_id: string | null; manager_id: string | null; created_at: Date; acknowledged_at: Date | null; acknowledged_by_id: string | null };
const presentMgr = (m: MgrRow) => ({
  id: m.id,
  ticketId: m.ticket_id,
  reason: m.reason,
  status: m.status,
  raisedBy: m.raised_by_id,
  managerId: m.manager_id,
  createdAt: m.created_at,
  acknowledgedAt: m.acknowledged_at,
  acknowledgedBy: m.acknowledged_by_id,
});

/** Moving requests between lines and people: escalate, return, raise to the duty manager, take, assign. */
export async function escalationRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['lines'];

  r.post(
    '/tickets/:key/escalate',
    {
      schema: {
        tags,
        summary: 'Escalate to a higher line (default: the next one) with a reason and a hand-over. From L1, 422 ESCALATION_INFO_MISSING lists the diagnostic information still missing',
        params: ticketKeyParams,
        body: escalateInput,
        response: { 200: ticketView },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      return presentTicket(ctx, actor, await escalateTicket(ctx, actor, req.params.key, req.body));
    },
  );

  r.post(
    '/tickets/:key/return',
    { schema: { tags, summary: 'Return (de-escalate) to a lower line with instructions', params: ticketKeyParams, body: returnInput, response: { 200: ticketView } } },
    async (req) => {
      const actor = requireActor(req);
      return presentTicket(ctx, actor, await returnTicket(ctx, actor, req.params.key, req.body));
    },
  );

  r.get(
    '/tickets/:key/handovers',
    { schema: { tags, summary: 'Hand-overs of escalations and returns, newest first (staff only)', params: ticketKeyParams, response: { 200: z.object({ items: z.array(handoverView) }) } } },
    async (req) => listHandovers(ctx, requireActor(req), req.params.key),
  );

  r.get(
    '/tickets/:key/ownership',
    {
      schema: {
        tags,
        summary: 'Customer-facing owner versus the line working on the request; customers see only whether specialists are engaged',
        params: ticketKeyParams,
        response: {
          200: z.object({
            specialistsEngaged: z.boolean(),
            customerFacing: z.object({ line: z.object({ id: z.uuid(), code: z.string() }).nullable(), teamId: z.uuid().nullable(), agentId: z.uuid().nullable() }).optional(),
            working: z.object({ line: z.object({ id: z.uuid(), code: z.string() }).nullable(), teamId: z.uuid().nullable(), agentId: z.uuid().nullable(), since: z.date() }).optional(),
            escalations: z.number().int().optional(),
            returns: z.number().int().optional(),
            returnedAt: z.date().nullable().optional(),
          }),
        },
      },
    },
    async (req) => getOwnership(ctx, requireActor(req), req.params.key),
  );

  r.post(
    '/tickets/:key/manager-escalate',
    {
      schema: {
        tags,
        summary: 'Hierarchical escalation to the duty manager',
        params: ticketKeyParams,
        body: z.object({ reason: z.string().trim().min(1).max(10_000) }),
        response: { 201: managerEscalationView },
      },
    },
    async (req, reply) => reply.status(201).send(presentMgr(await managerEscalateTicket(ctx, requireActor(req), req.params.key, req.body))),
  );

  r.post(
    '/tickets/:key/manager-escalations/:id/ack',
    {
      schema: { tags, summary: 'The duty manager acknowledges an escalation', params: ticketKeyParams.extend({ id: z.uuid() }), response: { 200: managerEscalationView } },
    },
    async (req) => presentMgr(await acknowledgeManagerEscalation(ctx, requireActor(req), req.params.key, req.params.id)),
  );

  r.post(
    '/tickets/:key/take',
    { schema: { tags, summary: 'Take the request (an agent of the working line)', params: ticketKeyParams, response: { 200: ticketView } } },
    async (req) => {
      const actor = requireActor(req);
      return presentTicket(ctx, actor, await takeTicket(ctx, actor, req.params.key));
    },
  );

  r.post(
    '/tickets/:key/assign',
    {
      schema: {
        tags,
        summary: "Assign to an agent of the request's line (null unassigns)",
        params: ticketKeyParams,
        body: z.object({ assigneeId: z.uuid().nullable() }),
        response: { 200: ticketView },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      return presentTicket(ctx, actor, await assignTicket(ctx, actor, req.params.key, req.body));
    },
  );
}
