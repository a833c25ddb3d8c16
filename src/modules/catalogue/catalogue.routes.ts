import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../shared/context.js';
import { ticketKeyParams } from '../../http/request.js';
import { requireActor } from '../../http/auth.js';
import { priorities, projectIdSchema, ticketTypes } from '../tickets/schemas.js';
import { fieldTypes, requiredLevels } from './form-fields.js';
import { searchCatalogue, getItemForm } from './read-catalogue.js';
import { askCustomer, getTicketForm, updateTicketForm } from './ticket-form.js';
import { createCatalogueItem, formHistory, listCatalogueForAdmin, publishForm, updateCatalogueItem } from './manage-catalogue.js';

const idParams = z.object({ id: z.uuid() });
const kinds = ['service_type', 'category', 'group', 'service'] as const;
const noNul = (s: string) => !s.includes('\u0000');

const option = z.object({ value: z.string(), labelEn: z.string(), labelRu: z.string() });
const fieldView = z.object({
  name: z.string(),
  type: z.enum(fieldTypes),
  labelEn: z.string(),
  labelRu: z.string(),
  helpEn: z.string(),
  helpRu: z.string(),
  required: z.enum(requiredLevels),
  options: z.array(option).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  integer: z.boolean().optional(),
  maxLength: z.number().optional(),
  path: z.string().describe('where the value goes in the create body: projectId, region, resourceIds or fields.<name> (a time window: fields.<name>From and fields.<name>To)'),
});
const region = z.object({ value: z.string(), nameEn: z.string(), nameRu: z.string() });
const missingItem = z.object({ key: z.string(), labelEn: z.string(), labelRu: z.string(), helpEn: z.string(), helpRu: z.string() });
const ticketFormView = z.object({
  ticketKey: z.string(),
  status: z.string(),
  version: z.number(),
  catalogueItem: z.object({ id: z.uuid(), code: z.string(), nameEn: z.string(), nameRu: z.string() }).nullable(),
  form: z.object({ id: z.uuid(), version: z.number(), latestVersion: z.number() }).nullable().describe('the version the request was submitted with'),
  fields: z.array(fieldView.extend({ value: z.unknown() })),
  missing: z.array(missingItem).describe('what is still needed before escalation'),
  regions: z.array(region),
});
const itemView = z.object({
  id: z.uuid(),
  parentId: z.uuid().nullable(),
  code: z.string(),
  kind: z.enum(kinds),
  nameEn: z.string(),
  nameRu: z.string(),
  descriptionEn: z.string(),
  descriptionRu: z.string(),
  defaultType: z.string().nullable(),
  defaultPriority: z.string().nullable(),
  defaultLineId: z.uuid().nullable(),
  defaultTeamId: z.uuid().nullable(),
  escalationRequirements: z.array(z.string()).nullable(),
  active: z.boolean(),
  sort: z.number(),
});
const formVersionView = z.object({
  id: z.uuid(),
  itemId: z.uuid(),
  version: z.number(),
  fields: z.array(fieldView.omit({ path: true })),
  comment: z.string(),
  createdAt: z.date(),
  createdById: z.uuid().nullable(),
});

const name = z.string().trim().min(1).max(200).refine(noNul, 'must not contain NUL characters');
const description = z.string().trim().max(5000).refine(noNul, 'must not contain NUL characters');
const itemBody = z.object({
  parentId: z.uuid().nullable().optional(),
  nameEn: name.optional(),
  nameRu: name.optional(),
  descriptionEn: description.optional(),
  descriptionRu: description.optional(),
  defaultType: z.enum(ticketTypes).nullable().optional(),
  defaultPriority: z.enum(priorities).nullable().optional(),
  defaultLineId: z.uuid().nullable().optional(),
  defaultTeamId: z.uuid().nullable().optional(),
  active: z.boolean().optional().describe('false deactivates: the item leaves the portal; existing requests keep it'),
  sort: z.number().int().min(0).max(1_000_000).optional(),
});
const scalar = z.union([z.string().max(10_000).refine(noNul, 'must not contain NUL characters'), z.number(), z.boolean(), z.null()]);

/** The service catalogue: search and forms for everyone, the request's form values, and administration. */
export async function catalogueRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['catalogue'];

  r.get(
    '/catalogue/search',
    {
      schema: {
        tags,
        summary: 'Find services by words of their Russian or English names (or the names of the levels above)',
        querystring: z.object({ q: z.string().trim().min(1).max(200), limit: z.coerce.number().int().min(1).max(50).default(20) }),
        response: {
          200: z.object({
            items: z.array(
              z.object({ id: z.uuid(), code: z.string(), nameEn: z.string(), nameRu: z.string(), pathEn: z.array(z.string()), pathRu: z.array(z.string()), defaultType: z.string().nullable(), defaultPriority: z.string().nullable() }),
            ),
          }),
        },
      },
    },
    async (req) => searchCatalogue(ctx, requireActor(req), req.query.q, req.query.limit),
  );

  r.get(
    '/catalogue/items/:id/form',
    {
      schema: {
        tags,
        summary: 'The current form of an active service: typed fields, required flags, and where each value goes',
        params: idParams,
        response: {
          200: z.object({
            item: z.object({ id: z.uuid(), code: z.string(), kind: z.enum(kinds), nameEn: z.string(), nameRu: z.string(), descriptionEn: z.string(), descriptionRu: z.string() }),
            form: z.object({ id: z.uuid(), version: z.number() }).nullable(),
            fields: z.array(fieldView),
            regions: z.array(region),
          }),
        },
      },
    },
    async (req) => getItemForm(ctx, requireActor(req), req.params.id),
  );

  r.get(
    '/tickets/:key/form',
    { schema: { tags, summary: "The request's form (the version it was submitted with), its values and what is still missing", params: ticketKeyParams, response: { 200: ticketFormView } } },
    async (req) => getTicketForm(ctx, requireActor(req), req.params.key),
  );

  r.patch(
    '/tickets/:key/form',
    {
      schema: {
        tags,
        summary: "Fill in or correct the request's form values (customer of the organisation or staff); validated against the request's form version",
        description: 'A customer completing what the request was waiting for resumes it (pending_customer → open).',
        params: ticketKeyParams,
        body: z.object({
          fields: z.record(z.string().max(100), scalar).optional().describe('values by field name; null removes one; a time window is <name>From and <name>To'),
          projectId: projectIdSchema.nullable().optional(),
          region: z.string().trim().min(1).max(64).nullable().optional(),
          resourceIds: z.array(z.string().trim().min(1).max(200)).max(50).optional(),
          version: z.number().int().positive().optional().describe('the request version you saw; 409 if it changed'),
        }),
        response: { 200: ticketFormView },
      },
    },
    async (req) => updateTicketForm(ctx, requireActor(req), req.params.key, req.body),
  );

  r.post(
    '/tickets/:key/form/ask',
    { schema: { tags, summary: 'Ask the customer for the missing information now (staff): public message, pending_customer', params: ticketKeyParams, response: { 200: ticketFormView } } },
    async (req) => askCustomer(ctx, requireActor(req), req.params.key),
  );

  r.get(
    '/admin/catalogue',
    {
      schema: {
        tags,
        summary: 'Every catalogue item, inactive ones too, with its current form version (admin)',
        response: { 200: z.object({ items: z.array(itemView.extend({ formVersion: z.number().nullable(), fieldCount: z.number() })) }) },
      },
    },
    async (req) => ({ items: await listCatalogueForAdmin(ctx, requireActor(req, { scope: 'admin' })) }),
  );

  r.post(
    '/admin/catalogue/items',
    {
      schema: {
        tags,
        summary: 'Add a catalogue item (admin): service type → category → group → service',
        body: itemBody.extend({ code: z.string().trim().regex(/^[a-z0-9][a-z0-9._-]{0,99}$/, 'lowercase letters, digits and . _ -'), kind: z.enum(kinds) }).required({ nameEn: true, nameRu: true }),
        response: { 201: itemView },
      },
    },
    async (req, reply) => reply.status(201).send(await createCatalogueItem(ctx, requireActor(req, { scope: 'admin' }), req.body)),
  );

  r.patch(
    '/admin/catalogue/items/:id',
    {
      schema: {
        tags,
        summary: 'Edit, move, deactivate or reactivate a catalogue item (admin)',
        params: idParams,
        body: itemBody.refine((b) => Object.keys(b).length > 0, { message: 'nothing to change' }),
        response: { 200: itemView },
      },
    },
    async (req) => updateCatalogueItem(ctx, requireActor(req, { scope: 'admin' }), req.params.id, req.body),
  );

  r.get(
    '/admin/catalogue/items/:id/forms',
    {
      schema: {
        tags,
        summary: "The item's form versions, newest first, and its change history (admin)",
        params: idParams,
        response: {
          200: z.object({
            currentFormId: z.uuid().nullable(),
            versions: z.array(formVersionView.extend({ createdBy: z.string().nullable() })),
            events: z.array(z.object({ id: z.number(), type: z.string(), changes: z.unknown(), data: z.unknown(), at: z.date(), actorName: z.string().nullable() })),
          }),
        },
      },
    },
    async (req) => formHistory(ctx, requireActor(req, { scope: 'admin' }), req.params.id),
  );

  r.put(
    '/admin/catalogue/items/:id/form',
    {
      schema: {
        tags,
        summary: "Save the item's form as a new version (admin); requests keep the version they were submitted with",
        params: idParams,
        body: z.object({ fields: z.array(z.record(z.string(), z.unknown())).max(60), comment: z.string().trim().max(1000).optional() }),
        response: { 200: z.object({ created: z.boolean(), form: formVersionView }) },
      },
    },
    async (req) => publishForm(ctx, requireActor(req, { scope: 'admin' }), req.params.id, req.body),
  );
}
