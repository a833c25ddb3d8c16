import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../shared/context.js';
import { ifMatchVersion, ticketKeyParams } from '../../http/request.js';
import { requireActor } from '../../http/auth.js';
import { createTicketInput, listTicketsQuery, statuses, updateTicketInput } from './schemas.js';
import { messageView, ticketSummaryView, ticketView, timelineView } from './views.js';
import { createTicket } from './create-ticket.js';
import { listTickets } from './list-tickets.js';
import { getTicket, presentTicket } from './get-ticket.js';
import { updateTicket } from './update-ticket.js';
import { changeStatus, rateTicket, reopenTicket } from './change-status.js';
import { addMessage } from './add-message.js';
import { getTimeline } from './timeline.js';
import { addWatcher, removeWatcher } from './watchers.js';
import type { Ticket } from '../../db/schema.js';
import type { Actor } from '../identity/actor.js';

const idempotencyHeader = z.object({
  'idempotency-key': z.string().min(1).max(200).regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces').optional().describe('a retry with the same key returns the same request'),
});

export async function ticketRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['tickets'];

  async function respond(reply: FastifyReply, actor: Actor, t: Ticket, status = 200) {
    reply.header('etag', `"${t.version}"`);
    return reply.status(status).send(await presentTicket(ctx, actor, t));
  }

  r.post(
    '/tickets',
    {
      schema: {
        tags,
        summary: 'Register a request (customer for their organisation; staff on behalf of a customer, e.g. a phone call)',
        headers: idempotencyHeader,
        body: createTicketInput,
        response: { 201: ticketView },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const res = await createTicket(ctx, actor, req.body, req.headers['idempotency-key']);
      const t = await ctx.db.selectFrom('tickets').selectAll().where('id', '=', res.ticketId).executeTakeFirstOrThrow();
      if (res.replayed) reply.header('idempotent-replayed', 'true');
      reply.header('location', `/api/tickets/${res.key}`);
      return respond(reply, actor, t, 201);
    },
  );

  r.get(
    '/tickets',
    {
      schema: {
        tags,
        summary: 'List requests the caller may see, newest activity first; follow nextCursor for more',
        querystring: listTicketsQuery,
        response: { 200: z.object({ items: z.array(ticketSummaryView), nextCursor: z.string().nullable() }) },
      },
    },
    async (req) => listTickets(ctx, requireActor(req), req.query),
  );

  r.get(
    '/tickets/:key',
    { schema: { tags, summary: 'One request', params: ticketKeyParams, response: { 200: ticketView } } },
    async (req, reply) => {
      const view = await getTicket(ctx, requireActor(req), req.params.key);
      reply.header('etag', `"${view.version}"`);
      return view;
    },
  );

  r.patch(
    '/tickets/:key',
    {
      schema: {
        tags,
        summary: 'Change fields (staff). Send If-Match with the version; a stale version is 409 VERSION_CONFLICT',
        params: ticketKeyParams,
        body: updateTicketInput,
        response: { 200: ticketView },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const t = await updateTicket(ctx, actor, req.params.key, req.body, ifMatchVersion(req));
      return respond(reply, actor, t);
    },
  );

  r.post(
    '/tickets/:key/status',
    {
      schema: {
        tags,
        summary: 'Move the request to another status (staff); invalid moves are 409 INVALID_TRANSITION',
        params: ticketKeyParams,
        body: z.object({ status: z.enum(statuses), comment: z.string().trim().min(1).max(100_000).optional().describe('sent to the customer as a public reply') }),
        response: { 200: ticketView },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      return respond(reply, actor, await changeStatus(ctx, actor, req.params.key, req.body, ifMatchVersion(req)));
    },
  );

  r.post(
    '/tickets/:key/resolve',
    {
      schema: {
        tags,
        summary: 'Resolve the request (staff), optionally with a public comment',
        params: ticketKeyParams,
        body: z.object({ comment: z.string().trim().min(1).max(100_000).optional() }).optional(),
        response: { 200: ticketView },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      return respond(reply, actor, await changeStatus(ctx, actor, req.params.key, { status: 'resolved', comment: req.body?.comment }, ifMatchVersion(req)));
    },
  );

  r.post(
    '/tickets/:key/reopen',
    {
      schema: {
        tags,
        summary: 'Send a resolved request back to work with a reason (customer, within the reopen period)',
        params: ticketKeyParams,
        body: z.object({ reason: z.string().trim().min(1).max(10_000) }),
        response: { 200: ticketView },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      return respond(reply, actor, await reopenTicket(ctx, actor, req.params.key, req.body));
    },
  );

  r.post(
    '/tickets/:key/rate',
    {
      schema: {
        tags,
        summary: 'Rate a resolved request 1–5 (customer); this closes it',
        params: ticketKeyParams,
        body: z.object({ rating: z.number().int().min(1).max(5), comment: z.string().trim().max(10_000).optional() }),
        response: { 200: ticketView },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      return respond(reply, actor, await rateTicket(ctx, actor, req.params.key, req.body));
    },
  );

  r.get(
    '/tickets/:key/timeline',
    { schema: { tags, summary: 'Messages and history, oldest first (internal entries for staff only)', params: ticketKeyParams, response: { 200: timelineView } } },
    async (req) => getTimeline(ctx, requireActor(req), req.params.key),
  );

  r.post(
    '/tickets/:key/messages',
    {
      schema: {
        tags,
        summary: 'Add a public reply or (staff) an internal note',
        params: ticketKeyParams,
        body: z.object({ body: z.string().trim().min(1).max(100_000), visibility: z.enum(['public', 'internal']).default('public') }),
        response: { 201: messageView },
      },
    },
    async (req, reply) => {
      const m = await addMessage(ctx, requireActor(req), req.params.key, req.body);
      return reply.status(201).send({ id: m.id, ticketId: m.ticket_id, visibility: m.visibility, body: m.body, createdAt: m.created_at });
    },
  );

  r.put(
    '/tickets/:key/watchers/:userId',
    { schema: { tags, summary: 'Add a watcher', params: ticketKeyParams.extend({ userId: z.uuid() }) } },
    async (req, reply) => {
      await addWatcher(ctx, requireActor(req), req.params.key, req.params.userId);
      return reply.status(204).send();
    },
  );

  r.delete(
    '/tickets/:key/watchers/:userId',
    { schema: { tags, summary: 'Remove a watcher', params: ticketKeyParams.extend({ userId: z.uuid() }) } },
    async (req, reply) => {
      await removeWatcher(ctx, requireActor(req), req.params.key, req.params.userId);
      return reply.status(204).send();
    },
  );
}
