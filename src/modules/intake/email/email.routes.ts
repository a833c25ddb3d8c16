import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../shared/context.js';
import { requireActor, requireAdmin, requireStaff } from '../../../http/auth.js';
import { listTemplates, previewTemplate, resetTemplate, saveTemplate } from './manage-templates.js';
import { getOutboundEmail, listOutbox, retryOutboundEmail } from './outbox.js';
import { TEMPLATE_NAMES } from './templates.js';

const tags = ['email'];
const templateParams = z.object({
  name: z.enum(TEMPLATE_NAMES).describe('template name'),
  locale: z.enum(['ru', 'en']).describe('language of the template'),
});
const templateText = z.object({
  subject: z.string().trim().min(1).max(500).refine((s) => !/[\r\n]/.test(s), 'must be one line'),
  body: z.string().min(1).max(20_000),
});
const templateView = z.object({
  name: z.enum(TEMPLATE_NAMES),
  locale: z.enum(['ru', 'en']),
  audience: z.enum(['customer', 'staff']),
  subject: z.string(),
  body: z.string(),
  customized: z.boolean().describe('false = the shipped default is in use'),
  updatedAt: z.string().nullable(),
  placeholders: z.array(z.string()).describe('every {{placeholder}} this template may use'),
  default: z.object({ subject: z.string(), body: z.string() }),
});
const outboundStatus = z.enum(['queued', 'sent', 'partial', 'failed', 'outbox', 'held', 'digested']).describe('held: an SLA mail over the per-recipient rate, summed up in a digest at the window end (then digested)');
const delivery = z.object({
  recipient: z.string(),
  status: z.enum(['pending', 'sent', 'failed']),
  attempts: z.number().int(),
  response: z.string().nullable(),
  lastError: z.string().nullable(),
  updatedAt: z.string(),
});
const outboundSummary = z.object({
  id: z.uuid(),
  ticketKey: z.string(),
  template: z.string(),
  status: outboundStatus,
  subject: z.string(),
  to: z.array(z.string()),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  deliveries: z.array(delivery),
});
const outboundDetail = outboundSummary.omit({ subject: true, to: true }).extend({
  headers: z.object({
    from: z.string().nullable(),
    to: z.array(z.string()),
    subject: z.string(),
    messageId: z.string().nullable(),
    inReplyTo: z.string().nullable(),
    references: z.array(z.string()),
  }),
  bodyText: z.string().describe('plain text; never render it as HTML'),
});
const idParams = z.object({ id: z.uuid() });

/** Notification templates (administrators) and the outbox of outgoing mail (administrators, duty managers). */
export async function emailRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/email/templates', { schema: { tags, summary: 'Notification templates in every language, with their placeholders and defaults (admin)', response: { 200: z.object({ items: z.array(templateView) }) } } }, async (req) => ({
    items: await listTemplates(ctx.db, requireActor(req)),
  }));

  r.put(
    '/email/templates/:name/:locale',
    {
      schema: {
        tags,
        summary: 'Change a template (admin); an unknown {{placeholder}} is refused with 400 naming it',
        params: templateParams,
        body: templateText,
        response: { 200: templateView },
      },
    },
    async (req) => saveTemplate(ctx, requireAdmin(req), req.params.name, req.params.locale, req.body),
  );

  r.delete(
    '/email/templates/:name/:locale',
    { schema: { tags, summary: 'Reset a template to the shipped default (admin)', params: templateParams, response: { 200: templateView } } },
    async (req) => resetTemplate(ctx, requireAdmin(req), req.params.name, req.params.locale),
  );

  r.post(
    '/email/templates/:name/:locale/preview',
    {
      schema: {
        tags,
        summary: 'Render a draft (or the saved text) with sample data (admin); unknown placeholders are listed',
        params: templateParams,
        body: z.object({ subject: z.string().max(500).optional(), body: z.string().max(20_000).optional() }),
        response: { 200: z.object({ subject: z.string(), body: z.string(), unknownPlaceholders: z.array(z.string()) }) },
      },
    },
    async (req) => previewTemplate(ctx.db, requireActor(req), req.params.name, req.params.locale, req.body),
  );

  r.get(
    '/email/outbox',
    {
      schema: {
        tags,
        summary: 'Outgoing mail, newest first, with per-recipient delivery status (admins, duty managers)',
        querystring: z.object({ status: outboundStatus.optional(), cursor: z.string().max(200).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: { 200: z.object({ items: z.array(outboundSummary), nextCursor: z.string().nullable() }) },
      },
    },
    async (req) => listOutbox(ctx.db, requireStaff(req), req.query),
  );

  r.get('/email/outbox/:id', { schema: { tags, summary: 'One outgoing message: headers, text body and delivery log', params: idParams, response: { 200: outboundDetail } } }, async (req) =>
    getOutboundEmail(ctx.db, requireStaff(req), req.params.id),
  );

  r.post(
    '/email/outbox/:id/retry',
    { schema: { tags, summary: 'Queue the failed recipients of a failed or partly delivered message again', params: idParams, response: { 200: outboundDetail } } },
    async (req) => retryOutboundEmail(ctx, requireStaff(req), req.params.id),
  );
}
