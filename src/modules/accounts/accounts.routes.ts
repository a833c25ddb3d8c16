import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../shared/context.js';
import { AppError } from '../../shared/errors.js';
import { requireActor, requireAdmin, requireStaff } from '../../http/auth.js';
import { projectIdSchema } from '../tickets/schemas.js';
import { organizationInput, organizationPatch, organizationView, userInput, userView } from './schemas.js';
import { createOrganization, listOrganizations, setProjects, updateOrganization } from './organizations.js';
import { createUser, listUsers, presentUser, setUserDisabled } from './users.js';

const idParams = z.object({ id: z.uuid() });
const orgNotFound = () => new AppError('ORGANIZATION_NOT_FOUND', 'Organisation not found');

/** Customer organisations with their projects, user accounts of every kind, and Marketplace vendors. */
export async function accountRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/organizations',
    { schema: { tags: ['accounts'], summary: 'Customer organisations (staff: all; a customer: their own)', response: { 200: z.object({ items: z.array(organizationView) }) } } },
    async (req) => {
      const actor = requireActor(req);
      if (actor.kind === 'customer') return { items: await listOrganizations(ctx.db, { id: actor.organizationId ?? undefined }) };
      requireStaff(req);
      return { items: await listOrganizations(ctx.db) };
    },
  );

  r.get(
    '/organizations/:id',
    { schema: { tags: ['accounts'], summary: 'One organisation', params: idParams, response: { 200: organizationView } } },
    async (req) => {
      const actor = requireActor(req);
      if (actor.kind !== 'staff' && actor.organizationId !== req.params.id) throw orgNotFound();
      const [org] = await listOrganizations(ctx.db, { id: req.params.id });
      if (!org) throw orgNotFound();
      return org;
    },
  );

  r.post(
    '/organizations',
    { schema: { tags: ['accounts'], summary: 'Create a customer organisation (admin)', body: organizationInput, response: { 201: organizationView } } },
    async (req, reply) => {
      const id = await createOrganization(ctx, requireAdmin(req), req.body);
      const [org] = await listOrganizations(ctx.db, { id });
      if (!org) throw orgNotFound();
      return reply.status(201).send(org);
    },
  );

  r.patch(
    '/organizations/:id',
    { schema: { tags: ['accounts'], summary: 'Change an organisation (admin)', params: idParams, body: organizationPatch, response: { 200: organizationView } } },
    async (req) => {
      await updateOrganization(ctx, requireAdmin(req), req.params.id, req.body);
      const [org] = await listOrganizations(ctx.db, { id: req.params.id });
      if (!org) throw orgNotFound();
      return org;
    },
  );

  r.put(
    '/organizations/:id/projects',
    {
      schema: {
        tags: ['accounts'],
        summary: "Replace the organisation's cloud project IDs (admin)",
        params: idParams,
        body: z.object({ projectIds: z.array(projectIdSchema).max(500) }),
        response: { 200: organizationView },
      },
    },
    async (req) => {
      await setProjects(ctx, requireAdmin(req), req.params.id, req.body.projectIds);
      const [org] = await listOrganizations(ctx.db, { id: req.params.id });
      if (!org) throw orgNotFound();
      return org;
    },
  );

  r.get(
    '/users',
    {
      schema: {
        tags: ['accounts'],
        summary: "Users (staff: all; an organisation admin: their organisation's)",
        querystring: z.object({ kind: z.enum(['customer', 'staff', 'vendor', 'integration']).optional(), organizationId: z.uuid().optional() }),
        response: { 200: z.object({ items: z.array(userView) }) },
      },
    },
    async (req) => ({ items: (await listUsers(ctx, requireActor(req), req.query)).map(presentUser) }),
  );

  r.post(
    '/users',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Create a user: customer (admin or the organisation admin), staff, vendor or integration (admin). An integration user gets a token, shown once.',
        body: userInput,
        response: { 201: z.object({ user: userView, token: z.string().optional() }) },
      },
    },
    async (req, reply) => {
      const res = await createUser(ctx, requireActor(req), req.body);
      return reply.status(201).send({ user: presentUser(res.user), ...(res.token ? { token: res.token } : {}) });
    },
  );

  for (const [path, disabled] of [['disable', true], ['enable', false]] as const) {
    r.post(
      `/users/:id/${path}`,
      { schema: { tags: ['accounts'], summary: `${disabled ? 'Disable' : 'Enable'} a user (admin); disabling ends their sessions and tokens`, params: idParams } },
      async (req, reply) => {
        await setUserDisabled(ctx, requireAdmin(req), req.params.id, disabled);
        return reply.status(204).send();
      },
    );
  }

  r.get(
    '/vendors',
    { schema: { tags: ['accounts'], summary: 'Marketplace vendors (staff)', response: { 200: z.object({ items: z.array(z.object({ id: z.uuid(), name: z.string(), product: z.string() })) }) } } },
    async (req) => {
      requireStaff(req);
      return { items: await ctx.db.selectFrom('vendors').select(['id', 'name', 'product']).orderBy('name').execute() };
    },
  );

  r.post(
    '/vendors',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Register a Marketplace vendor (admin)',
        body: z.object({ name: z.string().trim().min(1).max(200), product: z.string().trim().max(200).default('') }),
        response: { 201: z.object({ id: z.uuid(), name: z.string(), product: z.string() }) },
      },
    },
    async (req, reply) => {
      requireAdmin(req);
      const v = await ctx.db.insertInto('vendors').values(req.body).returning(['id', 'name', 'product']).executeTakeFirstOrThrow();
      return reply.status(201).send(v);
    },
  );
}
