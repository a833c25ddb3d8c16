import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../shared/context.js';
import { requireAdmin } from '../../http/auth.js';
import { createWebhook, rotateWebhookSecret } from './create-webhook.js';
import { deleteWebhook, updateWebhook } from './update-webhook.js';
import { getWebhook, listDeliveries, listWebhooks } from './list-webhooks.js';
import { pingWebhook } from './ping-webhook.js';
import { SIGNATURE_DOC } from './signature.js';
import {
  createWebhookInput,
  deliveryView,
  listDeliveriesQuery,
  pageQuery,
  updateWebhookInput,
  webhookView,
  webhookWithSecretView,
} from './schemas.js';

const idParams = z.object({ id: z.uuid().describe('webhook id') });
const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable().describe('pass as cursor for the next page; null on the last') });

/** Outbound webhooks: administrators only. Deliveries are made by the webhook.deliver job, never inline. */
export async function webhookRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['webhooks'];

  r.get(
    '/webhooks',
    { schema: { tags, summary: 'List webhooks, newest first (admin)', description: SIGNATURE_DOC, querystring: pageQuery, response: { 200: page(webhookView) } } },
    async (req) => {
      requireAdmin(req);
      return listWebhooks(ctx, req.query);
    },
  );

  r.post(
    '/webhooks',
    {
      schema: {
        tags,
        summary: 'Register an endpoint for domain events (admin); the signing secret is returned only in this answer',
        description: SIGNATURE_DOC,
        body: createWebhookInput,
        response: { 201: webhookWithSecretView },
      },
    },
    async (req, reply) => {
      const view = await createWebhook(ctx, requireAdmin(req), req.body);
      reply.header('location', `/api/webhooks/${view.id}`);
      return reply.status(201).send(view);
    },
  );

  r.get(
    '/webhooks/:id',
    { schema: { tags, summary: 'One webhook (admin); the secret is never shown again', params: idParams, response: { 200: webhookView } } },
    async (req) => {
      requireAdmin(req);
      return getWebhook(ctx, req.params.id);
    },
  );

  r.patch(
    '/webhooks/:id',
    {
      schema: {
        tags,
        summary: 'Change the URL, event types, description or active flag (admin)',
        params: idParams,
        body: updateWebhookInput,
        response: { 200: webhookView },
      },
    },
    async (req) => {
      requireAdmin(req);
      return updateWebhook(ctx, req.params.id, req.body);
    },
  );

  r.delete(
    '/webhooks/:id',
    { schema: { tags, summary: 'Delete a webhook and its delivery log (admin)', params: idParams } },
    async (req, reply) => {
      requireAdmin(req);
      await deleteWebhook(ctx, req.params.id);
      return reply.status(204).send();
    },
  );

  r.post(
    '/webhooks/:id/rotate-secret',
    {
      schema: {
        tags,
        summary: 'Replace the signing secret at once (admin); the new secret is returned only in this answer',
        params: idParams,
        response: { 200: webhookWithSecretView },
      },
    },
    async (req) => {
      requireAdmin(req);
      return rotateWebhookSecret(ctx, req.params.id);
    },
  );

  r.post(
    '/webhooks/:id/test',
    {
      schema: {
        tags,
        summary: 'Queue a webhook.ping delivery to this endpoint (admin), even if it is inactive; watch the delivery log for the result',
        description: SIGNATURE_DOC,
        params: idParams,
        response: { 202: z.object({ eventId: z.number().int(), deliveryId: z.uuid() }) },
      },
    },
    async (req, reply) => {
      const res = await pingWebhook(ctx, requireAdmin(req), req.params.id);
      return reply.status(202).send(res);
    },
  );

  r.get(
    '/webhooks/:id/deliveries',
    {
      schema: {
        tags,
        summary: 'Delivery log of a webhook, newest first (admin)',
        params: idParams,
        querystring: listDeliveriesQuery,
        response: { 200: page(deliveryView) },
      },
    },
    async (req) => {
      requireAdmin(req);
      return listDeliveries(ctx, req.params.id, req.query);
    },
  );
}
