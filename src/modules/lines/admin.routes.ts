import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../shared/context.js';
import { requireActor } from '../../http/auth.js';
import { listLines, saveLine } from './manage-lines.js';
import { createTeam, listTeams, putTeamMember, removeTeamMember, updateTeam, updateAgent } from './manage-teams.js';
import { listReasons, saveReason, setEscalationRequirements } from './manage-reasons.js';
import { requiredInformation } from './escalate-ticket.js';
import { requirementKeys } from './requirements.js';
import { AppError } from '../../shared/errors.js';

const name = z.string().trim().min(1).max(200);
const lineBody = z.object({
  code: z.string().trim().regex(/^[A-Z][A-Z0-9-]{0,19}$/).optional(),
  level: z.number().int().min(1).max(9).optional(),
  nameEn: name.optional(),
  nameRu: name.optional(),
  responsibilitiesEn: z.string().max(5000).optional(),
  responsibilitiesRu: z.string().max(5000).optional(),
  keepsCustomerContact: z.boolean().optional().describe('stays the customer-facing owner while higher lines work'),
});
const teamBody = z.object({
  lineId: z.uuid().optional(),
  nameEn: name.optional(),
  nameRu: name.optional(),
  confidential: z.boolean().optional(),
  autoAssign: z.boolean().optional().describe('assign requests entering the queue to the least-loaded on-shift agent'),
  defaultCapacity: z.number().int().min(0).max(1000).optional().describe('open requests per agent unless the agent has their own'),
  active: z.boolean().optional(),
  skills: z.array(z.string().min(1).max(100)).max(200).optional().describe('catalogue codes the team covers (subtrees)'),
});
const reasonBody = z.object({ code: z.string().trim().regex(/^[a-z0-9_]{1,64}$/).optional(), nameEn: name.optional(), nameRu: name.optional(), active: z.boolean().optional(), sort: z.number().int().optional() });
const idParams = z.object({ id: z.uuid() });
const created = z.object({ id: z.uuid() });
const ok = z.object({ id: z.uuid() });

/** Administration of lines, teams, members, agents, escalation reasons and diagnostic requirements. */
export async function adminRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['lines-admin'];
  const admin = (req: Parameters<typeof requireActor>[0]) => requireActor(req, { scope: 'admin' });

  r.get('/lines', { schema: { tags, summary: 'Lines with responsibilities and live queue counts (staff)' } }, async (req) => listLines(ctx, requireActor(req)));
  r.post('/lines', { schema: { tags, summary: 'Create a line (admin)', body: lineBody.required({ code: true, level: true, nameEn: true, nameRu: true }), response: { 201: created } } }, async (req, reply) =>
    reply.status(201).send({ id: await saveLine(ctx, admin(req), null, req.body) }),
  );
  r.patch('/lines/:id', { schema: { tags, summary: 'Edit a line (admin)', params: idParams, body: lineBody, response: { 200: ok } } }, async (req) => ({ id: await saveLine(ctx, admin(req), req.params.id, req.body) }));

  r.get('/teams', { schema: { tags, summary: 'Teams with members, capacity and skills (staff)' } }, async (req) => listTeams(ctx, requireActor(req)));
  r.post(
    '/teams',
    { schema: { tags, summary: 'Create a team (admin)', body: teamBody.extend({ code: z.string().trim().regex(/^[A-Z0-9][A-Z0-9-]{1,63}$/) }).required({ lineId: true, nameEn: true, nameRu: true }), response: { 201: created } } },
    async (req, reply) => reply.status(201).send({ id: await createTeam(ctx, admin(req), req.body) }),
  );
  r.patch('/teams/:id', { schema: { tags, summary: 'Edit a team (admin)', params: idParams, body: teamBody, response: { 200: ok } } }, async (req) => ({ id: await updateTeam(ctx, admin(req), req.params.id, req.body) }));
  r.put(
    '/teams/:id/members/:userId',
    { schema: { tags, summary: "Add or update a team member (admin); the user joins the team's line", params: idParams.extend({ userId: z.uuid() }), body: z.object({ isLead: z.boolean().optional() }) } },
    async (req, reply) => {
      await putTeamMember(ctx, admin(req), req.params.id, req.params.userId, req.body);
      return reply.status(204).send();
    },
  );
  r.delete('/teams/:id/members/:userId', { schema: { tags, summary: 'Remove a team member (admin)', params: idParams.extend({ userId: z.uuid() }) } }, async (req, reply) => {
    await removeTeamMember(ctx, admin(req), req.params.id, req.params.userId);
    return reply.status(204).send();
  });
  r.patch(
    '/agents/:id',
    {
      schema: {
        tags,
        summary: "An agent's capacity (null = team default) and personal skills (admin)",
        params: idParams,
        body: z.object({ capacity: z.number().int().min(0).max(1000).nullable().optional(), skills: z.array(z.string().min(1).max(100)).max(200).optional() }),
      },
    },
    async (req, reply) => {
      await updateAgent(ctx, admin(req), req.params.id, req.body);
      return reply.status(204).send();
    },
  );

  r.get('/escalation-reasons', { schema: { tags, summary: 'The catalogue of escalation reasons (staff)', querystring: z.object({ all: z.coerce.boolean().optional() }) } }, async (req) =>
    listReasons(ctx, requireActor(req), req.query.all ?? false),
  );
  r.post('/escalation-reasons', { schema: { tags, summary: 'Add a reason (admin)', body: reasonBody.required({ code: true, nameEn: true, nameRu: true }), response: { 201: created } } }, async (req, reply) =>
    reply.status(201).send({ id: await saveReason(ctx, admin(req), null, req.body) }),
  );
  r.patch('/escalation-reasons/:id', { schema: { tags, summary: 'Edit or retire (active=false) a reason (admin)', params: idParams, body: reasonBody, response: { 200: ok } } }, async (req) => ({
    id: await saveReason(ctx, admin(req), req.params.id, req.body),
  }));

  r.get(
    '/catalogue/:id/escalation-requirements',
    { schema: { tags, summary: 'What L1 must collect before escalating requests of this item (staff)', params: idParams, response: { 200: z.object({ requirements: z.array(z.string()) }) } } },
    async (req) => {
      const actor = requireActor(req);
      if (actor.kind !== 'staff') throw new AppError('FORBIDDEN', 'Only support staff may do this');
      return { requirements: await requiredInformation(ctx.db, { catalogue_item_id: req.params.id, type: 'incident' }) };
    },
  );
  r.put(
    '/catalogue/:id/escalation-requirements',
    { schema: { tags, summary: 'Set the list (admin); null restores the default', params: idParams, body: z.object({ requirements: z.array(z.enum(requirementKeys)).nullable() }) } },
    async (req) => {
      const row = await setEscalationRequirements(ctx, admin(req), req.params.id, req.body.requirements);
      return { id: row.id, code: row.code, requirements: row.escalation_requirements };
    },
  );
}
